package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.build.InvalidRequestException;

/** A build asks a driver for something it cannot do; raised before any solve starts. */
public final class UnsupportedFeatureException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    public UnsupportedFeatureException(String builder, String driver, DriverFeature feature, String detail,
            String suggestedDriver) {
        this(feature.field(), "builder \"" + builder + "\" (driver " + driver + ") does not support " + feature.description()
                + (detail == null ? "" : " (" + detail + ")")
                + "; use a builder with the " + suggestedDriver + " driver instead");
    }

    private UnsupportedFeatureException(String field, String message) {
        super(new io.jenkins.plugins.buildkit.build.BuildSpec.Problem(field, message), message);
    }
}
