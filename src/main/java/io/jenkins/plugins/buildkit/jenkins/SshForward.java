package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/** One entry of a build's credentials: {@code id}, the id a RUN --mount=type=ssh,id=... asks for (default, and {@code credentialsId},  default):an SSH Username with private key credential. */
public final class SshForward extends AbstractDescribableImpl<SshForward> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String credentialsId;

    @DataBoundConstructor
    public SshForward(String id, String credentialsId) {
        this.id = id == null || id.isBlank() ? "default" : id.trim();
        this.credentialsId = credentialsId == null ? null : credentialsId.trim();
    }

    public String getId() {
        return id;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Extension
    @Symbol("sshForward")
    public static final class DescriptorImpl extends Descriptor<SshForward> {
        @Override
        public String getDisplayName() {
            return "SSH key to forward";
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("A credentials id is required") : FormValidation.ok();
        }
    }
}
