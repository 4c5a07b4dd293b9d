package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.SolveStatus;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Test;

/** The build timeline made from progress events recorded from a real buildkitd, and its drawing. */
public class TimelineTest {

    private static BuildTimeline record(String file, String... secrets) throws Exception {
        List<SolveStatus> forwarded = new ArrayList<>();
        TimelineRecorder recorder = new TimelineRecorder(forwarded::add, new SecretMasker(List.of(secrets)));
        RecordedProgress.replay(file, recorder);
        assertTrue("the console renderer still gets every event", !forwarded.isEmpty());
        return recorder.timeline();
    }

    private static BuildTimeline.Step step(BuildTimeline t, String namePart) {
        return t.getSteps().stream().filter(s -> s.getName().contains(namePart)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + namePart + " in " + names(t)));
    }

    private static List<String> names(BuildTimeline t) {
        return t.getSteps().stream().map(BuildTimeline.Step::getName).collect(Collectors.toList());
    }

    @Test
    public void buildThatRanHasEveryStepRunWithItsTimesAndOutput() throws Exception {
        BuildTimeline t = record("run.jsonl");
        BuildTimeline.Step run = step(t, "RUN [");
        assertEquals(BuildTimeline.State.RUN, run.getState());
        assertTrue("the RUN step slept a second: " + run.getDurationMillis(), run.getDurationMillis() >= 1000);
        assertEquals(List.of("building one", "building two"), run.getLastLines());
        assertNull(run.getError());
        BuildTimeline.Step first = t.getSteps().get(0);
        assertEquals("the first step starts the timeline", 0, first.getStartMillis());
        for (int i = 1; i < t.getSteps().size(); i++) {
            assertTrue("steps in the order they started: " + names(t),
                    t.getSteps().get(i - 1).getStartMillis() <= t.getSteps().get(i).getStartMillis());
        }
        assertTrue("the RUN step starts after the context is loaded",
                run.getStartMillis() >= step(t, "load build context").getStartMillis());
        assertEquals(0, t.count(BuildTimeline.State.CACHED));
        assertTrue("the context held busybox (~2 MB): " + t.getContextBytes(), t.getContextBytes() > 1_000_000);
        assertTrue(t.getSpanMillis() >= run.getStartMillis() + run.getDurationMillis());
    }

    @Test
    public void cachedBuildShowsItsStepsCached() throws Exception {
        BuildTimeline t = record("cached.jsonl");
        assertEquals(BuildTimeline.State.CACHED, step(t, "RUN [").getState());
        assertEquals(BuildTimeline.State.CACHED, step(t, "COPY busybox /bin/busybox").getState());
        assertEquals(BuildTimeline.State.CACHED, step(t, "COPY busybox /bin/sh2").getState());
        assertEquals("nothing is run again, so nothing is printed", List.of(), step(t, "RUN [").getLastLines());
        assertEquals(3, t.count(BuildTimeline.State.CACHED));
    }

    @Test
    public void failedBuildShowsTheFailedStepItsMaskedOutputAndTheCancelledOne() throws Exception {
        BuildTimeline t = record("failed.jsonl", "s3cr3t-value");
        BuildTimeline.Step broken = step(t, "[broken 1/1]");
        assertEquals(BuildTimeline.State.ERROR, broken.getState());
        assertThat(broken.getError(), containsString("exit code: 3"));
        assertEquals(List.of("compiling", "token=****", "error: missing file"), broken.getLastLines());
        BuildTimeline.Step slow = step(t, "[slow 1/1]");
        assertEquals("stopped when its sibling failed", BuildTimeline.State.CANCELLED, slow.getState());
        String svg = TimelineSvg.render(t);
        assertThat("the secret is masked everywhere it was printed", svg, not(containsString("s3cr3t-value")));
        assertThat(svg, containsString("token=****"));
        assertThat(svg, containsString("data-state=\"error\""));
        assertThat(svg, containsString("data-state=\"cancelled\""));
    }

    @Test
    public void multiPlatformBuildHasAStepPerPlatform() throws Exception {
        BuildTimeline t = record("multi-platform.jsonl");
        for (String platform : List.of("linux/amd64", "linux/arm64")) {
            assertEquals(BuildTimeline.State.RUN, step(t, "[" + platform + " 1/2]").getState());
            assertEquals(BuildTimeline.State.RUN, step(t, "[" + platform + " 2/2]").getState());
        }
        assertEquals(BuildTimeline.State.RUN, step(t, "exporting to oci image format").getState());
    }

    @Test
    public void svgHasOneLabelledBarPerStepAndEscapesNames() throws Exception {
        BuildTimeline t = new BuildTimeline(0, List.of(
                new BuildTimeline.Step("[1/2] RUN echo \"<b>&</b>\"", BuildTimeline.State.RUN, 0, 1500, null, List.of("a < b")),
                new BuildTimeline.Step("[2/2] COPY . /", BuildTimeline.State.CACHED, 1500, 0, null, List.of())), 0, 0);
        String svg = TimelineSvg.render(t);
        assertEquals(2, svg.split("class=\"buildkit-bar\"", -1).length - 1);
        assertThat(svg, containsString("[1/2] RUN echo &quot;&lt;b&gt;&amp;&lt;/b&gt;&quot;"));
        assertThat("hover shows duration and last output", svg, containsString("run, 1.5 s\n&gt; a &lt; b</title>"));
        assertThat(svg, not(containsString("<b>")));
        assertThat("a cached step of no duration is still visible", svg, containsString("width=\"2.0\""));
    }

    @Test
    public void recorderIsBoundedWhateverTheBuildPrints() {
        TimelineRecorder recorder = new TimelineRecorder(ProgressListener.NONE, SecretMasker.NONE);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        List<SolveStatus.Vertex> many = new ArrayList<>();
        for (int i = 0; i < TimelineRecorder.MAX_STEPS + 50; i++) {
            many.add(new SolveStatus.Vertex("sha256:" + i, List.of(), "step " + i, false, now, now.plusMillis(i), ""));
        }
        StringBuilder chatter = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            chatter.append("line ").append(i).append('\n');
        }
        chatter.append("x".repeat(TimelineRecorder.MAX_LINE_BUFFER + 10)).append('\n').append("unfinished");
        recorder.onStatus(new SolveStatus(many, List.of(), List.of(new SolveStatus.VertexLog("sha256:0", now, 1,
                chatter.toString().getBytes(StandardCharsets.UTF_8))), List.of()));
        BuildTimeline t = recorder.timeline();
        assertEquals(TimelineRecorder.MAX_STEPS, t.getSteps().size());
        assertEquals(50, t.getOmittedSteps());
        assertEquals(List.of("line 997", "line 998", "line 999", TimelineRecorder.OVERLONG_LINE, "unfinished"),
                t.getSteps().get(0).getLastLines());
    }

    @Test
    public void actionOfAFailedBuildKeepsItsTimeline() throws Exception {
        BuildTimeline t = record("failed.jsonl");
        BuildKitBuildAction a = new FailedBuildException("m", "ci", "remote", t, 1234).toAction();
        assertTrue(a.isFailed());
        assertNull(a.getDigest());
        assertNotNull(a.getTimelineSvg());
    }
}
