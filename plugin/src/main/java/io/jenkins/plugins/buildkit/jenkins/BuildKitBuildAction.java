package io.jenkins.plugins.buildkit.jenkins;

import hudson.model.Item;
import hudson.model.Run;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * One image build of a run, shown on the build page: builder, images, digest, platforms, duration,
 * cache, and the timeline of its steps. Kept in build.xml, so it holds plain fields (XStream cannot
 * restore records) and not the exporter's whole metadata nor the whole log.
 */
public final class BuildKitBuildAction implements RunAction2 {
    private static final String SBOM_DIR = "buildkit-sbom";
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
    /** Null for a build recorded before attestations were shown. */
    private List<AttestationSummary> attestations;
    private String attestationProblem;
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

    /**
     * The action for a finished build, its SBOM documents stored beside build.xml (build.xml keeps only
     * their summaries). A document that cannot be written costs its link, not the build.
     */
    static BuildKitBuildAction record(Run<?, ?> run, BuildOutcome outcome) {
        BuildKitBuildAction action = new BuildKitBuildAction(outcome);
        List<AttestationSummary> kept = new ArrayList<>();
        String problem = outcome.attestationProblem();
        for (AttestationSummary s : outcome.attestations()) {
            if (s.sbomDocument() != null) {
                try {
                    Path file = sbomFile(run, s.getImageDigest());
                    Files.createDirectories(run.getRootDir().toPath().resolve(SBOM_DIR));
                    Files.writeString(file, s.sbomDocument(), StandardCharsets.UTF_8);
                } catch (IOException | IllegalArgumentException e) {
                    problem = "the SBOM of " + s.getPlatform() + " could not be stored: " + e.getMessage();
                }
            }
            kept.add(s.withoutDocument());
        }
        action.attestations = kept;
        action.attestationProblem = problem;
        return action;
    }

    /** Where a run keeps the SBOM of one image: named by its digest, which the URL may only give as sha256 hex. */
    private static Path sbomFile(Run<?, ?> run, String imageDigest) {
        if (imageDigest == null || !imageDigest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not an image digest: " + imageDigest);
        }
        return run.getRootDir().toPath().resolve(SBOM_DIR).resolve(imageDigest.substring("sha256:".length()) + ".spdx.json");
    }

    public List<AttestationSummary> getAttestations() {
        return attestations == null ? List.of() : Collections.unmodifiableList(attestations);
    }

    /** Why the attestations of a pushed image are not shown, or null. */
    public String getAttestationProblem() {
        return attestationProblem;
    }

    /**
     * {@code .../sbom?image=sha256:...}: the SBOM's in-toto statement of one of this build's images,
     * for whoever may see the build.
     */
    public void doSbom(StaplerRequest2 req, StaplerResponse2 rsp, @QueryParameter String image) throws IOException {
        run.checkPermission(Item.READ);
        boolean known = getAttestations().stream().anyMatch(s -> s.isSbom() && s.getImageDigest().equals(image));
        Path file = known ? sbomFile(run, image) : null;
        if (file == null || !Files.isRegularFile(file)) {
            rsp.sendError(HttpServletResponse.SC_NOT_FOUND, "no SBOM for this image in this build");
            return;
        }
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setHeader("Content-Disposition", "inline; filename=\"sbom-" + image.substring("sha256:".length(), 19) + ".spdx.json\"");
        try (OutputStream out = rsp.getOutputStream()) {
            Files.copy(file, out);
        }
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

    /**
     * No sidebar link (there is no icon): a URL only to serve the SBOMs, unique per image as a run
     * may hold several builds.
     */
    @Override
    public String getUrlName() {
        if (digest == null || getAttestations().stream().noneMatch(AttestationSummary::isSbom)) {
            return null;
        }
        int hex = digest.indexOf(':') + 1;
        return "buildkit-" + digest.substring(hex, Math.min(digest.length(), hex + 12));
    }
}
