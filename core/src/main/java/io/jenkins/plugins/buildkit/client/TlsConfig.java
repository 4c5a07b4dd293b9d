package io.jenkins.plugins.buildkit.client;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

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
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (X509Certificate ca : caCertificates()) {
                trust.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keyManagers = null;
            if (hasClientCertificate()) {
                KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
                keys.load(null, null);
                char[] none = new char[0];
                keys.setKeyEntry("client", clientKey(), none, clientCertificates().toArray(new X509Certificate[0]));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, none);
                keyManagers = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    List<X509Certificate> caCertificates() {
        return certificates(caPem, "cacert");
    }

    List<X509Certificate> clientCertificates() {
        return certificates(certPem, "cert");
    }

    PrivateKey clientKey() {
        try (PEMParser parser = new PEMParser(new StringReader(keyPem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair) {
                return converter.getKeyPair((PEMKeyPair) o).getPrivate();
            }
            if (o instanceof PrivateKeyInfo) {
                return converter.getPrivateKey((PrivateKeyInfo) o);
            }
            throw new IllegalArgumentException("key: no unencrypted PEM private key found");
        } catch (IOException e) {
            throw new IllegalArgumentException("key: cannot read PEM private key: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(String pem, String what) {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder) {
                    out.add(converter.getCertificate((X509CertificateHolder) o));
                }
            }
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException(what + ": cannot read PEM certificate: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(what + ": no PEM certificate found");
        }
        return out;
    }
}
