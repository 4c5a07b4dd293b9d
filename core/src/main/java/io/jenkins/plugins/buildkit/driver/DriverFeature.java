package io.jenkins.plugins.buildkit.driver;

/** What a driver may or may not offer (the capability matrix of docs/ARCHITECTURE.md). */
public enum DriverFeature {
    LOAD_INTO_DOCKER("loading the image into Docker", "outputs"),
    CACHE_EXPORT("cache export other than inline", "cacheTo"),
    TARBALL_OUTPUTS("tar, oci and docker outputs", "outputs"),
    MULTI_PLATFORM("building for several platforms", "platforms"),
    ATTESTATIONS("attestations (provenance, SBOM)", "attestations"),
    BUILDKIT_CONFIG("BuildKit configuration", "buildkitdConfig"),
    /** The builder creates, starts, stops and removes a daemon of its own (not one someone else runs). */
    OWN_DAEMON("a BuildKit daemon of the builder's own", "driver");

    private final String description;
    private final String field;

    DriverFeature(String description, String field) {
        this.description = description;
        this.field = field;
    }

    /** The parameter that asks for this feature, named as the step and the builder form name it. */
    public String field() {
        return field;
    }

    public String description() {
        return description;
    }
}
