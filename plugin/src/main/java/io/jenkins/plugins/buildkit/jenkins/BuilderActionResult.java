package io.jenkins.plugins.buildkit.jenkins;

/** What prune, stop or remove did to a builder, shown after the POST. */
public record BuilderActionResult(String builderName, String action, String message, boolean succeeded) {
    public String getBuilderName() {
        return builderName;
    }

    public String getAction() {
        return action;
    }

    public String getMessage() {
        return message;
    }

    public boolean isSucceeded() {
        return succeeded;
    }
}
