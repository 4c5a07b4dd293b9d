// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.model;

public interface ItemGroup<T extends Item> extends ModelObject {
}
