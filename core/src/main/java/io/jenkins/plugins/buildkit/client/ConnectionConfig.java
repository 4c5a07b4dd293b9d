package io.jenkins.plugins.buildkit.client;

import java.io.Serializable;
import java.time.Duration;

/** How to reach a buildkitd: its endpoint, TLS material (null for plaintext) and a connect timeout. */
public final class ConnectionConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final Endpoint endpoint;
    private final TlsConfig tls;
    private final Duration connectTimeout;

    public ConnectionConfig(Endpoint endpoint, TlsConfig tls, Duration connectTimeout) {
        this.endpoint = endpoint;
        this.tls = tls;
        this.connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public TlsConfig tls() {
        return tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }
}
