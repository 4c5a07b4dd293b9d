// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private Secret() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public String getPlainText() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static Secret fromString(String data) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public static String toString(Secret s) {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}
