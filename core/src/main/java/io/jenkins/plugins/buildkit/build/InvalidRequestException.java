package io.jenkins.plugins.buildkit.build;

import java.util.List;

/**
 * The one error style for "your input is wrong": raised before any work starts, naming each field and
 * value at once. Unchecked, as an {@link IllegalArgumentException} is; failures of the daemon or the
 * network are {@link io.jenkins.plugins.buildkit.client.BuildKitException}s instead.
 */
public class InvalidRequestException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<BuildSpec.Problem> problems;

    public InvalidRequestException(List<BuildSpec.Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new BuildSpec.Problem(field, message)));
    }

    /** One problem, told in words of the caller's own ({@code message}) rather than as "field: message". */
    public InvalidRequestException(BuildSpec.Problem problem, String message) {
        super(message);
        this.problems = List.of(problem);
    }

    private static String describe(List<BuildSpec.Problem> problems) {
        List<String> lines = problems.stream().map(BuildSpec.Problem::toString).toList();
        return lines.size() == 1 ? "invalid build request: " + lines.get(0)
                : "invalid build request:\n  - " + String.join("\n  - ", lines);
    }

    public List<BuildSpec.Problem> problems() {
        return problems;
    }
}
