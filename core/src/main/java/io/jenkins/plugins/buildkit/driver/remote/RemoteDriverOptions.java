package io.jenkins.plugins.buildkit.driver.remote;

import io.jenkins.plugins.buildkit.client.ConnectionConfig;
import io.jenkins.plugins.buildkit.client.Endpoint;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The remote driver's options, as Buildx names them: {@code cacert}, {@code cert}, {@code key} (PEM
 * text), {@code servername}, and a connect timeout. Any TLS option turns TLS on; {@code cacert} is
 * then required, and {@code cert} and {@code key} come together.
 */
public final class RemoteDriverOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final String caPem;
    private final String certPem;
    private final String keyPem;
    private final String serverName;
    private final Duration connectTimeout;

    public RemoteDriverOptions(String endpoint, String caPem, String certPem, String keyPem, String serverName,
            Duration connectTimeout) {
        this.endpoint = endpoint;
        this.caPem = blankToNull(caPem);
        this.certPem = blankToNull(certPem);
        this.keyPem = blankToNull(keyPem);
        this.serverName = blankToNull(serverName);
        this.connectTimeout = connectTimeout == null ? ConnectionConfig.DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean tlsEnabled() {
        return caPem != null || certPem != null || keyPem != null || serverName != null;
    }

    /** Every problem with these options, each naming the option. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        try {
            Endpoint.parse(endpoint);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (tlsEnabled()) {
            if (caPem == null) {
                problems.add("cacert: required when TLS is used (cert, key or servername given)");
            }
            if ((certPem == null) != (keyPem == null)) {
                problems.add(certPem == null ? "cert: required when key is given" : "key: required when cert is given");
            }
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("timeout: must be positive, got " + connectTimeout.toSeconds() + "s");
        }
        return problems;
    }

    ConnectionConfig toConnectionConfig() {
        TlsConfig tls = tlsEnabled() ? new TlsConfig(caPem, certPem, keyPem, serverName) : null;
        return new ConnectionConfig(Endpoint.parse(endpoint), tls, connectTimeout);
    }

    public String endpoint() {
        return endpoint;
    }
}
