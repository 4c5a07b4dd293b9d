package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.model.Run;
import hudson.security.ACL;
import jenkins.model.Jenkins;

/** Finds a credential by id; the Jenkins lookups live here so that the mapping can be tested without Jenkins. */
@FunctionalInterface
public interface CredentialLookup {
    /** @return the credential, or null when none of that id and type exists in this context */
    <C extends IdCredentials> C find(String id, Class<C> type);

    /** Credentials the running build may use (its folder's and the global ones), recorded as used by it. */
    static CredentialLookup forRun(Run<?, ?> run) {
        return new CredentialLookup() {
            @Override
            public <C extends IdCredentials> C find(String id, Class<C> type) {
                return CredentialsProvider.track(run, CredentialsProvider.findCredentialById(id, type, run));
            }
        };
    }

    /** The administrator's credentials at the root of Jenkins, system scope included: for builder settings. */
    static CredentialLookup system() {
        return new CredentialLookup() {
            @Override
            public <C extends IdCredentials> C find(String id, Class<C> type) {
                for (C c : CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2)) {
                    if (c.getId().equals(id)) {
                        return c;
                    }
                }
                return null;
            }
        };
    }
}
