package io.jenkins.plugins.buildkit.progress;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.Test;

public class LineBufferTest {

    @Test
    public void outputWithoutNewlinesIsPassedOnInBoundedPiecesWithWholeCharacters() {
        // 3 MiB of "é" (two bytes each) with no newline, in chunks of an odd size so that chunks
        // and forced cuts fall inside characters.
        byte[] all = "é".repeat(3 * 512 * 1024).getBytes(StandardCharsets.UTF_8);
        LineBuffer buffer = new LineBuffer();
        StringBuilder out = new StringBuilder();
        int chunk = 65_537;
        for (int at = 0; at < all.length; at += chunk) {
            String piece = buffer.append(Arrays.copyOfRange(all, at, Math.min(all.length, at + chunk)));
            assertTrue("no replacement character: a character was split", piece.indexOf('\uFFFD') < 0);
            out.append(piece);
            assertTrue("held " + buffer.pendingBytes() + " bytes", buffer.pendingBytes() <= LineBuffer.MAX_LINE + chunk);
        }
        out.append(buffer.drain());
        assertEquals(new String(all, StandardCharsets.UTF_8), out.toString());
    }

    @Test
    public void shortLinesStillWaitForTheirNewline() {
        LineBuffer buffer = new LineBuffer();
        assertEquals("", buffer.append("half a li".getBytes(StandardCharsets.UTF_8)));
        assertEquals("half a line\n", buffer.append("ne\nnext".getBytes(StandardCharsets.UTF_8)));
        assertEquals("next", buffer.drain());
    }
}
