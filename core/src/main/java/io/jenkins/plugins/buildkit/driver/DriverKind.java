package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.kubernetes.KubernetesDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry of driver kinds, by Buildx's names: each makes its {@link Driver} from
 * {@link Settings}. The command line and the Jenkins builders both make drivers here.
 */
public enum DriverKind {
    /** BuildKit inside a Docker Engine. */
    DOCKER("docker") {
        @Override
        public Driver create(Settings s) throws IOException {
            return new DockerDriver(s.builderName(), s.dockerEndpoint(), s.timeout());
        }
    },
    /** A BuildKit container of the builder's own, made through a Docker Engine. */
    DOCKER_CONTAINER("docker-container") {
        @Override
        public Driver create(Settings s) throws IOException {
            return new ContainerDriver(s.builderName(), s.dockerEndpoint(), ContainerDriverOptions.parse(s.options()),
                    s.timeout(), s.buildkitdConfig());
        }
    },
    /** BuildKit pods of the builder's own, made through the Kubernetes API. */
    KUBERNETES("kubernetes") {
        @Override
        public Driver create(Settings s) {
            TlsConfig tls = s.tls();
            return new KubernetesDriver(s.builderName(), s.options(), s.kubeconfig(), s.endpoint(), s.token(),
                    tls == null ? null : tls.caPem(), s.buildkitdConfig(), s.platforms(), s.environment());
        }
    },
    /** A buildkitd someone else runs. */
    REMOTE("remote") {
        @Override
        public Driver create(Settings s) throws IOException {
            TlsConfig tls = s.tls();
            return new RemoteDriver(s.builderName(), tls == null
                    ? new RemoteDriverOptions(s.endpoint(), null, null, null, null, s.timeout())
                    : new RemoteDriverOptions(s.endpoint(), tls.caPem(), tls.certPem(), tls.keyPem(), tls.serverName(), s.timeout()),
                    s.environment());
        }
    };

    /**
     * What a driver is made from.
     *
     * @param endpoint the daemon's address (remote) or the Docker Engine's (docker, docker-container);
     *     null for the engine the environment names
     * @param tls TLS to that endpoint, or null
     * @param options Buildx's {@code --driver-opt} values
     * @param buildkitdConfig buildkitd.toml for a driver that runs its own daemon, or null
     * @param environment where {@code DOCKER_HOST} and friends are read when no endpoint is given
     * @param timeout how long to wait for the daemon, or null for the driver's default
     * @param kubeconfig a kubeconfig's text (kubernetes), or null
     * @param token a bearer token for the API server at {@code endpoint} (kubernetes), or null
     * @param platforms the builder's fixed platforms, which a kubernetes builder writes on its pods
     */
    public record Settings(String builderName, String endpoint, TlsConfig tls, Map<String, String> options,
            String buildkitdConfig, Map<String, String> environment, Duration timeout, SecretValue kubeconfig,
            SecretValue token, List<String> platforms) {

        public Settings {
            options = options == null ? Map.of() : Map.copyOf(options);
            environment = environment == null ? Map.of() : Map.copyOf(environment);
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
        }

        public Settings(String builderName, String endpoint, TlsConfig tls, Map<String, String> options,
                String buildkitdConfig, Map<String, String> environment, Duration timeout) {
            this(builderName, endpoint, tls, options, buildkitdConfig, environment, timeout, null, null, List.of());
        }

        DockerEndpoint dockerEndpoint() throws IOException {
            return endpoint == null ? DockerEndpoint.fromEnvironment(environment) : new DockerEndpoint(endpoint, tls);
        }
    }

    private final String driverName;

    DriverKind(String driverName) {
        this.driverName = driverName;
    }

    /** Buildx's name of the driver. */
    public String driverName() {
        return driverName;
    }

    /**
     * Makes the driver; nothing is contacted yet.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     * @throws IOException when the environment's Docker TLS files cannot be read
     */
    public abstract Driver create(Settings settings) throws IOException;

    /** The kind Buildx calls {@code name}. */
    public static DriverKind named(String name) {
        return Arrays.stream(values()).filter(k -> k.driverName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("driver: unknown driver \"" + name + "\" (expected "
                        + Arrays.stream(values()).map(DriverKind::driverName).collect(Collectors.joining(", ")) + ")"));
    }
}
