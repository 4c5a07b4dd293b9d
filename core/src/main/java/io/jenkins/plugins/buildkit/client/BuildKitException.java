package io.jenkins.plugins.buildkit.client;

import java.io.IOException;

/** A failure talking to BuildKit or of a build, with a message meant for the person who ran it. */
public class BuildKitException extends Exception {
    private static final long serialVersionUID = 1L;

    public BuildKitException(String message) {
        super(message);
    }

    public BuildKitException(String message, Throwable cause) {
        super(message, cause);
    }
}
