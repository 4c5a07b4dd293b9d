package io.jenkins.plugins.buildkit.progress;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Log bytes as whole lines. The daemon cuts its log chunks anywhere: inside a UTF-8 character, or
 * inside a secret that is only recognisable, and so maskable, once the line is whole. A newline byte
 * never occurs inside a UTF-8 character, so complete lines always decode cleanly.
 */
final class LineBuffer {
    /**
     * Output without newlines (a progress bar drawn with carriage returns, a binary dumped to
     * stdout) must not grow the buffer without end: past this size it goes out as it is, cut at a
     * character boundary. A secret astride such a cut is masked in neither half; a 1 MiB line makes
     * that rare enough.
     */
    static final int MAX_LINE = 1024 * 1024;

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
            return pending.size() > MAX_LINE ? cutOverlongLine() : "";
        }
        pending.write(chunk, 0, lastNewline + 1);
        String complete = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        pending.write(chunk, lastNewline + 1, chunk.length - lastNewline - 1);
        return complete;
    }

    private String cutOverlongLine() {
        byte[] bytes = pending.toByteArray();
        // The last character may still be missing continuation bytes (10xxxxxx): keep it for later.
        int lead = bytes.length - 1;
        while (lead > 0 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int cut = completesCharacter(bytes, lead) ? bytes.length : lead;
        pending.reset();
        pending.write(bytes, cut, bytes.length - cut);
        return new String(bytes, 0, cut, StandardCharsets.UTF_8);
    }

    /** Whether the lead byte at {@code lead} has all its continuation bytes before {@code bytes.length}. */
    private static boolean completesCharacter(byte[] bytes, int lead) {
        int b = bytes[lead] & 0xFF;
        int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + length <= bytes.length;
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

    int pendingBytes() {
        return pending.size();
    }
}
