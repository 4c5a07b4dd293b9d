package io.jenkins.plugins.buildkit.jenkins;

import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.Serializable;
import org.kohsuke.stapler.QueryParameter;

/** One credential a build uses, by {@code credentialsId}, and what the build calls it. */
public abstract class CredentialEntry<T extends CredentialEntry<T>> extends AbstractDescribableImpl<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String credentialsId;

    protected CredentialEntry(String credentialsId) {
        this.credentialsId = credentialsId == null ? null : credentialsId.trim();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    /** The entries' shared form check. */
    public abstract static class EntryDescriptor<T extends CredentialEntry<T>> extends Descriptor<T> {
        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("A credentials id is required") : FormValidation.ok();
        }
    }
}
