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
 * {@code docker}: the BuildKit inside a Docker Engine. With no endpoint, the engine the build's
 * environment names ({@code DOCKER_HOST}, or the local socket), as the Docker CLI would choose.
 */
public final class DockerDriverConfig extends DriverConfig {
    private String endpoint;

    @DataBoundConstructor
    public DockerDriverConfig() {
    }

    @DataBoundSetter public void setEndpoint(String value) { endpoint = blankToNull(value); }
    public String getEndpoint() { return endpoint; }

    @Override
    List<Problem> problems() {
        return dockerProblems("endpoint", endpoint, getCredentialsId(), getCaCertificate());
    }

    /** The problems of a Docker Engine's address and TLS; {@code field} is what the form calls the address. */
    static List<Problem> dockerProblems(String field, String endpoint, String credentialsId, String caCertificate) {
        List<Problem> problems = new ArrayList<>(problemsOfEndpoint(field, endpoint, false, "unix", "tcp"));
        if ((credentialsId != null || caCertificate != null) && (endpoint == null || !endpoint.startsWith("tcp://"))) {
            problems.add(new Problem("credentialsId", "TLS applies to a tcp:// endpoint only"));
        }
        if (credentialsId != null && caCertificate == null) {
            problems.add(new Problem("caCertificate", "required with a client certificate (the CA that signed the engine's certificate)"));
        }
        return problems;
    }

    @Override
    DriverSpec toSpec(String builderName, String buildkitdConfig, String buildkitdFlags, List<String> platforms,
            CredentialLookup lookup) throws IOException {
        return new DriverSpec(DriverKind.DOCKER, builderName, platforms, endpoint, tls(null, lookup), Map.of(), null);
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
