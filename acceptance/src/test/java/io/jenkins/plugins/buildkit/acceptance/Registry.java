package io.jenkins.plugins.buildkit.acceptance;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The test registry (TLS with the test CA, htpasswd), asked what a push left there. */
final class Registry {
    private final TestEnv env;
    private final HttpClient client;

    Registry(TestEnv env) throws IOException {
        this.env = env;
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(env.pem("ca.pem").getBytes(StandardCharsets.US_ASCII))));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** The digest the registry gives {@code repository:tag}, or null when it has no such manifest. */
    String digest(String repository, String tag) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://" + env.registry + "/v2/" + repository + "/manifests/" + tag))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (env.registryUser + ":" + env.registryPassword).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", String.join(", ",
                        "application/vnd.oci.image.index.v1+json",
                        "application/vnd.oci.image.manifest.v1+json",
                        "application/vnd.docker.distribution.manifest.list.v2+json",
                        "application/vnd.docker.distribution.manifest.v2+json"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<Void> r = client.send(req, HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200 ? r.headers().firstValue("Docker-Content-Digest").orElse(null) : null;
    }
}
