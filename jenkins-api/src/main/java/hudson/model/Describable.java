// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.model;

/** As in Jenkins 2.479, where every Describable implements this itself (a default came later). */
public interface Describable<T extends Describable<T>> {
    Descriptor<T> getDescriptor();
}
