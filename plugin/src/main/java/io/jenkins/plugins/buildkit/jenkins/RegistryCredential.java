package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code registry}: the registry host, such as registry.example.com:5000 or docker.io; {@code credentialsId}: a Username with password credential. */
public final class RegistryCredential extends CredentialEntry<RegistryCredential> {
    private static final long serialVersionUID = 1L;

    private final String registry;

    @DataBoundConstructor
    public RegistryCredential(String registry, String credentialsId) {
        super(credentialsId);
        this.registry = registry == null ? null : registry.trim();
    }

    public String getRegistry() {
        return registry;
    }

    @Extension
    @Symbol({"registryCredential", "registryLogin"})
    public static final class DescriptorImpl extends EntryDescriptor<RegistryCredential> {
        @Override
        List<Class<? extends StandardCredentials>> credentialTypes() {
            return List.of(StandardUsernamePasswordCredentials.class);
        }

        @Override
        public String getDisplayName() {
            return Messages.RegistryCredential_DisplayName();
        }
    }
}
