package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.Driver;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one build produced, as the step returns it and the build page shows it. */
public record BuildOutcome(String builderName, String driverName, String digest, List<String> imageNames,
        List<String> platforms, Map<String, String> metadata, int totalSteps, int cachedSteps, long durationMillis,
        BuildTimeline timeline, List<AttestationSummary> attestations, String attestationProblem) implements Serializable {

    /** An outcome without attestations read: none pushed, or a build recorded before they were shown. */
    public BuildOutcome(String builderName, String driverName, String digest, List<String> imageNames, List<String> platforms,
            Map<String, String> metadata, int totalSteps, int cachedSteps, long durationMillis, BuildTimeline timeline) {
        this(builderName, driverName, digest, imageNames, platforms, metadata, totalSteps, cachedSteps, durationMillis, timeline,
                List.of(), null);
    }

    /** An outcome without a timeline, as a build recorded before timelines existed. */
    public BuildOutcome(String builderName, String driverName, String digest, List<String> imageNames, List<String> platforms,
            Map<String, String> metadata, int totalSteps, int cachedSteps, long durationMillis) {
        this(builderName, driverName, digest, imageNames, platforms, metadata, totalSteps, cachedSteps, durationMillis, null);
    }

    static BuildOutcome of(Driver driver, List<String> platforms, SolveResult result, long durationMillis, BuildTimeline timeline) {
        List<String> names = new ArrayList<>();
        String joined = result.imageName();
        if (joined != null) {
            for (String n : joined.split(",")) {
                if (!n.isBlank()) {
                    names.add(n.trim());
                }
            }
        }
        return new BuildOutcome(driver.builderName(), driver.driverName(), result.imageDigest(), List.copyOf(names),
                List.copyOf(platforms), new TreeMap<>(result.exporterResponse()), result.totalSteps(), result.cachedSteps(),
                durationMillis, timeline, List.of(), null);
    }

    /** This outcome with what the image's attestations say, or why they could not be read. */
    BuildOutcome withAttestations(List<AttestationSummary> summaries, String problem) {
        return new BuildOutcome(builderName, driverName, digest, imageNames, platforms, metadata, totalSteps, cachedSteps,
                durationMillis, timeline, new ArrayList<>(summaries), problem);
    }

    /**
     * The step's return value: plain maps, lists and strings that a Pipeline script reads as
     * {@code result.digest} or {@code result.metadata['containerimage.digest']}.
     */
    public Map<String, Object> toStepResult() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("digest", digest);
        r.put("imageNames", new ArrayList<>(imageNames));
        r.put("metadata", new LinkedHashMap<>(metadata));
        r.put("builder", builderName);
        r.put("platforms", new ArrayList<>(platforms));
        return r;
    }
}
