package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import java.util.Set;

/** Holds a build spec against a driver's features, so that a refusal comes before the solve. */
public final class FeatureCheck {
    private static final Set<String> TARBALL_TYPES = Set.of("tar", "oci", "docker");

    private FeatureCheck() {
    }

    /** @throws UnsupportedFeatureException for the first feature the driver lacks */
    public static void check(Driver driver, BuildSpec spec)
            throws UnsupportedFeatureException {
        Set<DriverFeature> has = driver.features();
        if (!has.contains(DriverFeature.MULTI_PLATFORM) && spec.platforms().size() > 1) {
            throw refuse(driver, DriverFeature.MULTI_PLATFORM, "asked for " + String.join(",", spec.platforms()));
        }
        if (driver.outputs(spec).stream().anyMatch(o -> o.type().equals("docker") && o.dest() == null)) {
            if (!has.contains(DriverFeature.LOAD_INTO_DOCKER)) {
                throw refuse(driver, DriverFeature.LOAD_INTO_DOCKER, "asked for --load (type=docker without dest)");
            }
            driver.requireLoadTarget();
        }
        if (!has.contains(DriverFeature.TARBALL_OUTPUTS)) {
            for (OutputSpec o : spec.resolvedOutputs()) {
                if (TARBALL_TYPES.contains(o.type()) && o.dest() != null) {
                    throw refuse(driver, DriverFeature.TARBALL_OUTPUTS, "asked for type=" + o.type());
                }
            }
        }
        if (!has.contains(DriverFeature.ATTESTATIONS)) {
            for (io.jenkins.plugins.buildkit.build.AttestSpec a : spec.attestations()) {
                if (!a.disabled()) {
                    throw refuse(driver, DriverFeature.ATTESTATIONS, "asked for type=" + a.type());
                }
            }
        }
        if (!has.contains(DriverFeature.CACHE_EXPORT)) {
            for (String type : spec.cacheExportTypes()) {
                if (!type.equals("inline")) {
                    throw refuse(driver, DriverFeature.CACHE_EXPORT, "asked for type=" + type);
                }
            }
        }
    }

    /**
     * A builder may carry a buildkitd.toml or daemon flags only where its driver starts the daemon.
     *
     * @throws UnsupportedFeatureException when configuration is given to a driver that cannot use it
     */
    public static void checkConfiguration(Driver driver, boolean hasConfiguration) throws UnsupportedFeatureException {
        if (hasConfiguration && !driver.features().contains(DriverFeature.BUILDKIT_CONFIG)) {
            // a daemon neither of the builder's own nor a Docker Engine's is someone else's (remote)
            boolean someoneElses = !driver.features().contains(DriverFeature.OWN_DAEMON) && !driver.driverName().equals("docker");
            throw refuse(driver, DriverFeature.BUILDKIT_CONFIG, someoneElses ? "the daemon's configuration belongs to whoever runs it" : null);
        }
    }

    private static UnsupportedFeatureException refuse(Driver driver, DriverFeature feature, String detail) {
        return new UnsupportedFeatureException(driver.builderName(), driver.driverName(), feature, detail, "docker-container");
    }
}
