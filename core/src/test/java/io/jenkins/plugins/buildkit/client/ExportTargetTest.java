package io.jenkins.plugins.buildkit.client;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A file export takes its name only when complete. */
public class ExportTargetTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private OutputStream open(Path file) throws Exception {
        return ((ExportTarget.Stream) ExportTarget.file(file)).opener.open(Map.of());
    }

    private List<String> names(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    public void aCompleteExportTakesTheNameAndLeavesNoTemporaryFile() throws Exception {
        Path dir = tmp.newFolder().toPath();
        Path file = dir.resolve("out/image.tar");
        try (OutputStream out = open(file)) {
            out.write("tar bytes".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("tar bytes", Files.readString(file));
        assertEquals(List.of("image.tar"), names(dir.resolve("out")));
    }

    @Test
    public void anAbortedExportLeavesTheOldFileAsItWasAndNothingElse() throws Exception {
        Path dir = tmp.newFolder().toPath();
        Path file = dir.resolve("image.tar");
        Files.writeString(file, "the previous image");
        OutputStream out = open(file);
        out.write("half of a new one".getBytes(StandardCharsets.UTF_8));
        ((ExportTarget.Abortable) out).abort();
        assertEquals("the previous image", Files.readString(file));
        assertEquals(List.of("image.tar"), names(dir));
        assertFalse(Files.exists(dir.resolve("image.tar.partial")));
    }
}
