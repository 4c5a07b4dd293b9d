package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/** One entry of a build's credentials: {@code registry}, the registry host, such as registry.example.com, and {@code credentialsId}, 5000 or docker.io:a Username with password credential. */
public final class RegistryCredential extends AbstractDescribableImpl<RegistryCredential> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String registry;
    private final String credentialsId;

    @DataBoundConstructor
    public RegistryCredential(String registry, String credentialsId) {
        this.registry = registry == null ? null : registry.trim();
        this.credentialsId = credentialsId == null ? null : credentialsId.trim();
    }

    public String getRegistry() {
        return registry;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Extension
    @Symbol("registryLogin")
    public static final class DescriptorImpl extends Descriptor<RegistryCredential> {
        @Override
        public String getDisplayName() {
            return "Registry login";
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("A credentials id is required") : FormValidation.ok();
        }
    }
}
