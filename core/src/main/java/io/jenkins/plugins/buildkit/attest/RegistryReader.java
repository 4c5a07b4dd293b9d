package io.jenkins.plugins.buildkit.attest;

import io.jenkins.plugins.buildkit.client.RegistryCredential;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads manifests and blobs by digest from one registry over HTTPS, as the Distribution API gives
 * them: basic auth, or the token flow when the registry answers 401 with a Bearer challenge. Every
 * document is bounded in size and time and checked against its digest, so a registry can neither
 * stall the build nor hand back other content than the daemon pushed.
 */
public final class RegistryReader {
    /** Attestation statements and SBOMs of ordinary images are far smaller; anything larger is refused. */
    public static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 3;
    private static final String MANIFEST_TYPES = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, "
            + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json";
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http;
    private final String scheme;
    private final String host;
    private final RegistryCredential credential;
    private String authorization;

    /**
     * @param registry host[:port] as {@link RegistryCredential#registryOf} names it
     * @param credential the login for that registry, or null for anonymous access
     * @param extraCaPems CA certificates to trust besides the JVM's own (PEM text), may be empty
     */
    public RegistryReader(String registry, RegistryCredential credential, List<String> extraCaPems) throws IOException {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(sslContext(extraCaPems)).build(), "https", registry.equals("docker.io") ? "registry-1.docker.io" : registry,
                credential);
    }

    /** For tests: plain HTTP to a registry of the test's own. */
    RegistryReader(HttpClient http, String scheme, String host, RegistryCredential credential) {
        this.http = http;
        this.scheme = scheme;
        this.host = host;
        this.credential = credential;
    }

    /**
     * The repository path of an image name within its registry: {@code r.example.com:5000/team/app:1}
     * is {@code team/app}, Docker Hub's {@code alpine} is {@code library/alpine}.
     */
    public static String repositoryOf(String imageName) {
        String name = imageName;
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            name = name.substring(slash + 1);
        }
        return name.contains("/") || !RegistryCredential.registryOf(imageName).equals("docker.io") ? name : "library/" + name;
    }

    /** The manifest or index {@code digest} of {@code repository}. */
    public byte[] manifest(String repository, String digest) throws IOException, InterruptedException {
        return get(repository, "manifests", digest, MANIFEST_TYPES);
    }

    /** The blob {@code digest} of {@code repository}. */
    public byte[] blob(String repository, String digest) throws IOException, InterruptedException {
        return get(repository, "blobs", digest, "*/*");
    }

    private byte[] get(String repository, String kind, String digest, String accept) throws IOException, InterruptedException {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IOException("not a sha256 digest: " + digest);
        }
        URI uri = URI.create(scheme + "://" + host + "/v2/" + repository + "/" + kind + "/" + digest);
        HttpResponse<byte[]> r = send(uri, accept, authorization);
        if (r.statusCode() == 401) {
            authorization = authorize(r.headers().firstValue("WWW-Authenticate").orElse(""), repository);
            r = send(uri, accept, authorization);
        }
        // Blobs often live elsewhere (object storage with a signed URL): the login stays with the registry.
        for (int hops = 0; isRedirect(r.statusCode()) && hops < MAX_REDIRECTS; hops++) {
            URI location = uri.resolve(r.headers().firstValue("Location").orElseThrow(
                    () -> new IOException(host + " redirected without a Location")));
            if (!scheme.equals(location.getScheme())) {
                throw new IOException(host + " redirected to " + location.getScheme() + ", not " + scheme);
            }
            uri = location;
            r = send(uri, accept, null);
        }
        if (r.statusCode() != 200) {
            throw new IOException(host + " answered HTTP " + r.statusCode() + " for " + repository + " " + digest);
        }
        String actual = "sha256:" + HexFormat.of().formatHex(sha256(r.body()));
        if (!actual.equals(digest)) {
            throw new IOException(host + " sent content with digest " + actual + " for " + digest);
        }
        return r.body();
    }

    /** The Authorization header a 401's challenge asks for: basic, or a token fetched from the challenge's realm. */
    private String authorize(String challenge, String repository) throws IOException, InterruptedException {
        String basic = credential == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (credential.username() + ":" + credential.secret()).getBytes(StandardCharsets.UTF_8));
        if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (basic == null) {
                throw new IOException(host + " asks for a login and the build has no registry credentials for it");
            }
            return basic;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge);
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
        }
        String realm = params.get("realm");
        // the login goes to the realm: never in clear text
        if (realm == null || !realm.startsWith(scheme + "://")) {
            throw new IOException(host + " names no " + scheme.toUpperCase(Locale.ROOT) + " token realm in its challenge");
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?')
                .append("scope=").append(URLEncoder.encode("repository:" + repository + ":pull", StandardCharsets.UTF_8));
        if (params.containsKey("service")) {
            url.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
        }
        HttpResponse<byte[]> r = send(URI.create(url.toString()), "application/json", basic);
        if (r.statusCode() != 200) {
            throw new IOException("the token service of " + host + " answered HTTP " + r.statusCode());
        }
        Matcher token = Pattern.compile("\"(?:token|access_token)\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(new String(r.body(), StandardCharsets.UTF_8));
        if (!token.find()) {
            throw new IOException("the token service of " + host + " sent no token");
        }
        return "Bearer " + token.group(1);
    }

    private HttpResponse<byte[]> send(URI uri, String accept, String auth) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).header("Accept", accept).GET();
        if (auth != null) {
            req.header("Authorization", auth);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(req.build(), info -> new BoundedBody(MAX_DOCUMENT_BYTES));
        try {
            // the request timeout ends at the headers; this bounds the body too
            return pending.get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException(uri.getHost() + " did not answer within " + REQUEST_TIMEOUT.toSeconds() * 2 + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            throw e;
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JVM's trusted CAs and the given ones. */
    private static SSLContext sslContext(List<String> extraCaPems) throws IOException {
        try {
            List<X509Certificate> trusted = new ArrayList<>();
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    trusted.addAll(List.of(x.getAcceptedIssuers()));
                }
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (String pem : extraCaPems) {
                for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                    trusted.add((X509Certificate) c);
                }
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < trusted.size(); i++) {
                store.setCertificateEntry("ca-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS trust for the registry: " + e.getMessage(), e);
        }
    }

    /** Collects a body up to a bound, and fails the request as soon as it grows past it. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (buffer.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("a registry document is larger than " + max / (1024 * 1024) + " MiB"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
