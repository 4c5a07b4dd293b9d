package io.jenkins.plugins.buildkit.driver.docker;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.client.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.After;
import org.junit.Test;

/**
 * The raw TLS connections to a Docker Engine's {@code /grpc} and {@code /session}: the engine's
 * certificate must name the host, as docker-java's own calls require, and every wait before the
 * upgrade is answered is bounded. The engine here is a TLS server of the test's own, on loopback.
 */
public class DockerEngineTlsTest {
    private SSLServerSocket server;
    private Thread acceptor;

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (acceptor != null) {
            acceptor.join(5000);
        }
    }

    /** Bounded in case a regression waits on the engine: a wait without limit would hang the suite. */
    @Test(timeout = 60_000)
    public void aCertificateForAnotherNameIsRefused() throws Exception {
        KeyPair ca = keyPair();
        X509Certificate caCert = certificate("CN=test ca", ca, "CN=test ca", ca, null);
        String port = startSilentServer(ca, caCert, new GeneralName(GeneralName.dNSName, "elsewhere.example"));
        DockerEngine engine = new DockerEngine(new DockerEndpoint("tcp://127.0.0.1:" + port,
                new TlsConfig(pem(caCert), null, null, null)), Duration.ofSeconds(5));
        IOException e = assertThrows(IOException.class, () -> engine.upgrade("/grpc", Map.of()));
        assertThat(e.getMessage(), containsString("TLS to the Docker Engine at tcp://127.0.0.1:" + port + " failed"));
        assertThat(e.getMessage(), containsString("127.0.0.1"));
    }

    @Test(timeout = 60_000)
    public void aSilentEngineIsGivenUpOnNamingWhatWasAwaited() throws Exception {
        KeyPair ca = keyPair();
        X509Certificate caCert = certificate("CN=test ca", ca, "CN=test ca", ca, null);
        String port = startSilentServer(ca, caCert, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
        DockerEngine engine = new DockerEngine(new DockerEndpoint("tcp://127.0.0.1:" + port,
                new TlsConfig(pem(caCert), null, null, null)), Duration.ofSeconds(2));
        IOException e = assertThrows(IOException.class, () -> engine.upgrade("/grpc", Map.of()));
        assertThat(e.getMessage(), containsString("did not answer POST /grpc within 2 s"));
    }

    /** A TLS server that completes the handshake and then says nothing, until the client goes. */
    private String startSilentServer(KeyPair ca, X509Certificate caCert, GeneralName serverName) throws Exception {
        KeyPair key = keyPair();
        X509Certificate cert = certificate("CN=engine", key, "CN=test ca", ca, serverName);
        KeyStore keys = KeyStore.getInstance(KeyStore.getDefaultType());
        keys.load(null, null);
        keys.setKeyEntry("engine", key.getPrivate(), new char[0], new X509Certificate[] {cert, caCert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try (SSLSocket client = (SSLSocket) server.accept(); InputStream in = client.getInputStream()) {
                client.setSoTimeout(10_000);
                in.readAllBytes();
            } catch (IOException ignored) {
                // the client gave up, or refused the certificate
            }
        }, "silent-engine");
        acceptor.start();
        return Integer.toString(server.getLocalPort());
    }

    private static KeyPair keyPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, KeyPair subjectKey, String issuer, KeyPair issuerKey,
            GeneralName altName) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)),
                new X500Name(subject), subjectKey.getPublic());
        if (altName == null) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        } else {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altName));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static String pem(X509Certificate cert) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(cert);
        }
        return out.toString();
    }
}
