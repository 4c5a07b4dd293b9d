// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.security;

public interface AccessControlled {
    default void checkPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}
