// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.model;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    public void addAction(Action a) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public JobT getParent() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException("compile-only mirror");
    }
}
