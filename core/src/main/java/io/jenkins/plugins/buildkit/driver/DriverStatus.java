package io.jenkins.plugins.buildkit.driver;

/** Where a builder's daemon stands, in Buildx's words. */
public enum DriverStatus {
    INACTIVE, STARTING, RUNNING, STOPPING, STOPPED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
