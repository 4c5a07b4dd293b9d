package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/**
 * The BuildKit trends on a job's page ({@code jobMain.jelly}): build duration, context sent and
 * cache hits over the job's last {@link BuildKitTrend#BUILDS} builds. Computed when the page is
 * drawn, not when the action is made, since Jenkins makes actions for every page of the job.
 */
public final class BuildKitJobAction implements Action {
    private final Job<?, ?> job;

    BuildKitJobAction(Job<?, ?> job) {
        this.job = job;
    }

    /** The last builds that ran an image build, oldest first. */
    BuildKitTrend trend() {
        List<BuildKitTrend.Point> points = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> run : job.getBuilds()) {
            if (++seen > BuildKitTrend.BUILDS) {
                break;
            }
            List<BuildKitBuildAction> actions = run.getActions(BuildKitBuildAction.class);
            if (!actions.isEmpty()) {
                points.add(0, BuildKitTrend.Point.of(run.getNumber(), run.getUrl(), actions));
            }
        }
        return new BuildKitTrend(points);
    }

    /** The charts, or null when no recent build ran an image build. */
    public String trendSvg(String rootUrl) {
        BuildKitTrend trend = trend();
        return trend.points().isEmpty() ? null : TrendSvg.render(trend, rootUrl);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "BuildKit trends";
    }

    @Override
    public String getUrlName() {
        return null;
    }

    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<Job> {
        @Override
        public Class<Job> type() {
            return Job.class;
        }

        @Override
        public Collection<? extends Action> createFor(Job target) {
            return List.of(new BuildKitJobAction(target));
        }
    }
}
