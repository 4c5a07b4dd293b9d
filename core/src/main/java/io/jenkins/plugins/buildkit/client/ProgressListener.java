package io.jenkins.plugins.buildkit.client;

/** Receives BuildKit's progress as it happens; called from one thread at a time. */
public interface ProgressListener {
    void onStatus(SolveStatus status);

    /** The progress stream ended; {@code error} is null when the build succeeded. */
    default void onFinish(Throwable error) {
    }

    ProgressListener NONE = status -> {
    };
}
