package io.jenkins.plugins.buildkit.jenkins;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.RunAction2;

/**
 * One image build of a run, shown on the build page: builder, images, digest, platforms, duration,
 * cache, and the timeline of its steps. Kept in build.xml, so it holds plain fields (XStream cannot
 * restore records) and not the exporter's whole metadata nor the whole log.
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
    /** Null for a build recorded before timelines were kept. */
    private final BuildTimeline timeline;
    private final boolean failed;
    private transient Run<?, ?> run;

    public BuildKitBuildAction(BuildOutcome outcome) {
        this(outcome.builderName(), outcome.driverName(), outcome.digest(), outcome.imageNames(), outcome.platforms(),
                outcome.totalSteps(), outcome.cachedSteps(), outcome.durationMillis(), outcome.timeline(), false);
    }

    private BuildKitBuildAction(String builder, String driver, String digest, List<String> imageNames, List<String> platforms,
            int totalSteps, int cachedSteps, long durationMillis, BuildTimeline timeline, boolean failed) {
        this.builder = builder;
        this.driver = driver;
        this.digest = digest;
        this.imageNames = new ArrayList<>(imageNames);
        this.platforms = new ArrayList<>(platforms);
        this.totalSteps = totalSteps;
        this.cachedSteps = cachedSteps;
        this.durationMillis = durationMillis;
        this.timeline = timeline;
        this.failed = failed;
    }

    /** A build the daemon failed: no image, but its timeline shows where and why. */
    static BuildKitBuildAction failed(String builder, String driver, BuildTimeline timeline, long durationMillis) {
        int total = timeline.getSteps().size();
        return new BuildKitBuildAction(builder, driver, null, List.of(), List.of(), total,
                (int) timeline.count(BuildTimeline.State.CACHED), durationMillis, timeline, true);
    }

    public boolean isFailed() {
        return failed;
    }

    /** The builder's name alone, as the management page matches builds to builders. */
    public String getBuilderName() {
        return builder;
    }

    public long getDurationMillis() {
        return durationMillis;
    }

    public int getTotalSteps() {
        return totalSteps;
    }

    public int getCachedSteps() {
        return cachedSteps;
    }

    public BuildTimeline getTimeline() {
        return timeline;
    }

    /** The timeline as an SVG to put into the page as it is; null without a timeline. */
    public String getTimelineSvg() {
        return timeline == null || timeline.getSteps().isEmpty() ? null : TimelineSvg.render(timeline);
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

    /**
     * {@code docker pull REPOSITORY@DIGEST} for each image name: the exact image this build made,
     * whatever its tag points to later.
     */
    public List<String> getPullCommands() {
        List<String> commands = new ArrayList<>();
        if (digest == null) {
            return commands;
        }
        for (String name : imageNames) {
            String repository = repository(name);
            String command = "docker pull " + repository + "@" + digest;
            if (!commands.contains(command)) {
                commands.add(command);
            }
        }
        return commands;
    }

    /** The name without its tag or digest: {@code registry:5000/app:1} is {@code registry:5000/app}. */
    static String repository(String imageName) {
        String name = imageName;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    public String getPlatforms() {
        return platforms.isEmpty() ? "the builder's own" : String.join(", ", platforms);
    }

    /** For the steps' table, which Jelly cannot format by itself. */
    public String describeDuration(long millis) {
        return BuildTimeline.describeDuration(millis);
    }

    public String joinLines(List<String> lines) {
        return String.join("\n", lines);
    }

    public String getDuration() {
        return BuildTimeline.describeDuration(durationMillis);
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
