// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE
}
