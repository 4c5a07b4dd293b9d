// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.model;

import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class Descriptor<T extends Describable<T>> {
    protected Descriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    protected Descriptor() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public String getId() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public synchronized void save() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public synchronized void load() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static final class FormException extends Exception {
        private final String formField;

        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
