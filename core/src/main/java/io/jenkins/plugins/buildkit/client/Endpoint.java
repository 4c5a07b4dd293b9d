package io.jenkins.plugins.buildkit.client;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/** A BuildKit address: {@code tcp://host:port} or {@code unix:///path/to/socket}. */
public final class Endpoint implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Scheme { TCP, UNIX }

    private final String text;
    private final Scheme scheme;
    private final String host;
    private final int port;
    private final String socketPath;

    private Endpoint(String text, Scheme scheme, String host, int port, String socketPath) {
        this.text = text;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.socketPath = socketPath;
    }

    /**
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("endpoint: empty; expected tcp://host:port or unix:///path");
        }
        String t = text.trim();
        if (t.startsWith("unix://")) {
            String path = t.substring("unix://".length());
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("endpoint: \"" + text + "\" must name an absolute socket path, as unix:///run/buildkit/buildkitd.sock");
            }
            return new Endpoint(t, Scheme.UNIX, null, -1, path);
        }
        if (t.startsWith("tcp://")) {
            try {
                URI uri = new URI(t);
                if (uri.getHost() == null || uri.getPort() < 0) {
                    throw new IllegalArgumentException("endpoint: \"" + text + "\" needs a host and a port, as tcp://buildkit.example:1234");
                }
                return new Endpoint(t, Scheme.TCP, uri.getHost(), uri.getPort(), null);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint: \"" + text + "\" is not a valid address: " + e.getReason(), e);
            }
        }
        throw new IllegalArgumentException("endpoint: \"" + text + "\" has an unsupported scheme; expected tcp://host:port or unix:///path");
    }

    public Scheme scheme() {
        return scheme;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String socketPath() {
        return socketPath;
    }

    @Override
    public String toString() {
        return text;
    }
}
