package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildkit.build.BuildSpec.Problem;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverKind;
import io.jenkins.plugins.buildkit.driver.DriverSpec;
import io.jenkins.plugins.buildkit.driver.kubernetes.KubernetesDriverOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code kubernetes}: BuildKit pods of the builder's own, made through the Kubernetes API. The cluster
 * is reached with a kubeconfig (a Secret file credential), or an API server URL with a token (a
 * Secret text credential) and its CA; with neither, the agent's own access (its pod's service account,
 * else its default kubeconfig). {@code options} holds Buildx's other {@code --driver-opt} values, one
 * {@code KEY=VALUE} per line.
 */
public final class KubernetesDriverConfig extends DriverConfig {
    private String kubeconfigCredentialsId;
    private String serverUrl;
    private String tokenCredentialsId;
    private String namespace;
    private String image;
    private String replicas;
    private String options;

    @DataBoundConstructor
    public KubernetesDriverConfig() {
    }

    @DataBoundSetter public void setKubeconfigCredentialsId(String value) { kubeconfigCredentialsId = blankToNull(value); }
    public String getKubeconfigCredentialsId() { return kubeconfigCredentialsId; }
    @DataBoundSetter public void setServerUrl(String value) { serverUrl = blankToNull(value); }
    public String getServerUrl() { return serverUrl; }
    @DataBoundSetter public void setTokenCredentialsId(String value) { tokenCredentialsId = blankToNull(value); }
    public String getTokenCredentialsId() { return tokenCredentialsId; }
    @DataBoundSetter public void setNamespace(String value) { namespace = blankToNull(value); }
    public String getNamespace() { return namespace; }
    @DataBoundSetter public void setImage(String value) { image = blankToNull(value); }
    public String getImage() { return image; }
    @DataBoundSetter public void setReplicas(String value) { replicas = blankToNull(value); }
    public String getReplicas() { return replicas; }
    @DataBoundSetter public void setOptions(String value) { options = blankToNull(value); }
    public String getOptions() { return options; }

    /** Buildx's driver options: the form's fields, then the lines of {@code options}. */
    Map<String, String> driverOptions(String buildkitdFlags) {
        Map<String, String> o = new LinkedHashMap<>();
        if (options != null) {
            for (String line : options.split("\\r?\\n")) {
                int eq = line.indexOf('=');
                if (!line.isBlank()) {
                    if (eq <= 0) {
                        throw new IllegalArgumentException("options: \"" + line.trim() + "\" is not KEY=VALUE");
                    }
                    o.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        }
        putIfGiven(o, "namespace", namespace);
        putIfGiven(o, "image", image);
        putIfGiven(o, "replicas", replicas);
        putIfGiven(o, "buildkitd-flags", buildkitdFlags);
        return o;
    }

    private static void putIfGiven(Map<String, String> o, String key, String value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    @Override
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (kubeconfigCredentialsId != null && serverUrl != null) {
            problems.add(new Problem("serverUrl", "give a kubeconfig or an API server URL, not both"));
        }
        if (serverUrl != null && tokenCredentialsId == null) {
            problems.add(new Problem("tokenCredentialsId", "required with an API server URL"));
        }
        if (serverUrl != null && !serverUrl.startsWith("https://")) {
            problems.add(new Problem("serverUrl", "\"" + serverUrl + "\" is not an https:// URL"));
        }
        try {
            KubernetesDriverOptions.parse(driverOptions(null));
        } catch (InvalidRequestException e) {
            // the form's own fields show their problems; every other option is a line of "options"
            String option = e.problems().get(0).field();
            problems.add(new Problem(java.util.Set.of("namespace", "image", "replicas").contains(option) ? option : "options", e.getMessage()));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem("options", e.getMessage()));
        }
        return problems;
    }

    @Override
    DriverSpec toSpec(String builderName, String buildkitdConfig, String buildkitdFlags, List<String> platforms,
            CredentialLookup lookup) throws IOException {
        DriverSpec.Tls ca = getCaCertificate() == null ? null
                : new DriverSpec.Tls(getCaCertificate(), null, null, null, null, null, null);
        DriverSpec spec = new DriverSpec(DriverKind.KUBERNETES, builderName, platforms, serverUrl, ca,
                driverOptions(buildkitdFlags), buildkitdConfig);
        if (lookup == null) {
            return spec;
        }
        SecretValue kubeconfig = null;
        if (kubeconfigCredentialsId != null) {
            FileCredentials file = lookup.find(kubeconfigCredentialsId, FileCredentials.class);
            if (file == null) {
                throw new InvalidRequestException("kubeconfigCredentialsId", "no Secret file credential with id \"" + kubeconfigCredentialsId + "\"");
            }
            try (InputStream in = file.getContent()) {
                kubeconfig = SecretValue.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        SecretValue token = null;
        if (tokenCredentialsId != null) {
            StringCredentials text = lookup.find(tokenCredentialsId, StringCredentials.class);
            if (text == null) {
                throw new InvalidRequestException("tokenCredentialsId", "no Secret text credential with id \"" + tokenCredentialsId + "\"");
            }
            token = SecretValue.of(text.getSecret().getPlainText());
        }
        return spec.withClusterAccess(kubeconfig, token);
    }

    /** The cluster's version and the builder's pods; unlike a build, it makes nothing. */
    @Override
    String probe(DriverSpec spec) throws IOException, InterruptedException, BuildKitException {
        try (Driver driver = spec.create(System.getenv())) {
            return driver.probe();
        }
    }

    @Extension
    @Symbol("kubernetes")
    public static final class DescriptorImpl extends DriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.KubernetesDriverConfig_DisplayName();
        }

        public ListBoxModel doFillKubeconfigCredentialsIdItems(@QueryParameter String kubeconfigCredentialsId) {
            return rootCredentials(kubeconfigCredentialsId, FileCredentials.class);
        }

        public ListBoxModel doFillTokenCredentialsIdItems(@QueryParameter String tokenCredentialsId) {
            return rootCredentials(tokenCredentialsId, StringCredentials.class);
        }

        public FormValidation doCheckOptions(@QueryParameter String value) {
            KubernetesDriverConfig c = new KubernetesDriverConfig();
            c.setOptions(value);
            return validate(c.problems(), "options");
        }

        public FormValidation doCheckReplicas(@QueryParameter String value) {
            KubernetesDriverConfig c = new KubernetesDriverConfig();
            c.setReplicas(value);
            return validate(c.problems(), "replicas");
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String kubeconfigCredentialsId, @QueryParameter String serverUrl,
                @QueryParameter String tokenCredentialsId, @QueryParameter String caCertificate, @QueryParameter String namespace,
                @QueryParameter String options, @QueryParameter String name) {
            KubernetesDriverConfig c = new KubernetesDriverConfig();
            c.setKubeconfigCredentialsId(kubeconfigCredentialsId);
            c.setServerUrl(serverUrl);
            c.setTokenCredentialsId(tokenCredentialsId);
            c.setCaCertificate(caCertificate);
            c.setNamespace(namespace);
            c.setOptions(options);
            return testConnection(c, name);
        }
    }
}
