package io.jenkins.plugins.buildkit.progress;

import io.jenkins.plugins.buildkit.client.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/** The {@code --progress} choices. */
public enum ProgressMode {
    PLAIN, RAWJSON, QUIET;

    /** @throws IllegalArgumentException naming the value and the choices */
    public static ProgressMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "":
            case "auto":
            case "plain":
            case "tty":
                return PLAIN;
            case "rawjson":
                return RAWJSON;
            case "quiet":
            case "none":
                return QUIET;
            default:
                throw new IllegalArgumentException("progress: unknown mode \"" + text + "\" (expected plain, rawjson or quiet)");
        }
    }

    public ProgressListener renderer(PrintStream out, SecretMasker masker) {
        switch (this) {
            case RAWJSON:
                return new RawJsonRenderer(out, masker);
            case QUIET:
                return ProgressListener.NONE;
            default:
                return new PlainRenderer(out, masker);
        }
    }
}
