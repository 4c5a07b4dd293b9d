package io.jenkins.plugins.buildkit.jenkins;

import hudson.model.Run;
import java.util.List;
import jenkins.model.RunAction2;

/** One image build of a run, shown on the build page: builder, images, digest, platforms, duration, cache. */
public final class BuildKitBuildAction implements RunAction2 {
    private final BuildOutcome outcome;
    private transient Run<?, ?> run;

    public BuildKitBuildAction(BuildOutcome outcome) {
        this.outcome = outcome;
    }

    public String getBuilder() {
        return outcome.builderName() + " (" + outcome.driverName() + ")";
    }

    public List<String> getImageNames() {
        return outcome.imageNames();
    }

    public String getDigest() {
        return outcome.digest();
    }

    public String getPlatforms() {
        return outcome.platforms().isEmpty() ? "the builder's own" : String.join(", ", outcome.platforms());
    }

    public String getDuration() {
        long s = outcome.durationMillis() / 1000;
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    public String getSteps() {
        return outcome.cachedSteps() + " of " + outcome.totalSteps() + " steps cached";
    }

    public BuildOutcome getOutcome() {
        return outcome;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "BuildKit build";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
