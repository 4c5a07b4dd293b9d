package io.jenkins.plugins.buildkit.jenkins;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * One image build of a run, shown on the build page: builder, images, digest, platforms, duration,
 * cache. Kept in build.xml, so it holds plain fields (XStream cannot restore records) and not the
 * exporter's whole metadata.
 */
public final class BuildKitBuildAction implements RunAction2 {
    private final String builder;
    private final String driver;
    private final String digest;
    private final List<String> imageNames;
    private final List<String> platforms;
    private final int totalSteps;
    private final int cachedSteps;
    private final long durationMillis;
    private transient Run<?, ?> run;

    public BuildKitBuildAction(BuildOutcome outcome) {
        this.builder = outcome.builderName();
        this.driver = outcome.driverName();
        this.digest = outcome.digest();
        this.imageNames = new ArrayList<>(outcome.imageNames());
        this.platforms = new ArrayList<>(outcome.platforms());
        this.totalSteps = outcome.totalSteps();
        this.cachedSteps = outcome.cachedSteps();
        this.durationMillis = outcome.durationMillis();
    }

    public String getBuilder() {
        return builder + " (" + driver + ")";
    }

    public List<String> getImageNames() {
        return imageNames;
    }

    public String getDigest() {
        return digest;
    }

    public String getPlatforms() {
        return platforms.isEmpty() ? "the builder's own" : String.join(", ", platforms);
    }

    public String getDuration() {
        long s = durationMillis / 1000;
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }

    public String getSteps() {
        return cachedSteps + " of " + totalSteps + " steps cached";
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
        return Messages.BuildKitBuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
