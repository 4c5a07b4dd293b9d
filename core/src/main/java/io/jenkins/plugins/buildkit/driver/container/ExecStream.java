package io.jenkins.plugins.buildkit.driver.container;

import io.jenkins.plugins.buildkit.client.ByteStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The byte stream of a non-TTY {@code docker exec}: stdin goes out raw, while stdout and stderr
 * come back multiplexed in frames of an 8-byte header (stream type, three zero bytes, big-endian
 * length) and a payload. Reading yields stdout only; stderr is kept (its tail) for error messages.
 */
final class ExecStream implements ByteStream {
    private static final int STDERR_KEEP = 4096;

    private final ByteStream raw;
    private final Demultiplexer stdout;

    ExecStream(ByteStream raw) throws IOException {
        this.raw = raw;
        this.stdout = new Demultiplexer(raw.input());
    }

    @Override
    public InputStream input() {
        return stdout;
    }

    @Override
    public OutputStream output() throws IOException {
        return raw.output();
    }

    /** What the process wrote to stderr, last bytes only. */
    String stderrTail() {
        return stdout.stderr.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    static final class Demultiplexer extends InputStream {
        private final InputStream in;
        private final byte[] header = new byte[8];
        private int remaining;
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        Demultiplexer(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (remaining == 0) {
                if (!readHeader()) {
                    return -1;
                }
                int type = header[0];
                int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
                if (type == 1) {
                    remaining = length;
                } else {
                    keepStderr(length);
                }
            }
            int n = in.read(b, off, Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("exec stream ended inside a frame");
            }
            remaining -= n;
            return n;
        }

        private boolean readHeader() throws IOException {
            int got = 0;
            while (got < 8) {
                int n = in.read(header, got, 8 - got);
                if (n < 0) {
                    if (got == 0) {
                        return false;
                    }
                    throw new EOFException("exec stream ended inside a frame header");
                }
                got += n;
            }
            return true;
        }

        private void keepStderr(int length) throws IOException {
            byte[] payload = in.readNBytes(length);
            if (payload.length < length) {
                throw new EOFException("exec stream ended inside a frame");
            }
            synchronized (stderr) {
                if (stderr.size() + payload.length > STDERR_KEEP) {
                    stderr.reset();
                }
                stderr.write(payload, 0, payload.length);
            }
        }
    }
}
