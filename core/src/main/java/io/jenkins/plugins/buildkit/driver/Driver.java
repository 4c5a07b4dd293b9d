package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ExportTarget;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.client.SolveResult;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One BuildKit builder as Buildx knows it: a driver that can bring its daemon up, report on it,
 * connect to it, and take it down. The four drivers (docker, docker-container, kubernetes, remote)
 * differ only in how the daemon is created and reached, and in the features they offer.
 */
public interface Driver extends AutoCloseable {

    /** The builder's name, as the user configured it. */
    String builderName();

    /** The driver's name as Buildx spells it: {@code docker}, {@code docker-container}, {@code kubernetes}, {@code remote}. */
    String driverName();

    /**
     * Makes the daemon ready to build (creating and starting it where the driver manages it).
     *
     * @param registryCredentials the build's registry credentials, by host: a driver that pulls its daemon's
     *     image uses the one for that image's registry, as Buildx's drivers take {@code InitConfig.Auth}
     */
    void bootstrap(PrintStream log, Map<String, RegistryCredential> registryCredentials) throws BuildKitException, InterruptedException;

    DriverStatus status() throws BuildKitException, InterruptedException;

    /** A connected client; the caller closes it. */
    BuildKitClient connect() throws BuildKitException, InterruptedException;

    /**
     * A connected client for one build; a driver with several daemons may choose one by the build
     * (kubernetes' sticky load balancing keys on the context directory).
     */
    default BuildKitClient connectFor(BuildSpec spec) throws BuildKitException, InterruptedException {
        return connect();
    }

    /**
     * The daemons of a builder that has several (kubernetes: one per pod), each with its state as the
     * driver sees it, by name; empty for a builder with one daemon.
     */
    default Map<String, String> nodes() throws BuildKitException {
        return Map.of();
    }

    /** A connected client of one of {@link #nodes()}; the caller closes it. */
    default BuildKitClient connectNode(String node) throws BuildKitException, InterruptedException {
        return connect();
    }

    /**
     * What the driver can tell of its builder without making or starting anything (a "Test connection"
     * button), or null when a connection to the daemon is the only report it has.
     */
    default String probe() throws BuildKitException, InterruptedException {
        return null;
    }

    /** Values the console must never show, such as a kubeconfig or a token the driver was given. */
    default List<String> valuesToMask() {
        return List.of();
    }

    /** Stops the daemon where the driver manages it. */
    void stop() throws BuildKitException, InterruptedException;

    /** Removes the daemon and, unless {@code keepState}, its state. */
    void remove(boolean keepState, boolean keepDaemon) throws BuildKitException, InterruptedException;

    Set<DriverFeature> features();

    /**
     * Lets go of what the driver keeps between calls (the kubernetes driver's one API client, with its
     * connections and threads). The clients it connected must be closed first: they may depend on it.
     */
    @Override
    default void close() {
    }

    /**
     * Work after a successful solve that the daemon could not do itself (a Docker Engine pushes its
     * images through its own API); returns the result the user sees.
     */
    default SolveResult afterSolve(BuildSpec spec, SolveResult result, ProgressListener progress)
            throws BuildKitException, InterruptedException {
        return result;
    }

    /**
     * Where a {@code type=docker} output without {@code dest} goes: the Docker Engine that loads it
     * ({@code --load}). Drivers without an engine cannot load.
     */
    default ExportTarget dockerLoadTarget() {
        throw new UnsupportedFeatureException(builderName(), driverName(), DriverFeature.LOAD_INTO_DOCKER,
                "no Docker Engine is configured for it", "docker-container");
    }

    /**
     * Before any work, when the build loads an image: whether the engine it goes to answers. A driver
     * whose daemon is in that engine has nothing to check.
     *
     * @throws io.jenkins.plugins.buildkit.build.InvalidRequestException naming the engine and why
     */
    default void requireLoadTarget() {
    }

    /** The exporters this driver uses for a build; most take the user's outputs as they are. */
    default List<OutputSpec> outputs(BuildSpec spec) {
        return spec.resolvedOutputs();
    }

    /**
     * Buildx's {@code default-load}: the user's outputs, plus a load into Docker (named by the tags)
     * unless a load or {@code cacheonly} is already asked for.
     */
    static List<OutputSpec> withDefaultLoad(BuildSpec spec) {
        List<OutputSpec> outputs = spec.resolvedOutputs();
        if (outputs.stream().anyMatch(o -> o.type().equals("docker") || o.type().equals("cacheonly"))) {
            return outputs;
        }
        List<OutputSpec> withLoad = new java.util.ArrayList<>(outputs);
        Map<String, String> attrs = new java.util.LinkedHashMap<>();
        if (!spec.tags().isEmpty()) {
            attrs.put("name", String.join(",", spec.tags()));
        }
        withLoad.add(OutputSpec.of("docker", attrs));
        return withLoad;
    }
}
