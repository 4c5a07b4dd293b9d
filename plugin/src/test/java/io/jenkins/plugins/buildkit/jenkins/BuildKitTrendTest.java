package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The job page's trends from builds whose progress was recorded from a real buildkitd. */
public class BuildKitTrendTest {

    private static BuildKitBuildAction build(String recording) throws Exception {
        TimelineRecorder recorder = new TimelineRecorder(ProgressListener.NONE, SecretMasker.NONE);
        RecordedProgress.replay(recording, recorder);
        BuildTimeline t = recorder.timeline();
        if (recording.startsWith("failed")) {
            return BuildKitBuildAction.failed("shared", "remote", t, t.getSpanMillis());
        }
        return new BuildKitBuildAction(new BuildOutcome("shared", "remote", "sha256:1", List.of(), List.of(), Map.of(),
                t.getSteps().size(), (int) t.count(BuildTimeline.State.CACHED), t.getSpanMillis(), t));
    }

    private static BuildKitTrend trend() throws Exception {
        return new BuildKitTrend(List.of(
                BuildKitTrend.Point.of(1, "job/app/1/", List.of(build("run.jsonl"))),
                BuildKitTrend.Point.of(2, "job/app/2/", List.of(build("cached.jsonl"))),
                BuildKitTrend.Point.of(3, "job/app/3/", List.of(build("failed.jsonl"), build("multi-platform.jsonl")))));
    }

    @Test
    public void eachBuildIsAPointWithItsDurationContextAndCacheHits() throws Exception {
        List<BuildKitTrend.Point> points = trend().points();
        assertEquals(3, points.size());
        BuildKitTrend.Point ran = points.get(0);
        BuildKitTrend.Point cached = points.get(1);
        assertEquals(0.0, ran.cacheHitRatio(), 0);
        assertTrue("a build that ran took its second of sleep", ran.durationMillis() >= 1000);
        assertTrue("busybox was sent", ran.contextBytes() > 1_000_000);
        assertEquals("three of the build's steps came from the cache", 3, cached.cachedSteps());
        assertTrue(cached.cacheHitRatio() > 0 && cached.cacheHitRatio() < 1);
        assertTrue("the cached build is faster", cached.durationMillis() < ran.durationMillis());
        BuildKitTrend.Point two = points.get(2);
        assertTrue("a build with two image builds adds them up, and a failed one marks it", two.failed());
        assertEquals(build("failed.jsonl").getTotalSteps() + build("multi-platform.jsonl").getTotalSteps(), two.totalSteps());
    }

    @Test
    public void chartsHaveOneLinkedPointPerBuild() throws Exception {
        String svg = TrendSvg.render(trend(), "/jenkins");
        assertEquals("three charts", 3, svg.split("<svg ", -1).length - 1);
        assertEquals("three points in each", 9, svg.split("class=\"buildkit-trend-point\"", -1).length - 1);
        assertThat(svg, containsString("href=\"/jenkins/job/app/2/\""));
        assertThat(svg, containsString("#3 (failed): "));
        assertThat(svg, containsString("Cache hits (%)"));
    }
}
