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

    /**
     * {@code type=tar|oci|docker}: raw bytes written to a file, created with its parents. They go to a
     * temporary file beside it that takes the name only when the export completes: a failed or
     * cancelled export leaves neither a partial file nor a changed one.
     */
    public static ExportTarget file(Path file) {
        return new Stream(metadata -> {
            Path target = file.toAbsolutePath();
            Path parent = target.getParent();
            Files.createDirectories(parent);
            // created as the final file would be (the umask's mode, not a temporary file's 0600)
            Path temp = parent.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".partial");
            return new TempFileOutput(temp, target);
        });
    }

    /**
     * {@code dest=-}: raw bytes to this process's standard output, as Buildx writes a tarball to its
     * own. Written straight to the descriptor (a {@link System#out} would swallow a broken pipe), and
     * flushed but never closed at the end.
     */
    public static ExportTarget standardOutput() {
        return new Stream(metadata -> new java.io.FilterOutputStream(
                new java.io.BufferedOutputStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), 64 * 1024)) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        });
    }

    /** A destination that can be given up: what was written so far is thrown away. */
    public interface Abortable {
        void abort();
    }

    /** Writes a temporary file; {@link #close()} renames it into place, {@link #abort()} deletes it. */
    static final class TempFileOutput extends java.io.FilterOutputStream implements Abortable {
        private final Path temp;
        private final Path target;
        private boolean done;

        TempFileOutput(Path temp, Path target) throws IOException {
            super(new java.io.BufferedOutputStream(Files.newOutputStream(temp, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE), 64 * 1024));
            this.temp = temp;
            this.target = target;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
                Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        }

        @Override
        public void abort() {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the file goes anyway
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
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
