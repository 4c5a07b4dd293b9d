package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.Extension;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code id}: the id a RUN --mount=type=ssh,id=... asks for (default: default); {@code credentialsId}: an SSH Username with private key credential. */
public final class SshForward extends CredentialEntry<SshForward> {
    private static final long serialVersionUID = 1L;

    private final String id;

    @DataBoundConstructor
    public SshForward(String id, String credentialsId) {
        super(credentialsId);
        this.id = id == null || id.isBlank() ? "default" : id.trim();
    }

    public String getId() {
        return id;
    }

    @Extension
    @Symbol("sshForward")
    public static final class DescriptorImpl extends EntryDescriptor<SshForward> {
        @Override
        List<Class<? extends StandardCredentials>> credentialTypes() {
            return List.of(SSHUserPrivateKey.class);
        }

        @Override
        public String getDisplayName() {
            return Messages.SshForward_DisplayName();
        }
    }
}
