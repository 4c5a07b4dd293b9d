package io.jenkins.plugins.buildkit.driver;

/** What a driver may or may not offer (DESIGN.md's capability matrix). */
public enum DriverFeature {
    LOAD_INTO_DOCKER("loading the image into Docker"),
    CACHE_EXPORT("cache export other than inline"),
    TARBALL_OUTPUTS("tar, oci and docker outputs"),
    MULTI_PLATFORM("building for several platforms"),
    ATTESTATIONS("attestations (provenance, SBOM)"),
    BUILDKIT_CONFIG("BuildKit configuration"),
    /** The builder creates, starts, stops and removes a daemon of its own (not one someone else runs). */
    OWN_DAEMON("a BuildKit daemon of the builder's own");

    private final String description;

    DriverFeature(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
