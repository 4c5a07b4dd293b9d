package io.jenkins.plugins.buildkit.driver.remote;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A buildkitd that someone else runs, reached over TCP (optionally mutual TLS) or a unix socket. We
 * never start, stop or remove it; its configuration belongs to its owner.
 */
public final class RemoteDriver implements Driver {
    private final String builderName;
    private final RemoteDriverOptions options;

    /** @throws IllegalArgumentException listing every problem with the options */
    public RemoteDriver(String builderName, RemoteDriverOptions options) {
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("builder \"" + builderName + "\" (driver remote): " + String.join("; ", problems));
        }
        this.builderName = builderName;
        this.options = options;
    }

    @Override
    public String builderName() {
        return builderName;
    }

    @Override
    public String driverName() {
        return "remote";
    }

    @Override
    public void bootstrap(PrintStream log, Map<String, RegistryCredential> registryCredentials) throws BuildKitException {
        try (BuildKitClient client = connect()) {
            log.println("builder " + builderName + ": connected to BuildKit "
                    + client.info().getBuildkitVersion().getVersion() + " at " + options.endpoint());
        }
    }

    @Override
    public DriverStatus status() {
        try (BuildKitClient ignored = connect()) {
            return DriverStatus.RUNNING;
        } catch (BuildKitException e) {
            return DriverStatus.INACTIVE;
        }
    }

    @Override
    public BuildKitClient connect() throws BuildKitException {
        return BuildKitClient.connect(options.toConnectionConfig());
    }

    @Override
    public void stop() {
        // The daemon belongs to its owner.
    }

    @Override
    public void remove(boolean keepState, boolean keepDaemon) {
        // The daemon belongs to its owner.
    }

    @Override
    public Set<DriverFeature> features() {
        // The daemon and its configuration are whoever runs it's; there is no Docker Engine to load into.
        return EnumSet.of(DriverFeature.CACHE_EXPORT,
                DriverFeature.TARBALL_OUTPUTS, DriverFeature.MULTI_PLATFORM, DriverFeature.ATTESTATIONS);
    }
}
