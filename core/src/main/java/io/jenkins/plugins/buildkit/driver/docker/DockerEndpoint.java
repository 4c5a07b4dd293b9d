package io.jenkins.plugins.buildkit.driver.docker;

import io.jenkins.plugins.buildkit.client.TlsConfig;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a Docker Engine listens and how to trust it: {@code unix:///var/run/docker.sock} by default,
 * {@code DOCKER_HOST} when set (with TLS from {@code DOCKER_CERT_PATH} when {@code DOCKER_TLS_VERIFY}
 * is set), or an explicit endpoint.
 */
public final class DockerEndpoint implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT = "unix:///var/run/docker.sock";

    private final String uri;
    private final TlsConfig tls;

    /** @throws IllegalArgumentException naming the value when it is not a unix:// or tcp:// address */
    public DockerEndpoint(String uri, TlsConfig tls) {
        String u = uri == null || uri.isBlank() ? DEFAULT : uri.trim();
        if (!u.startsWith("unix:///") && !u.startsWith("tcp://")) {
            throw new IllegalArgumentException("endpoint: \"" + uri + "\" is not a Docker address (expected unix:///path or tcp://host:port)");
        }
        if (u.startsWith("tcp://")) {
            URI parsed = URI.create(u);
            if (parsed.getHost() == null || parsed.getPort() < 0) {
                throw new IllegalArgumentException("endpoint: \"" + uri + "\" needs a host and a port, as tcp://docker.example:2376");
            }
        }
        this.uri = u;
        this.tls = tls;
    }

    /** The engine the Docker CLI would use with this environment. */
    public static DockerEndpoint fromEnvironment(Map<String, String> env) throws IOException {
        String host = env.get("DOCKER_HOST");
        TlsConfig tls = null;
        String verify = env.get("DOCKER_TLS_VERIFY");
        if (host != null && host.startsWith("tcp://") && verify != null && !verify.isEmpty() && !verify.equals("0")) {
            Path certs = Path.of(env.getOrDefault("DOCKER_CERT_PATH", System.getProperty("user.home") + "/.docker"));
            if (!Files.isDirectory(certs)) {
                throw new IOException("DOCKER_CERT_PATH: directory not found: " + certs);
            }
            tls = TlsConfig.fromFiles(certs.resolve("ca.pem"), certs.resolve("cert.pem"), certs.resolve("key.pem"), null);
        }
        return new DockerEndpoint(host, tls);
    }

    public String uri() {
        return uri;
    }

    public TlsConfig tls() {
        return tls;
    }

    public boolean isUnix() {
        return uri.startsWith("unix://");
    }

    String socketPath() {
        return uri.substring("unix://".length());
    }

    String host() {
        return URI.create(uri).getHost();
    }

    int port() {
        return URI.create(uri).getPort();
    }

    @Override
    public String toString() {
        return uri;
    }
}
