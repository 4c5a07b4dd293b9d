package io.jenkins.plugins.buildkit.progress;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Text written line by line to another stream with every secret masked: for what reaches a user
 * outside the progress renderers, such as a builder's bootstrap log (an image pull, a container
 * created). A line goes out when it is complete, so that a secret written in pieces is still masked.
 */
public final class MaskingOutputStream extends OutputStream {
    private final OutputStream out;
    private final SecretMasker masker;
    private final LineBuffer line = new LineBuffer();

    public MaskingOutputStream(OutputStream out, SecretMasker masker) {
        this.out = out;
        this.masker = masker;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        byte[] chunk = new byte[len];
        System.arraycopy(b, off, chunk, 0, len);
        String complete = line.append(chunk);
        if (!complete.isEmpty()) {
            out.write(masker.mask(complete).getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    /** Writes out an unfinished last line too; the stream underneath stays open. */
    @Override
    public synchronized void close() throws IOException {
        String rest = line.drain();
        if (!rest.isEmpty()) {
            out.write(masker.mask(rest).getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }
}
