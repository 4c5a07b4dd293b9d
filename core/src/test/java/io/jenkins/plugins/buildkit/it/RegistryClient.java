package io.jenkins.plugins.buildkit.it;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Reads manifests from the test registry over its TLS port, as a user checking a push would. */
public final class RegistryClient {
    private final TestEnvironment env;
    private final HttpClient http;

    public RegistryClient(TestEnvironment env) throws Exception {
        this.env = env;
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(env.pem("ca.pem").getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** A blob's content, as text. */
    public String blob(String repository, String digest) throws Exception {
        String auth = Base64.getEncoder().encodeToString((env.registryUser + ":" + env.registryPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://" + env.registry + "/v2/" + repository + "/blobs/" + digest))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth).GET().build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("blob " + digest + ": HTTP " + r.statusCode());
        }
        return r.body();
    }

    /** The digest the registry gives {@code repository:reference}, or null when it has no such manifest. */
    public String digest(String repository, String reference) throws Exception {
        HttpResponse<String> r = manifest(repository, reference);
        return r.statusCode() == 200 ? r.headers().firstValue("Docker-Content-Digest").orElse(null) : null;
    }

    /** The response to a manifest GET: the digest header and the body. */
    public HttpResponse<String> manifest(String repository, String reference) throws Exception {
        String auth = Base64.getEncoder().encodeToString((env.registryUser + ":" + env.registryPassword)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://" + env.registry + "/v2/" + repository + "/manifests/" + reference))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
                        + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json")
                .GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }
}
