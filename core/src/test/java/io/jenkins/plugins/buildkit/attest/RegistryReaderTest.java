package io.jenkins.plugins.buildkit.attest;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The registry protocol against a registry of the test's own: the token flow, the digest check, the size bound. */
public class RegistryReaderTest {
    private static final String LOGIN = "Basic " + Base64.getEncoder().encodeToString("user:pass".getBytes(StandardCharsets.UTF_8));
    private HttpServer server;
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final Set<String> redirected = new HashSet<>();
    private String challenge;

    @Before
    public void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", x -> {
            boolean ok = LOGIN.equals(x.getRequestHeaders().getFirst("Authorization"))
                    && x.getRequestURI().getQuery().contains("scope=repository:team/app:pull");
            reply(x, ok ? 200 : 401, ok ? "{\"token\":\"t-1\"}".getBytes(StandardCharsets.UTF_8) : new byte[0]);
        });
        server.createContext("/v2/", x -> {
            String auth = x.getRequestHeaders().getFirst("Authorization");
            if (!(challenge.startsWith("Bearer") ? "Bearer t-1" : LOGIN).equals(auth)) {
                x.getResponseHeaders().add("WWW-Authenticate", challenge);
                reply(x, 401, new byte[0]);
                return;
            }
            String path = x.getRequestURI().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            if (redirected.contains(name)) {
                x.getResponseHeaders().add("Location", "/storage/" + name + "?signature=abc");
                reply(x, 307, new byte[0]);
                return;
            }
            byte[] body = blobs.get(name);
            reply(x, body == null ? 404 : 200, body == null ? new byte[0] : body);
        });
        server.createContext("/storage/", x -> {
            // as object storage with a signed URL: another Authorization is refused
            String path = x.getRequestURI().getPath();
            byte[] body = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            boolean clean = x.getRequestHeaders().getFirst("Authorization") == null;
            reply(x, clean && body != null ? 200 : 400, clean && body != null ? body : new byte[0]);
        });
        server.start();
        challenge = "Bearer realm=\"http://127.0.0.1:" + server.getAddress().getPort() + "/token\",service=\"test\"";
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private static void reply(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static String digest(byte[] content) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private RegistryReader reader(RegistryCredential login) {
        return new RegistryReader(HttpClient.newHttpClient(), "http", "127.0.0.1:" + server.getAddress().getPort(), login);
    }

    @Test
    public void aBearerChallengeIsAnsweredWithATokenFetchedWithTheLogin() throws Exception {
        byte[] content = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        blobs.put(digest(content), content);
        assertArrayEquals(content, reader(new RegistryCredential("user", "pass")).blob("team/app", digest(content)));
    }

    @Test
    public void aRedirectedBlobIsFetchedWithoutTheRegistryLogin() throws Exception {
        byte[] content = "{\"stored\":\"elsewhere\"}".getBytes(StandardCharsets.UTF_8);
        blobs.put(digest(content), content);
        redirected.add(digest(content));
        assertArrayEquals(content, reader(new RegistryCredential("user", "pass")).blob("team/app", digest(content)));
    }

    @Test
    public void aBasicChallengeIsAnsweredWithTheLoginAndRefusedWithoutOne() throws Exception {
        challenge = "Basic realm=\"test\"";
        byte[] content = "{}".getBytes(StandardCharsets.UTF_8);
        blobs.put(digest(content), content);
        assertArrayEquals(content, reader(new RegistryCredential("user", "pass")).manifest("team/app", digest(content)));
        IOException e = assertThrows(IOException.class, () -> reader(null).blob("team/app", digest(content)));
        assertThat(e.getMessage(), containsString("no registry credentials"));
    }

    @Test
    public void contentThatIsNotWhatItsDigestNamesIsRefused() throws Exception {
        String claimed = digest("expected".getBytes(StandardCharsets.UTF_8));
        blobs.put(claimed, "something else".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> reader(new RegistryCredential("user", "pass")).blob("team/app", claimed));
        assertThat(e.getMessage(), containsString("sent content with digest"));
    }

    @Test
    public void aDocumentOverTheBoundIsRefusedAndAWrongLoginNamesTheStatus() throws Exception {
        byte[] huge = new byte[RegistryReader.MAX_DOCUMENT_BYTES + 1];
        blobs.put(digest(huge), huge);
        IOException big = assertThrows(IOException.class, () -> reader(new RegistryCredential("user", "pass")).blob("team/app", digest(huge)));
        assertThat(big.getMessage(), containsString("larger than 8 MiB"));
        IOException denied = assertThrows(IOException.class, () -> reader(new RegistryCredential("user", "wrong")).blob("team/app", digest(huge)));
        assertThat(denied.getMessage(), containsString("HTTP 401"));
        assertThrows(IOException.class, () -> reader(null).blob("team/app", "latest"));
    }

    /** Recorded from the test registry: two images' attestation manifests and statements, under one index of two platforms. */
    @Test
    public void anIndexGivesEachPlatformItsProvenanceAndSbom() throws Exception {
        for (String name : new String[] {"attestation-manifest-provenance.json", "provenance-slsa-v1-recorded.json",
                "attestation-manifest-sbom.json", "sbom-spdx.json"}) {
            byte[] content = fixture(name);
            blobs.put(digest(content), content);
        }
        byte[] index = fixture("index-two-platforms.json");
        blobs.put(digest(index), index);
        List<ImageAttestations.Platform> platforms = ImageAttestations.read(reader(new RegistryCredential("user", "pass")),
                "team/app", digest(index));
        assertEquals(2, platforms.size());
        ImageAttestations.Platform amd64 = platforms.get(0);
        assertEquals("linux/amd64", amd64.platform());
        assertEquals("https://slsa.dev/provenance/v1", amd64.provenance().predicateType());
        assertEquals(-1, amd64.sbomPackages());
        ImageAttestations.Platform arm64 = platforms.get(1);
        assertEquals("linux/arm64/v8", arm64.platform());
        assertNull(arm64.provenance());
        assertEquals(1, arm64.sbomPackages());
        assertArrayEquals(fixture("sbom-spdx.json"), arm64.sbom());
    }

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = RegistryReaderTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }
}
