package io.jenkins.plugins.buildkit.jenkins;

import hudson.model.TaskListener;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A build log in a file: a listener that survives serialization, as a remote listener does. */
public final class FileTaskListener implements TaskListener {
    private static final long serialVersionUID = 1L;

    private final String path;
    private transient PrintStream out;

    public FileTaskListener(String path) {
        this.path = path;
    }

    @Override
    public synchronized PrintStream getLogger() {
        if (out == null) {
            try {
                out = new PrintStream(new FileOutputStream(path, true), true, StandardCharsets.UTF_8);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
