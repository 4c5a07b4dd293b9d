package io.jenkins.plugins.buildkit.driver.container;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.client.ByteStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/** Docker's multiplexed exec output: stdout comes through, stderr is set aside. */
public class ExecStreamTest {

    private static byte[] frame(int stream, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + p.length];
        f[0] = (byte) stream;
        f[4] = (byte) (p.length >>> 24);
        f[5] = (byte) (p.length >>> 16);
        f[6] = (byte) (p.length >>> 8);
        f[7] = (byte) p.length;
        System.arraycopy(p, 0, f, 8, p.length);
        return f;
    }

    private static ByteStream raw(byte[] bytes) {
        return new ByteStream() {
            final InputStream in = new ByteArrayInputStream(bytes);

            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return new ByteArrayOutputStream();
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    public void stdoutFramesAreJoinedAndStderrIsKept() throws Exception {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(frame(1, "hello "));
        wire.write(frame(2, "a warning"));
        wire.write(frame(1, "world"));
        ExecStream exec = new ExecStream(raw(wire.toByteArray()));
        assertEquals("hello world", new String(exec.input().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals("a warning", exec.stderrTail());
    }

    @Test
    public void aTruncatedFrameIsAnError() throws Exception {
        byte[] f = frame(1, "cut short");
        byte[] cut = java.util.Arrays.copyOf(f, f.length - 3);
        ExecStream exec = new ExecStream(raw(cut));
        assertThrows(EOFException.class, () -> exec.input().readAllBytes());
    }
}
