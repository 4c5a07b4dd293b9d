package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.client.BuildKitException;

/** A build asks a driver for something it cannot do; raised before any solve starts. */
public final class UnsupportedFeatureException extends BuildKitException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeatureException(String builder, String driver, DriverFeature feature, String detail,
            String suggestedDriver) {
        super("builder \"" + builder + "\" (driver " + driver + ") does not support " + feature.description()
                + (detail == null ? "" : " (" + detail + ")")
                + "; use a builder with the " + suggestedDriver + " driver instead");
    }
}
