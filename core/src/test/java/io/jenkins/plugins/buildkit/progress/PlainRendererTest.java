package io.jenkins.plugins.buildkit.progress;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.buildkit.client.SolveStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.Test;

public class PlainRendererTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static SolveStatus.Vertex vertex(String digest, String name, boolean cached, double start, Double end, String error) {
        return new SolveStatus.Vertex(digest, List.of(), name, cached, T0.plusMillis((long) (start * 1000)),
                end == null ? null : T0.plusMillis((long) (end * 1000)), error);
    }

    private static SolveStatus vertexes(SolveStatus.Vertex... v) {
        return new SolveStatus(List.of(v), List.of(), List.of(), List.of());
    }

    private static SolveStatus log(String digest, double at, String text) {
        return new SolveStatus(List.of(), List.of(), List.of(new SolveStatus.VertexLog(digest,
                T0.plusMillis((long) (at * 1000)), 1, text.getBytes(StandardCharsets.UTF_8))), List.of());
    }

    @Test
    public void rendersLikeBuildxPlain() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainRenderer r = new PlainRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), new SecretMasker(List.of("hunter2")));
        r.onStatus(vertexes(vertex("sha256:a", "[1/3] COPY . /", true, 0, 0.0, "")));
        r.onStatus(vertexes(vertex("sha256:b", "[2/3] RUN make", false, 1, null, "")));
        r.onStatus(log("sha256:b", 1.25, "compiling\npassword=hunter2\npart"));
        r.onStatus(vertexes(vertex("sha256:c", "[3/3] RUN other", false, 2, null, "")));
        r.onStatus(log("sha256:b", 2.5, "ial line\n"));
        r.onStatus(new SolveStatus(List.of(vertex("sha256:b", "[2/3] RUN make", false, 1, 3.25, "")),
                List.of(new SolveStatus.VertexStatus("writing layer", "sha256:b", "", 1_980_000, 0, T0, T0.plusSeconds(2), T0.plusSeconds(3))),
                List.of(), List.of()));
        r.onStatus(vertexes(vertex("sha256:c", "[3/3] RUN other", false, 2, 4.0, "exit code: 1")));
        r.onFinish(null);
        String expected = String.join("\n",
                "#1 [1/3] COPY . /",
                "#1 CACHED",
                "",
                "#2 [2/3] RUN make",
                "#2 0.250 compiling",
                "#2 0.250 password=****",
                "",
                "#3 [3/3] RUN other",
                "",
                "#2 [2/3] RUN make",
                "#2 1.500 partial line",
                "#2 writing layer 1.98MB 1.0s done",
                "#2 DONE 2.3s",
                "",
                "#3 [3/3] RUN other",
                "#3 ERROR: exit code: 1",
                "");
        assertEquals(expected, bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * The daemon may report a sub-task's completion after its step's end: the end waits for it (it
     * carries the size), so the sub-task's line comes before the step's DONE, as buildctl prints
     * "#1 transferring dockerfile: 150B done" before "#1 DONE". A step that starts meanwhile ends the
     * wait; the sub-task then shows when its completion comes, or as it last was at the end.
     */
    @Test
    public void aStepsEndWaitsForItsSubTasksCompletion() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainRenderer r = new PlainRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), SecretMasker.NONE);
        String load = "[internal] load build definition from Dockerfile";
        r.onStatus(new SolveStatus(List.of(vertex("sha256:a", load, false, 0, null, "")),
                List.of(new SolveStatus.VertexStatus("transferring dockerfile:", "sha256:a", "", 0, 0, T0, T0, null)), List.of(), List.of()));
        r.onStatus(vertexes(vertex("sha256:a", load, false, 0, 0.04, "")));
        r.onStatus(new SolveStatus(List.of(), List.of(new SolveStatus.VertexStatus("transferring dockerfile:", "sha256:a", "",
                150, 0, T0.plusMillis(300), T0, T0.plusMillis(300))), List.of(), List.of()));
        r.onStatus(new SolveStatus(List.of(vertex("sha256:b", "[internal] load build context", false, 0.4, null, "")),
                List.of(new SolveStatus.VertexStatus("transferring context:", "sha256:b", "", 2048, 0, T0, T0.plusMillis(400), null)),
                List.of(), List.of()));
        r.onStatus(vertexes(vertex("sha256:b", "[internal] load build context", false, 0.4, 0.5, "")));
        r.onStatus(vertexes(vertex("sha256:c", "[1/1] COPY . /", false, 0.6, null, "")));
        r.onStatus(vertexes(vertex("sha256:c", "[1/1] COPY . /", false, 0.6, 0.7, "")));
        r.onFinish(null);
        assertEquals(String.join("\n",
                "#1 " + load,
                "#1 transferring dockerfile: 150B 0.3s done",
                "#1 DONE 0.0s",
                "",
                "#2 [internal] load build context",
                "#2 DONE 0.1s",
                "",
                "#3 [1/1] COPY . /",
                "#3 DONE 0.1s",
                "",
                "#2 [internal] load build context",
                "#2 transferring context: 2.05kB 0.0s done",
                ""), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void sizes() {
        assertEquals("0B", Units.humanSize(0));
        assertEquals("999B", Units.humanSize(999));
        assertEquals("1.98MB", Units.humanSize(1_980_000));
        assertEquals("1.07GB", Units.humanSize(1L << 30));
    }

    /** The daemon cuts log chunks anywhere, also inside a UTF-8 character: the line still reads right. */
    @Test
    public void aCharacterCutBetweenChunksIsWhole() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainRenderer r = new PlainRenderer(new PrintStream(bytes, true, StandardCharsets.UTF_8), SecretMasker.NONE);
        r.onStatus(vertexes(vertex("sha256:a", "[1/1] RUN echo", false, 0, null, "")));
        byte[] text = "caf\u00e9 na\u00efve\n".getBytes(StandardCharsets.UTF_8);
        int cut = 4; // inside the two bytes of the e with an acute accent
        r.onStatus(new SolveStatus(List.of(), List.of(), List.of(new SolveStatus.VertexLog("sha256:a", T0, 1,
                java.util.Arrays.copyOfRange(text, 0, cut))), List.of()));
        r.onStatus(new SolveStatus(List.of(), List.of(), List.of(new SolveStatus.VertexLog("sha256:a", T0, 1,
                java.util.Arrays.copyOfRange(text, cut, text.length))), List.of()));
        org.hamcrest.MatcherAssert.assertThat(bytes.toString(StandardCharsets.UTF_8),
                org.hamcrest.CoreMatchers.containsString("0.000 caf\u00e9 na\u00efve\n"));
    }
}
