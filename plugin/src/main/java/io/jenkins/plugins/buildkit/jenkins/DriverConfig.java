package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.build.BuildSpec.Problem;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverSpec;
import io.jenkins.plugins.buildkit.client.CertificatePem;
import io.jenkins.plugins.buildkit.client.SecretValue;
import com.cloudbees.plugins.credentials.common.StandardCertificateCredentials;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildkit.driver.BuilderInfo;
import io.jenkins.plugins.buildkit.driver.docker.DockerEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * How a builder reaches BuildKit: one subclass, with its own descriptor and form, per Buildx driver.
 * A new driver is one new subclass.
 */
public abstract class DriverConfig extends AbstractDescribableImpl<DriverConfig> {
    /** TLS, for every driver: a certificate credential (client certificate and key) and the CA in PEM. */
    private String credentialsId;
    private String caCertificate;

    @DataBoundSetter public void setCredentialsId(String value) { credentialsId = blankToNull(value); }
    public String getCredentialsId() { return credentialsId; }
    @DataBoundSetter public void setCaCertificate(String value) { caCertificate = blankToNull(value); }
    public String getCaCertificate() { return caCertificate; }

    /**
     * The driver's part of a build: what the agent needs to make the driver, credentials resolved.
     * With no {@code lookup}, the spec carries no TLS and reads nothing: enough to know the driver.
     */
    abstract DriverSpec toSpec(String builderName, String buildkitdConfig, String buildkitdFlags, List<String> platforms,
            CredentialLookup lookup) throws IOException;

    /** Every problem with the settings, each naming its field; empty when they are usable. */
    abstract List<Problem> problems();

    /** What "Test connection" reports: by default the daemon's version and platforms. */
    String probe(DriverSpec spec) throws IOException, InterruptedException, BuildKitException {
        try (Driver driver = spec.create(System.getenv())) {
            return BuilderInfo.inspect(driver).describe();
        }
    }

    /** TLS from a certificate credential (client certificate and key) and a CA certificate in PEM. */
    DriverSpec.Tls tls(String serverName, CredentialLookup lookup) throws IOException {
        if (lookup == null) {
            return null;
        }
        String cert = null;
        SecretValue key = null;
        if (credentialsId != null && !credentialsId.isBlank()) {
            StandardCertificateCredentials c = lookup.find(credentialsId, StandardCertificateCredentials.class);
            if (c == null) {
                throw new InvalidRequestException("credentialsId", "no certificate credential with id \"" + credentialsId + "\"");
            }
            // the Credentials plugin declares the password non-null; an empty one stands for none
            String password = c.getPassword().getPlainText();
            CertificatePem pem = CertificatePem.from(c.getKeyStore(), password.toCharArray(), credentialsId);
            cert = pem.certificateChain();
            key = pem.privateKey();
        }
        return new DriverSpec.Tls(blankToNull(caCertificate), cert, key, blankToNull(serverName), null, null, null);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static List<Problem> problemsOfEndpoint(String field, String endpoint, boolean required, String... schemes) {
        List<Problem> problems = new ArrayList<>();
        String e = blankToNull(endpoint);
        if (e == null) {
            if (required) {
                problems.add(new Problem(field, "required"));
            }
            return problems;
        }
        for (String scheme : schemes) {
            if (e.startsWith(scheme + "://") && e.length() > scheme.length() + 3) {
                return problems;
            }
        }
        problems.add(new Problem(field, "\"" + e + "\" is not a " + String.join(":// or ", schemes) + ":// address"));
        return problems;
    }

    /** Shared by the drivers' descriptors: the administrator-only "Test connection" button. */
    public abstract static class DriverDescriptor extends Descriptor<DriverConfig> {

        /** Reaches the builder from the controller and reports its BuildKit version and platforms. */
        FormValidation testConnection(DriverConfig config, String builderName) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            List<Problem> problems = config.problems();
            if (!problems.isEmpty()) {
                return FormValidation.error(String.join("; ", problems.stream().map(Problem::toString).toList()));
            }
            try {
                String name = builderName == null || builderName.isBlank() ? "connection-test" : builderName.trim();
                DriverSpec spec = config.toSpec(name, null, null, List.of(), CredentialLookup.system());
                return FormValidation.ok(config.probe(spec) + FROM_THE_CONTROLLER);
            } catch (IOException | BuildKitException e) {
                return FormValidation.error(e.getMessage() + FROM_THE_CONTROLLER);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return FormValidation.error("interrupted");
            } catch (RuntimeException e) {
                return FormValidation.error(DockerEngine.describe(e) + FROM_THE_CONTROLLER);
            }
        }

        /** Builds connect from their agent, whose environment and files may differ from the controller's. */
        static final String FROM_THE_CONTROLLER = "\n(Tested from the controller. A build connects from the agent it"
                + " runs on, which reads DOCKER_HOST, KUBECONFIG and file paths there.)";

        /** Certificate credentials at the root of Jenkins, for the administrator who configures builders. */
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            return rootCredentials(credentialsId, StandardCertificateCredentials.class);
        }

        /** Credentials of one type at the root of Jenkins; others than administrators see only the current id. */
        static ListBoxModel rootCredentials(String current, Class<? extends StandardCredentials> type) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
                String id = current == null ? "" : current;
                return new ListBoxModel(new ListBoxModel.Option(id, id));
            }
            return new StandardListBoxModel().includeEmptyValue().includeAs(ACL.SYSTEM2, Jenkins.get(), type);
        }

        public FormValidation doCheckCaCertificate(@QueryParameter String value) {
            if (value == null || value.isBlank() || value.contains("-----BEGIN CERTIFICATE-----")) {
                return FormValidation.ok();
            }
            return FormValidation.error("Not a PEM certificate (-----BEGIN CERTIFICATE----- ...)");
        }

        /** The first problem of one field, as its form check shows it. */
        static FormValidation validate(List<Problem> problems, String field) {
            return problems.stream().filter(p -> p.field().equals(field)).findFirst()
                    .map(p -> FormValidation.error(p.message())).orElse(FormValidation.ok());
        }
    }
}
