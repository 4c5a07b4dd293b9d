package io.jenkins.plugins.buildkit.jenkins;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's BuildKit builds over its last builds: per build, its image builds' total duration, the
 * build context bytes they sent, and their cache-hit ratio (cached steps of all steps).
 */
final class BuildKitTrend {

    /** One build of the job; a build with several image builds adds them up. */
    record Point(int number, String url, long durationMillis, long contextBytes, int cachedSteps, int totalSteps, boolean failed) {

        static Point of(int number, String url, List<BuildKitBuildAction> actions) {
            long duration = 0;
            long context = 0;
            int cached = 0;
            int total = 0;
            boolean failed = false;
            for (BuildKitBuildAction a : actions) {
                duration += a.getDurationMillis();
                context += a.getTimeline() == null ? 0 : a.getTimeline().getContextBytes();
                cached += a.getCachedSteps();
                total += a.getTotalSteps();
                failed |= a.isFailed();
            }
            return new Point(number, url, duration, context, cached, total, failed);
        }

        /** Cached steps of all steps, 0 to 1; 0 for a build with no step. */
        double cacheHitRatio() {
            return totalSteps == 0 ? 0 : (double) cachedSteps / totalSteps;
        }
    }

    /** The builds looked at: enough for a trend, and a bound on what a job page loads. */
    static final int BUILDS = 30;

    private final List<Point> points;

    /** @param points oldest first */
    BuildKitTrend(List<Point> points) {
        this.points = List.copyOf(points);
    }

    List<Point> points() {
        return points;
    }

    /** One chart's values, oldest first, as the job page draws them. */
    record Series(String title, String unit, List<Double> values, List<String> labels) {
    }

    List<Series> series() {
        List<Double> seconds = new ArrayList<>();
        List<Double> mebibytes = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        List<String> secondsLabels = new ArrayList<>();
        List<String> contextLabels = new ArrayList<>();
        List<String> ratioLabels = new ArrayList<>();
        for (Point p : points) {
            String build = "#" + p.number() + (p.failed() ? " (failed)" : "") + ": ";
            seconds.add(p.durationMillis() / 1000.0);
            secondsLabels.add(build + BuildTimeline.describeDuration(p.durationMillis()));
            mebibytes.add(p.contextBytes() / (1024.0 * 1024.0));
            contextLabels.add(build + hudson.Functions.humanReadableByteSize(p.contextBytes()) + " of build context sent");
            ratio.add(p.cacheHitRatio() * 100);
            ratioLabels.add(build + p.cachedSteps() + " of " + p.totalSteps() + " steps cached ("
                    + Math.round(p.cacheHitRatio() * 100) + " %)");
        }
        return List.of(new Series("Build duration", "s", seconds, secondsLabels),
                new Series("Build context sent", "MiB", mebibytes, contextLabels),
                new Series("Cache hits", "%", ratio, ratioLabels));
    }
}
