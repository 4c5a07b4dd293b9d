package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code remote}: a buildkitd someone else runs, over TCP (plain or mutual TLS) or a unix socket. TLS
 * comes from a certificate credential plus a CA certificate, or from PEM files on the agent.
 */
public final class RemoteDriverConfig extends DriverConfig {
    private final String endpoint;
    private String serverName;
    private String caCertPath;
    private String certPath;
    private String keyPath;

    @DataBoundConstructor
    public RemoteDriverConfig(String endpoint) {
        this.endpoint = blankToNull(endpoint);
    }

    public String getEndpoint() {
        return endpoint;
    }

    public String getServerName() {
        return serverName;
    }

    @DataBoundSetter
    public void setServerName(String serverName) {
        this.serverName = blankToNull(serverName);
    }

    public String getCaCertPath() {
        return caCertPath;
    }

    @DataBoundSetter
    public void setCaCertPath(String caCertPath) {
        this.caCertPath = blankToNull(caCertPath);
    }

    public String getCertPath() {
        return certPath;
    }

    @DataBoundSetter
    public void setCertPath(String certPath) {
        this.certPath = blankToNull(certPath);
    }

    public String getKeyPath() {
        return keyPath;
    }

    @DataBoundSetter
    public void setKeyPath(String keyPath) {
        this.keyPath = blankToNull(keyPath);
    }

    @Override
    List<String> problems() {
        List<String> problems = new ArrayList<>(problemsOfEndpoint("endpoint", endpoint, true, "tcp", "unix"));
        if (getCredentialsId() != null && (certPath != null || keyPath != null)) {
            problems.add("credentialsId: give a certificate credential or certPath and keyPath, not both");
        }
        if ((certPath == null) != (keyPath == null)) {
            problems.add(certPath == null ? "certPath: required when keyPath is given" : "keyPath: required when certPath is given");
        }
        if (getCaCertificate() != null && caCertPath != null) {
            problems.add("caCertificate: give the CA certificate or caCertPath, not both");
        }
        boolean tls = getCredentialsId() != null || certPath != null || serverName != null;
        if (tls && getCaCertificate() == null && caCertPath == null) {
            problems.add("caCertificate: required for TLS (the CA that signed the daemon's certificate)");
        }
        if (getCaCertificate() != null && !getCaCertificate().contains("-----BEGIN CERTIFICATE-----")) {
            problems.add("caCertificate: not a PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return problems;
    }

    @Override
    DriverSpec toSpec(String builderName, String buildkitdConfig, String buildkitdFlags, List<String> platforms,
            CredentialLookup lookup) throws IOException {
        DriverSpec.Tls t = tls(serverName, lookup);
        if (t != null) {
            t = new DriverSpec.Tls(t.caPem(), t.certPem(), t.keyPem(), t.serverName(), caCertPath, certPath, keyPath);
        }
        return new Spec(builderName, platforms, endpoint, t);
    }

    /** A remote builder as the agent makes it. */
    public static final class Spec extends DriverSpec {
        private static final long serialVersionUID = 1L;

        public Spec(String builderName, List<String> platforms, String endpoint, Tls tls) {
            super(builderName, platforms, endpoint, tls);
        }

        @Override
        public Driver create(Map<String, String> env) throws IOException {
            TlsConfig config = tls == null ? null : tls.toConfig();
            RemoteDriverOptions options = config == null
                    ? new RemoteDriverOptions(endpoint, null, null, null, null, null)
                    : new RemoteDriverOptions(endpoint, config.caPem(), config.certPem(), config.keyPem(), config.serverName(), null);
            List<String> problems = options.problems();
            if (!problems.isEmpty()) {
                throw new IOException("builder " + builderName() + ": " + String.join("; ", problems));
            }
            return new RemoteDriver(builderName(), options);
        }
    }

    @Extension
    @Symbol("remote")
    public static final class DescriptorImpl extends DriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.RemoteDriverConfig_DisplayName();
        }

        public FormValidation doCheckEndpoint(@QueryParameter String value) {
            return validate(new RemoteDriverConfig(value).problems(), "endpoint");
        }

        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return checkPem(value);
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String endpoint, @QueryParameter String serverName,
                @QueryParameter String credentialsId, @QueryParameter String caCertificate,
                @QueryParameter String caCertPath, @QueryParameter String certPath, @QueryParameter String keyPath,
                @QueryParameter String name) {
            RemoteDriverConfig c = new RemoteDriverConfig(endpoint);
            c.setServerName(serverName);
            c.setCredentialsId(credentialsId);
            c.setCaCertificate(caCertificate);
            c.setCaCertPath(caCertPath);
            c.setCertPath(certPath);
            c.setKeyPath(keyPath);
            return testConnection(c, name);
        }
    }
}
