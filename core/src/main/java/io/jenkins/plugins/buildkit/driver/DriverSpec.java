package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverKind;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A configured builder with its credentials resolved: what the agent needs to make the {@link Driver}
 * through the {@link DriverKind} registry. Serializable, so that a Jenkins controller can fill one in
 * and the agent that runs the build make the driver.
 */
public final class DriverSpec implements Serializable {
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

    private final DriverKind kind;
    private final String builderName;
    private final List<String> platforms;
    /** Where the daemon (remote) or the Docker Engine (docker, docker-container) is; null for the environment's. */
    private final String endpoint;
    private final Tls tls;
    private final Map<String, String> options;
    private final String buildkitdConfig;
    /** A kubernetes builder's cluster access: a kubeconfig, or a token for the API server at {@code endpoint}. */
    private SecretValue kubeconfig;
    private SecretValue token;

    public DriverSpec(DriverKind kind, String builderName, List<String> platforms, String endpoint, Tls tls,
            Map<String, String> options, String buildkitdConfig) {
        this.kind = kind;
        this.builderName = builderName;
        this.platforms = List.copyOf(platforms == null ? List.of() : platforms);
        this.endpoint = endpoint == null || endpoint.isBlank() ? null : endpoint.trim();
        this.tls = Tls.orNull(tls);
        this.options = new TreeMap<>(options == null ? Map.of() : options);
        this.buildkitdConfig = buildkitdConfig;
    }

    /** The same spec with a kubernetes builder's cluster access. */
    public DriverSpec withClusterAccess(SecretValue kubeconfig, SecretValue token) {
        DriverSpec copy = new DriverSpec(kind, builderName, platforms, endpoint, tls, options, buildkitdConfig);
        copy.kubeconfig = kubeconfig;
        copy.token = token;
        return copy;
    }

    /** The same builder's Docker Engine alone, as the docker driver reaches it. */
    public DriverSpec engine() {
        return new DriverSpec(DriverKind.DOCKER, builderName, List.of(), endpoint, tls, Map.of(), null);
    }

    /** The CA certificate (PEM) the builder's daemon is verified with, or null; read on the agent when it is a path. */
    public String caPem() throws IOException {
        if (tls == null) {
            return null;
        }
        return tls.caPem() != null ? tls.caPem() : tls.caPath() == null ? null : TlsConfig.read(Path.of(tls.caPath()), "CA certificate");
    }

    public String builderName() {
        return builderName;
    }

    /** The builder's fixed platforms: what a build that names none is built for. */
    public List<String> platforms() {
        return platforms;
    }

    /** A password in a URL's user part, as proxy settings carry them: {@code http://user:PASSWORD@host}. */
    private static final java.util.regex.Pattern URL_PASSWORD = java.util.regex.Pattern.compile("://[^/@:\\s]*:([^@/\\s]+)@");

    /**
     * Values the console must never show: the TLS client key, a kubeconfig, a token, and passwords
     * in the URLs of the daemon's environment (a proxy with a login).
     */
    public List<String> valuesToMask() {
        List<String> values = new java.util.ArrayList<>();
        for (SecretValue v : java.util.Arrays.asList(tls == null ? null : tls.keyPem(), kubeconfig, token)) {
            if (v != null) {
                values.add(v.text());
            }
        }
        options.forEach((key, value) -> {
            if (key.startsWith("env.")) {
                java.util.regex.Matcher m = URL_PASSWORD.matcher(value);
                while (m.find()) {
                    values.add(m.group(1));
                }
            }
        });
        return values;
    }

    /**
     * Makes the driver in this JVM.
     *
     * @param env the build's environment: with no endpoint configured, Docker drivers use the engine
     *     that {@code DOCKER_HOST} (and {@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}) name, as
     *     the Docker CLI would on that machine
     */
    public Driver create(Map<String, String> env) throws IOException {
        // A wrong option fails with its own name; whoever calls this names the builder.
        return kind.create(new DriverKind.Settings(builderName, endpoint, tls == null ? null : tls.toConfig(), options,
                buildkitdConfig, env, null, kubeconfig, token, platforms));
    }
}
