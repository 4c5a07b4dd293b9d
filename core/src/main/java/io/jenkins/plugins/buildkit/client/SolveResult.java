package io.jenkins.plugins.buildkit.client;

import java.util.Map;

/**
 * What a finished solve reports: the exporters' response (image digest, descriptor, names) and a
 * count of the steps, how many of them came from cache.
 */
public record SolveResult(Map<String, String> exporterResponse, int totalSteps, int cachedSteps) {

    /** The digest of the image manifest or index, when an image was exported. */
    public String imageDigest() {
        return exporterResponse.get("containerimage.digest");
    }

    public String imageName() {
        return exporterResponse.get("image.name");
    }
}
