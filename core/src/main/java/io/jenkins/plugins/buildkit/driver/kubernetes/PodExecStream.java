package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.jenkins.plugins.buildkit.client.ByteStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code buildctl dial-stdio} in a pod, through the API server's exec: gRPC runs over its stdin and
 * stdout. The client is the driver's: closing the stream closes the exec, not the client.
 */
final class PodExecStream implements ByteStream {
    /** Writes go out in pieces no larger than this, each one exec message. */
    private static final int CHUNK = 32 * 1024;
    private static final int STDERR_KEEP = 4096;

    private final ExecWatch exec;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    PodExecStream(KubernetesClient client, String namespace, String pod) {
        this.exec = client.pods().inNamespace(namespace).withName(pod).inContainer(KubernetesManifest.CONTAINER)
                .redirectingInput().redirectingOutput().writingError(new TailStream(stderr))
                .exec("buildctl", "dial-stdio");
    }

    @Override
    public InputStream input() {
        return exec.getOutput();
    }

    @Override
    public OutputStream output() {
        return new FilterOutputStream(exec.getInput()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                for (int at = off; at < off + len; at += CHUNK) {
                    out.write(b, at, Math.min(CHUNK, off + len - at));
                }
            }
        };
    }

    /** What {@code buildctl dial-stdio} wrote to stderr, last bytes only. */
    String stderrTail() {
        synchronized (stderr) {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        try {
            // Closing the exec does not end a read blocked on its output: the reading thread would
            // wait forever for data or an exit that never comes. Closing the stream wakes it.
            exec.getOutput().close();
        } catch (IOException ignored) {
            // closed already
        } finally {
            exec.close();
        }
    }

    /** Keeps the last few KiB written, so a chatty process cannot fill memory. */
    private static final class TailStream extends OutputStream {
        private final ByteArrayOutputStream kept;

        TailStream(ByteArrayOutputStream kept) {
            this.kept = kept;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (kept) {
                if (kept.size() + len > STDERR_KEEP) {
                    byte[] all = kept.toByteArray();
                    kept.reset();
                    int keep = Math.max(0, Math.min(all.length, STDERR_KEEP - Math.min(len, STDERR_KEEP)));
                    kept.write(all, all.length - keep, keep);
                }
                int from = Math.max(off, off + len - STDERR_KEEP);
                kept.write(b, from, off + len - from);
            }
        }
    }
}
