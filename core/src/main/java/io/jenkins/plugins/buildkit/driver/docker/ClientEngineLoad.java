package io.jenkins.plugins.buildkit.driver.docker;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.client.ExportTarget;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --load} for a builder whose daemon is not inside a Docker Engine (kubernetes, remote): the
 * {@code docker} exporter's stream goes to the engine of the machine that runs the build, the one
 * {@code DOCKER_HOST} names or the local socket, as Buildx loads through the client's Docker context.
 */
public final class ClientEngineLoad {
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> environment;

    /** @param environment the build's environment, where {@code DOCKER_HOST} and friends are read */
    public ClientEngineLoad(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    private DockerEndpoint endpoint() throws IOException {
        return DockerEndpoint.fromEnvironment(environment);
    }

    /**
     * Before any work: the engine answers, or the build is refused saying which engine was asked and
     * why it did not answer.
     *
     * @throws InvalidRequestException on the {@code outputs} field
     */
    public void requireReachable(String builderName, String driverName) {
        String engine = environment.getOrDefault("DOCKER_HOST", DockerEndpoint.DEFAULT);
        try {
            DockerEndpoint endpoint = endpoint();
            engine = endpoint.toString();
            try (DockerEngine docker = new DockerEngine(endpoint, PING_TIMEOUT)) {
                docker.api().pingCmd().exec();
            }
        } catch (IOException | RuntimeException e) {
            String message = "builder \"" + builderName + "\" (driver " + driverName + ") loads images into the Docker Engine"
                    + " of the machine that runs the build, and none answers at " + engine + ": " + DockerEngine.describe(e)
                    + " (set DOCKER_HOST there, or export with type=docker,dest=FILE or push instead of --load)";
            throw new InvalidRequestException(new BuildSpec.Problem(DriverFeature.LOAD_INTO_DOCKER.field(), message), message);
        }
    }

    /** Where the {@code docker} exporter's tarball goes. */
    public ExportTarget target() {
        return ExportTarget.stream(metadata -> EngineLoad.open(endpoint()));
    }
}
