package io.jenkins.plugins.buildkit.client;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS material for a BuildKit endpoint as PEM text (Jenkins hands credentials over as strings):
 * the CA that signed the daemon's certificate, and optionally a client certificate and key for
 * mutual TLS. Keys may be PKCS#1 (RSA), SEC1 (EC) or PKCS#8.
 */
public final class TlsConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String caPem;
    private final String certPem;
    private final String keyPem;
    private final String serverName;

    public TlsConfig(String caPem, String certPem, String keyPem, String serverName) {
        this.caPem = caPem;
        this.certPem = certPem;
        this.keyPem = keyPem;
        this.serverName = serverName == null || serverName.isBlank() ? null : serverName.trim();
    }

    public static TlsConfig fromFiles(Path ca, Path cert, Path key, String serverName) throws IOException {
        return new TlsConfig(read(ca, "cacert"), read(cert, "cert"), read(key, "key"), serverName);
    }

    /** Reads a PEM file; null stays null, a missing file is an error naming {@code what}. */
    public static String read(Path file, String what) throws IOException {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + ": file not found: " + file);
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    public String caPem() {
        return caPem;
    }

    public String certPem() {
        return certPem;
    }

    public String keyPem() {
        return keyPem;
    }

    public String serverName() {
        return serverName;
    }

    public boolean hasClientCertificate() {
        return certPem != null;
    }

    /** A JDK TLS context that trusts the CA and presents the client certificate, if any. */
    public SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(hasClientCertificate() ? new KeyManager[] {keyManager()} : null, trustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Trusts the CA certificates only. */
    TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : caCertificates()) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    /** Presents the client certificate; only when {@link #hasClientCertificate()}. */
    KeyManager keyManager() {
        return new ClientKeyManager(clientKey(), clientCertificates());
    }

    List<X509Certificate> caCertificates() {
        return PemKeys.certificates(caPem, "cacert");
    }

    List<X509Certificate> clientCertificates() {
        return PemKeys.certificates(certPem, "cert");
    }

    PrivateKey clientKey() {
        return PemKeys.privateKey(keyPem, "key");
    }
}
