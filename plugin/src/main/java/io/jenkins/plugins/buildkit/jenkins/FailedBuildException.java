package io.jenkins.plugins.buildkit.jenkins;

import hudson.AbortException;

/**
 * A solve that failed on the daemon, carrying back from the agent what the build page shows of it:
 * the builder and the timeline up to the failure. The message is masked, as the console's.
 */
final class FailedBuildException extends AbortException {
    private static final long serialVersionUID = 1L;

    private final String builderName;
    private final String driverName;
    private final BuildTimeline timeline;
    private final long durationMillis;

    FailedBuildException(String message, String builderName, String driverName, BuildTimeline timeline, long durationMillis) {
        super(message);
        this.builderName = builderName;
        this.driverName = driverName;
        this.timeline = timeline;
        this.durationMillis = durationMillis;
    }

    /** The record of the failed build for its build page. */
    BuildKitBuildAction toAction() {
        return BuildKitBuildAction.failed(builderName, driverName, timeline, durationMillis);
    }
}
