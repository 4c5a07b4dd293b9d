package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A configured builder with its credentials resolved: what the agent needs to make the {@link Driver}.
 * Made on the controller from the global configuration; the driver itself is made where the build runs.
 */
public final class DriverSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        DOCKER("docker"), DOCKER_CONTAINER("docker-container"), REMOTE("remote");

        final String driverName;

        Kind(String driverName) {
            this.driverName = driverName;
        }
    }

    /** TLS material: PEM text from the controller, or paths of files on the agent. */
    public record Tls(String caPem, String certPem, SecretValue keyPem, String serverName, String caPath,
            String certPath, String keyPath) implements Serializable {
        boolean isEmpty() {
            return caPem == null && certPem == null && keyPem == null && serverName == null && caPath == null
                    && certPath == null && keyPath == null;
        }

        TlsConfig toConfig() throws IOException {
            String ca = caPem != null ? caPem : caPath == null ? null : TlsConfig.read(Path.of(caPath), "CA certificate");
            String cert = certPem != null ? certPem : certPath == null ? null : TlsConfig.read(Path.of(certPath), "client certificate");
            String key = keyPem != null ? keyPem.text() : keyPath == null ? null : TlsConfig.read(Path.of(keyPath), "client key");
            return new TlsConfig(ca, cert, key, serverName);
        }
    }

    final Kind kind;
    final String builderName;
    final String endpoint;
    final Tls tls;
    final Map<String, String> containerOptions;
    final String buildkitdConfig;
    final List<String> platforms;

    public DriverSpec(Kind kind, String builderName, String endpoint, Tls tls, Map<String, String> containerOptions,
            String buildkitdConfig, List<String> platforms) {
        this.kind = kind;
        this.builderName = builderName;
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
        this.tls = tls == null || tls.isEmpty() ? null : tls;
        this.containerOptions = new LinkedHashMap<>(containerOptions == null ? Map.of() : containerOptions);
        this.buildkitdConfig = buildkitdConfig == null || buildkitdConfig.isBlank() ? null : buildkitdConfig;
        this.platforms = List.copyOf(platforms == null ? List.of() : platforms);
    }

    public String builderName() {
        return builderName;
    }

    public String driverName() {
        return kind.driverName;
    }

    /** The builder's fixed platforms: what a build that names none is built for. */
    public List<String> platforms() {
        return platforms;
    }

    /** Values the console must never show (the TLS client key). */
    List<String> valuesToMask() {
        return tls == null || tls.keyPem() == null ? List.of() : List.of(tls.keyPem().text());
    }

    /**
     * Makes the driver in this JVM.
     *
     * @param env the build's environment: with no endpoint configured, Docker drivers use the engine
     *     that {@code DOCKER_HOST} (and {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}) name, as
     *     the Docker CLI would on that machine
     */
    public Driver create(Map<String, String> env) throws IOException {
        switch (kind) {
            case REMOTE: {
                Tls t = tls;
                TlsConfig config = t == null ? null : t.toConfig();
                RemoteDriverOptions options = config == null
                        ? new RemoteDriverOptions(endpoint, null, null, null, null, null)
                        : new RemoteDriverOptions(endpoint, config.caPem(), config.certPem(), config.keyPem(), config.serverName(), null);
                List<String> problems = options.problems();
                if (!problems.isEmpty()) {
                    throw new IOException("builder " + builderName + ": " + String.join("; ", problems));
                }
                return new RemoteDriver(builderName, options);
            }
            case DOCKER:
                return new DockerDriver(builderName, dockerEndpoint(env), null);
            case DOCKER_CONTAINER:
                Map<String, String> options = new LinkedHashMap<>(containerOptions);
                ContainerDriverOptions parsed;
                try {
                    parsed = ContainerDriverOptions.parse(options);
                } catch (IllegalArgumentException e) {
                    throw new IOException("builder " + builderName + ": " + e.getMessage(), e);
                }
                return new ContainerDriver(builderName, dockerEndpoint(env), parsed, null, buildkitdConfig, Map.of());
            default:
                throw new IllegalStateException(kind.name());
        }
    }

    private DockerEndpoint dockerEndpoint(Map<String, String> env) throws IOException {
        if (endpoint == null) {
            return DockerEndpoint.fromEnvironment(env);
        }
        return new DockerEndpoint(endpoint, tls == null ? null : tls.toConfig());
    }
}
