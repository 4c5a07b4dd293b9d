package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code id}: the id a RUN --mount=type=secret,id=... asks for; {@code credentialsId}: a Secret text or Secret file credential. */
public final class BuildSecret extends CredentialEntry<BuildSecret> {
    private static final long serialVersionUID = 1L;

    private final String id;

    @DataBoundConstructor
    public BuildSecret(String id, String credentialsId) {
        super(credentialsId);
        this.id = id == null ? null : id.trim();
    }

    public String getId() {
        return id;
    }

    @Extension
    @Symbol("secret")
    public static final class DescriptorImpl extends EntryDescriptor<BuildSecret> {
        @Override
        List<Class<? extends StandardCredentials>> credentialTypes() {
            return List.of(StringCredentials.class, FileCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return Messages.BuildSecret_DisplayName();
        }
    }
}
