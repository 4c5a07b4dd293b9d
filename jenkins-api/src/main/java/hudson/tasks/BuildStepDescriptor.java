// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor(Class<? extends T> clazz) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    protected BuildStepDescriptor() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
