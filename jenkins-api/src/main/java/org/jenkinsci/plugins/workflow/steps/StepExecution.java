// Compile-only mirror of the Jenkins API (see DESIGN.md, "Compile-time Jenkins API"); never packaged.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    protected StepExecution(StepContext context) {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only mirror");
    }

    public abstract boolean start() throws Exception;
}
