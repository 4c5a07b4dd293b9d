package io.jenkins.plugins.buildkit.progress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Log bytes as whole lines. The daemon cuts its log chunks anywhere: inside a UTF-8 character, or
 * inside a secret that is only recognisable, and so maskable, once the line is whole. A newline byte
 * never occurs inside a UTF-8 character, so complete lines always decode cleanly.
 */
final class LineBuffer {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /** Adds a chunk; returns the lines it completes, each with its newline, or "" when none. */
    String append(byte[] chunk) {
        int lastNewline = -1;
        for (int i = chunk.length - 1; i >= 0; i--) {
            if (chunk[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline < 0) {
            pending.write(chunk, 0, chunk.length);
            return "";
        }
        pending.write(chunk, 0, lastNewline + 1);
        String complete = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        pending.write(chunk, lastNewline + 1, chunk.length - lastNewline - 1);
        return complete;
    }

    /** What is left of an unfinished last line, which is then forgotten; "" when none. */
    String drain() {
        String rest = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return rest;
    }

    boolean isEmpty() {
        return pending.size() == 0;
    }
}
