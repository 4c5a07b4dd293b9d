package io.jenkins.plugins.buildkit.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.io.Serializable;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
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

    /** The entries' shared form check and credential drop-down. */
    public abstract static class EntryDescriptor<T extends CredentialEntry<T>> extends Descriptor<T> {
        /** The kinds of credential this entry takes. */
        abstract List<Class<? extends StandardCredentials>> credentialTypes();

        public FormValidation doCheckCredentialsId(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.error("A credentials id is required") : FormValidation.ok();
        }

        /**
         * The credentials of the right kinds in the job's context, to those who may configure the job
         * or use its credentials; others see only the value already chosen.
         */
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            StandardListBoxModel items = new StandardListBoxModel();
            String current = credentialsId == null ? "" : credentialsId;
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                items.includeCurrentValue(current);
                return items;
            }
            items.includeEmptyValue();
            // as the build will look them up: with the authentication it runs as
            for (Class<? extends StandardCredentials> type : credentialTypes()) {
                if (item == null) {
                    items.includeAs(ACL.SYSTEM2, Jenkins.get(), type);
                } else {
                    items.includeAs(item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2, item, type);
                }
            }
            items.includeCurrentValue(current);
            return items;
        }
    }
}
