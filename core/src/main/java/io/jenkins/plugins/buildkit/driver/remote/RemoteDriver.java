package io.jenkins.plugins.buildkit.driver.remote;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ExportTarget;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.docker.ClientEngineLoad;
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
    /** {@code --load}: into the Docker Engine of the machine that runs the build, as Buildx does. */
    private final ClientEngineLoad load;

    /** A builder whose {@code --load} goes to the local Docker socket. */
    public RemoteDriver(String builderName, RemoteDriverOptions options) {
        this(builderName, options, Map.of());
    }

    /**
     * @param environment the build's environment: {@code --load} goes to the engine {@code DOCKER_HOST} names there
     * @throws IllegalArgumentException listing every problem with the options
     */
    public RemoteDriver(String builderName, RemoteDriverOptions options, Map<String, String> environment) {
        List<String> problems = options.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("builder \"" + builderName + "\" (driver remote): " + String.join("; ", problems));
        }
        this.builderName = builderName;
        this.options = options;
        this.load = new ClientEngineLoad(environment);
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
        // The daemon and its configuration are whoever runs it's; a load goes to the build machine's engine.
        return EnumSet.of(DriverFeature.CACHE_EXPORT, DriverFeature.TARBALL_OUTPUTS, DriverFeature.MULTI_PLATFORM,
                DriverFeature.ATTESTATIONS, DriverFeature.LOAD_INTO_DOCKER);
    }

    @Override
    public void requireLoadTarget() {
        load.requireReachable(builderName, driverName());
    }

    @Override
    public ExportTarget dockerLoadTarget() {
        return load.target();
    }
}
