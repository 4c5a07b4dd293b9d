package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A configured builder with its credentials resolved: what the agent needs to make the {@link Driver}.
 * Each driver's configuration makes its own kind on the controller; the driver itself is made where
 * the build runs.
 */
public abstract class DriverSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** TLS material: PEM text from the controller, or paths of files on the agent. */
    public record Tls(String caPem, String certPem, SecretValue keyPem, String serverName, String caPath,
            String certPath, String keyPath) implements Serializable {

        /** The TLS settings, or null when none is given. */
        static Tls orNull(Tls tls) {
            boolean empty = tls == null || tls.caPem == null && tls.certPem == null && tls.keyPem == null
                    && tls.serverName == null && tls.caPath == null && tls.certPath == null && tls.keyPath == null;
            return empty ? null : tls;
        }

        TlsConfig toConfig() throws IOException {
            String ca = caPem != null ? caPem : caPath == null ? null : TlsConfig.read(Path.of(caPath), "CA certificate");
            String cert = certPem != null ? certPem : certPath == null ? null : TlsConfig.read(Path.of(certPath), "client certificate");
            String key = keyPem != null ? keyPem.text() : keyPath == null ? null : TlsConfig.read(Path.of(keyPath), "client key");
            return new TlsConfig(ca, cert, key, serverName);
        }
    }

    private final String builderName;
    private final List<String> platforms;
    /** Where the daemon (remote) or the Docker Engine (docker, docker-container) is; null for the environment's. */
    final String endpoint;
    final Tls tls;

    protected DriverSpec(String builderName, List<String> platforms, String endpoint, Tls tls) {
        this.builderName = builderName;
        this.platforms = List.copyOf(platforms == null ? List.of() : platforms);
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
        this.tls = Tls.orNull(tls);
    }

    public String builderName() {
        return builderName;
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
    public abstract Driver create(Map<String, String> env) throws IOException;

    /** The Docker Engine a Docker-based driver uses: the configured one, else the environment's. */
    DockerEndpoint dockerEndpoint(Map<String, String> env) throws IOException {
        if (endpoint == null) {
            return DockerEndpoint.fromEnvironment(env);
        }
        return new DockerEndpoint(endpoint, tls == null ? null : tls.toConfig());
    }
}
