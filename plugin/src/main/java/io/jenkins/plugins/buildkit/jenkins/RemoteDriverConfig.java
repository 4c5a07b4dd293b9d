package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.BuildSpec.Problem;
import io.jenkins.plugins.buildkit.driver.DriverSpec;
import hudson.Extension;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.jenkins.plugins.buildkit.driver.DriverKind;
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

    @DataBoundSetter public void setServerName(String value) { serverName = blankToNull(value); }
    public String getServerName() { return serverName; }
    @DataBoundSetter public void setCaCertPath(String value) { caCertPath = blankToNull(value); }
    public String getCaCertPath() { return caCertPath; }
    @DataBoundSetter public void setCertPath(String value) { certPath = blankToNull(value); }
    public String getCertPath() { return certPath; }
    @DataBoundSetter public void setKeyPath(String value) { keyPath = blankToNull(value); }
    public String getKeyPath() { return keyPath; }

    @Override
    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>(problemsOfEndpoint("endpoint", endpoint, true, "tcp", "unix"));
        if (getCredentialsId() != null && (certPath != null || keyPath != null)) {
            problems.add(new Problem("credentialsId", "give a certificate credential or certPath and keyPath, not both"));
        }
        if ((certPath == null) != (keyPath == null)) {
            problems.add(certPath == null ? new Problem("certPath", "required when keyPath is given") : new Problem("keyPath", "required when certPath is given"));
        }
        if (getCaCertificate() != null && caCertPath != null) {
            problems.add(new Problem("caCertificate", "give the CA certificate or caCertPath, not both"));
        }
        boolean tls = getCredentialsId() != null || certPath != null || serverName != null;
        if (tls && getCaCertificate() == null && caCertPath == null) {
            problems.add(new Problem("caCertificate", "required for TLS (the CA that signed the daemon's certificate)"));
        }
        if (getCaCertificate() != null && !getCaCertificate().contains("-----BEGIN CERTIFICATE-----")) {
            problems.add(new Problem("caCertificate", "not a PEM certificate (-----BEGIN CERTIFICATE-----)"));
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
        return new DriverSpec(DriverKind.REMOTE, builderName, platforms, endpoint, t, Map.of(), null);
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
