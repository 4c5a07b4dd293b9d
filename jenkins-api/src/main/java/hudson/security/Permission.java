// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.security;

public final class Permission {
    private Permission() {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}
