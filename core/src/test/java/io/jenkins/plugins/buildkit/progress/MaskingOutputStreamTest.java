package io.jenkins.plugins.buildkit.progress;

import static org.junit.Assert.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/** A builder's own log, masked line by line even when a secret arrives in pieces. */
public class MaskingOutputStreamTest {
    @Test
    public void aSecretWrittenInPiecesIsMasked() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(new MaskingOutputStream(bytes, new SecretMasker(List.of("hunter2"))), true,
                StandardCharsets.UTF_8);
        log.print("pulling with hun");
        log.print("ter2");
        log.println(" done");
        log.print("unfinished hunter2");
        log.close();
        assertEquals("pulling with **** done" + System.lineSeparator() + "unfinished ****", bytes.toString(StandardCharsets.UTF_8));
    }
}
