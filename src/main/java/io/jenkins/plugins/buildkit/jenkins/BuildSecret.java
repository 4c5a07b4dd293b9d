package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;

/** One entry of a build's credentials: {@code id}, the id a RUN --mount=type=secret,id=... asks for, and {@code credentialsId}, a Secret text or Secret file credential. */
public final class BuildSecret extends AbstractDescribableImpl<BuildSecret> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String credentialsId;

    @DataBoundConstructor
    public BuildSecret(String id, String credentialsId) {
        this.id = id == null ? null : id.trim();
        this.credentialsId = credentialsId == null ? null : credentialsId.trim();
    }

    public String getId() {
        return id;
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @Extension
    @Symbol("secret")
    public static final class DescriptorImpl extends Descriptor<BuildSecret> {
        @Override
        public String getDisplayName() {
            return "Build secret";
        }

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("A credentials id is required") : FormValidation.ok();
        }
    }
}
