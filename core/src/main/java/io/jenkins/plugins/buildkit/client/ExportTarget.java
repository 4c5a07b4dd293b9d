package io.jenkins.plugins.buildkit.client;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the session puts what one exporter sends back: a directory tree or a single stream. */
public abstract class ExportTarget {

    private ExportTarget() {
    }

    /** {@code type=local}: fsutil packets unpacked into a directory. */
    public static ExportTarget directory(Path dir) {
        return new Directory(dir);
    }

    /** {@code type=tar|oci|docker}: raw bytes written to a file, created with its parents. */
    public static ExportTarget file(Path file) {
        return new Stream(metadata -> {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newOutputStream(file);
        });
    }

    /** Raw bytes handed to a stream the caller opens when the export starts (e.g. a pipe to an engine). */
    public static ExportTarget stream(StreamOpener opener) {
        return new Stream(opener);
    }

    /** Opens the destination; {@code metadata} holds the exporter's {@code exporter-md-*} values. */
    public interface StreamOpener {
        OutputStream open(Map<String, String> metadata) throws IOException;
    }

    static final class Directory extends ExportTarget {
        final Path dir;

        Directory(Path dir) {
            this.dir = dir;
        }
    }

    static final class Stream extends ExportTarget {
        final StreamOpener opener;

        Stream(StreamOpener opener) {
            this.opener = opener;
        }
    }
}
