// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.tasks;

public abstract class BuildStepCompatibilityLayer implements BuildStep {
}
