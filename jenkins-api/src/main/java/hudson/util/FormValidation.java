// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    public static FormValidation error(String message) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static FormValidation ok(String message) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}
