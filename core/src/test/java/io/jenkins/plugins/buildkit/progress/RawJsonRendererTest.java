package io.jenkins.plugins.buildkit.progress;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.buildkit.client.SolveStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.Test;

public class RawJsonRendererTest {
    @Test
    public void oneJsonObjectPerStatusWithBuildxFieldNamesAndMaskedLogs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RawJsonRenderer r = new RawJsonRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), new SecretMasker(List.of("hunter2")));
        Instant t = Instant.parse("2026-01-01T00:00:01Z");
        r.onStatus(new SolveStatus(
                List.of(new SolveStatus.Vertex("sha256:a", List.of("sha256:0"), "[1/1] RUN x", true, t, t, "")),
                List.of(new SolveStatus.VertexStatus("layer", "sha256:a", "", 5, 10, t, t, null)),
                List.of(new SolveStatus.VertexLog("sha256:a", t, 1, "pw=hunter2\n".getBytes(StandardCharsets.UTF_8))),
                List.of()));
        String masked = Base64.getEncoder().encodeToString("pw=****\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("{\"vertexes\":[{\"digest\":\"sha256:a\",\"inputs\":[\"sha256:0\"],\"name\":\"[1/1] RUN x\","
                + "\"started\":\"2026-01-01T00:00:01Z\",\"completed\":\"2026-01-01T00:00:01Z\",\"cached\":true}],"
                + "\"statuses\":[{\"id\":\"layer\",\"vertex\":\"sha256:a\",\"total\":10,\"current\":5,"
                + "\"timestamp\":\"2026-01-01T00:00:01Z\",\"started\":\"2026-01-01T00:00:01Z\"}],"
                + "\"logs\":[{\"vertex\":\"sha256:a\",\"stream\":1,\"data\":\"" + masked + "\",\"timestamp\":\"2026-01-01T00:00:01Z\"}]}\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * A secret cut between two log chunks is masked all the same: log data goes out by whole lines,
     * and an unfinished last line when the build ends.
     */
    @Test
    public void aSecretCutBetweenChunksIsMasked() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RawJsonRenderer r = new RawJsonRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), new SecretMasker(List.of("hunter2")));
        Instant t = Instant.parse("2026-01-01T00:00:01Z");
        for (String chunk : List.of("pw=hun", "ter2\nlast wo", "rds")) {
            r.onStatus(new SolveStatus(List.of(), List.of(),
                    List.of(new SolveStatus.VertexLog("sha256:a", t, 1, chunk.getBytes(StandardCharsets.UTF_8))), List.of()));
        }
        r.onFinish(null);
        StringBuilder decoded = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"data\":\"([^\"]*)\"").matcher(bytes.toString(StandardCharsets.UTF_8));
        while (m.find()) {
            decoded.append(new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8));
        }
        assertEquals("pw=****\nlast words", decoded.toString());
    }
}
