package io.jenkins.plugins.buildkit.driver.docker;

import io.jenkins.plugins.buildkit.client.ExportTarget;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code --load}: the {@code docker} exporter's tarball, as it arrives, streamed into the engine's
 * {@code POST /images/load} through a pipe; the export ends when the engine has taken the image.
 */
public final class EngineLoad {
    private EngineLoad() {
    }

    public static ExportTarget target(DockerEndpoint endpoint) {
        return ExportTarget.stream(metadata -> open(endpoint));
    }

    static OutputStream open(DockerEndpoint endpoint) throws IOException {
        PipedInputStream tarball = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(tarball);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread loader = new Thread(() -> {
            try (DockerEngine engine = new DockerEngine(endpoint, Duration.ofSeconds(20))) {
                engine.patientApi().loadImageCmd(tarball).exec();
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                try {
                    tarball.close();
                } catch (IOException ignored) {
                    // the writer sees the broken pipe
                }
            }
        }, "buildkit-docker-load");
        loader.setDaemon(true);
        loader.start();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                out.close();
                try {
                    loader.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the engine loaded the image", e);
                }
                if (failure.get() != null) {
                    throw new IOException("loading the image into the Docker Engine at " + endpoint + " failed: "
                            + DockerEngine.describe(failure.get()), failure.get());
                }
            }
        };
    }
}
