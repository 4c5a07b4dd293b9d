package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.client.BuildKitException;
import java.util.List;

/** A build request that cannot run as given; each problem names the field and the value. */
public final class InvalidBuildSpecException extends BuildKitException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidBuildSpecException(List<String> problems) {
        super(problems.size() == 1 ? "invalid build request: " + problems.get(0)
                : "invalid build request:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
