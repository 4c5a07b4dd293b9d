package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import java.util.Map;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code docker}: the BuildKit inside a Docker Engine. With no endpoint, the engine the build's
 * environment names ({@code DOCKER_HOST}, or the local socket), as the Docker CLI would choose.
 */
public final class DockerDriverConfig extends DriverConfig {
    private String endpoint;

    @DataBoundConstructor
    public DockerDriverConfig() {
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = blankToNull(endpoint);
    }

    @Override
    List<String> problems() {
        return dockerProblems(endpoint, getCredentialsId(), getCaCertificate());
    }

    static List<String> dockerProblems(String endpoint, String credentialsId, String caCertificate) {
        List<String> problems = new ArrayList<>(problemsOfEndpoint("endpoint", endpoint, false, "unix", "tcp"));
        if ((credentialsId != null || caCertificate != null) && (endpoint == null || !endpoint.startsWith("tcp://"))) {
            problems.add("credentialsId: TLS applies to a tcp:// endpoint only");
        }
        if (credentialsId != null && caCertificate == null) {
            problems.add("caCertificate: required with a client certificate (the CA that signed the engine's certificate)");
        }
        return problems;
    }

    @Override
    DriverSpec toSpec(String builderName, String buildkitdConfig, String buildkitdFlags, List<String> platforms,
            CredentialLookup lookup) throws IOException {
        return new Spec(builderName, platforms, endpoint, tls(null, lookup));
    }

    /** A docker builder as the agent makes it. */
    public static final class Spec extends DriverSpec {
        private static final long serialVersionUID = 1L;

        public Spec(String builderName, List<String> platforms, String endpoint, Tls tls) {
            super(builderName, platforms, endpoint, tls);
        }

        @Override
        public DockerDriver create(Map<String, String> env) throws IOException {
            return new DockerDriver(builderName(), dockerEndpoint(env), null);
        }
    }

    @Extension
    @Symbol("docker")
    public static final class DescriptorImpl extends DriverDescriptor {
        @Override
        public String getDisplayName() {
            return Messages.DockerDriverConfig_DisplayName();
        }

        public FormValidation doCheckEndpoint(@QueryParameter String value) {
            return validate(problemsOfEndpoint("endpoint", value, false, "unix", "tcp"), "endpoint");
        }

        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            return checkPem(value);
        }

        @POST
        public FormValidation doTestConnection(@QueryParameter String endpoint, @QueryParameter String credentialsId,
                @QueryParameter String caCertificate, @QueryParameter String name) {
            DockerDriverConfig c = new DockerDriverConfig();
            c.setEndpoint(endpoint);
            c.setCredentialsId(credentialsId);
            c.setCaCertificate(caCertificate);
            return testConnection(c, name);
        }
    }
}
