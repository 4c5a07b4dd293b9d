package io.jenkins.plugins.buildkit.driver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.SSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ByteStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One Docker Engine: its HTTP API through docker-java, and the raw upgraded connections
 * ({@code POST /grpc}, {@code POST /session}) through which its bundled BuildKit is reached.
 */
public final class DockerEngine implements Closeable {
    /** {@code /grpc} appeared in Docker 18.09 (API 1.39); older engines have no BuildKit API. */
    static final int MIN_API_MINOR = 39;

    private final DockerEndpoint endpoint;
    private final Duration timeout;
    /** docker-java's clients, made on first use: a build on the docker driver needs neither. */
    private DockerClient docker;
    private DockerClient patientDocker;

    /**
     * @param timeout bounds connecting, and waiting for each answer of an ordinary API call: a silent
     *     engine fails the call after this long instead of holding a build or a request thread
     */
    public DockerEngine(DockerEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /**
     * Pulls, pushes and loads may go quiet for minutes while the engine unpacks or uploads a large
     * layer; they wait this long for the next answer.
     */
    private static final Duration PATIENT_RESPONSE_TIMEOUT = Duration.ofMinutes(30);

    private DockerClient client(Duration responseTimeout) {
        SSLConfig ssl = endpoint.tls() == null ? null : () -> endpoint.tls().sslContext();
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.uri())
                .withDockerTlsVerify(endpoint.tls() != null)
                .withCustomSslConfig(ssl)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint.uri()))
                .sslConfig(ssl)
                .connectionTimeout(timeout)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The API for calls that answer promptly: each answer is awaited for the engine's timeout. */
    public synchronized DockerClient api() {
        if (docker == null) {
            docker = client(timeout);
        }
        return docker;
    }

    /** The API for pulls, pushes and loads, which may rightly be silent for minutes. */
    public synchronized DockerClient patientApi() {
        if (patientDocker == null) {
            patientDocker = client(PATIENT_RESPONSE_TIMEOUT);
        }
        return patientDocker;
    }

    /** An engine's version and the version of its API. */
    public record EngineVersion(String version, String apiVersion) {
    }

    /**
     * The engine's version, after checking that it answers and has BuildKit's API. Asked with one plain
     * {@code GET /version} on a connection of its own: a build on the docker driver needs nothing else
     * of the API, and docker-java's two clients and JSON mapping cost a fresh command line 0.3 s.
     */
    public EngineVersion requireBuildKit() throws BuildKitException {
        EngineVersion version;
        try (RawConnection conn = open()) {
            OutputStream out = conn.output();
            out.write("GET /version HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            version = parseVersion(answeredWithin(conn, () -> readAnswer(conn.input(), "GET /version")));
        } catch (java.net.SocketTimeoutException e) {
            throw new BuildKitException("the Docker Engine at " + endpoint + " did not answer GET /version within "
                    + timeout.toSeconds() + " s", e);
        } catch (IOException | RuntimeException e) {
            throw new BuildKitException("cannot reach the Docker Engine at " + endpoint + ": " + describe(e), e);
        }
        if (apiMinor(version.apiVersion()) < MIN_API_MINOR) {
            throw new BuildKitException("the Docker Engine at " + endpoint + " is version " + version.version()
                    + " (API " + version.apiVersion() + "), too old for BuildKit: Docker 18.09 (API 1." + MIN_API_MINOR + ") or newer is needed");
        }
        return version;
    }

    /** The body of a {@code 200} answer read to the end of the connection (at most 1 MiB), un-chunked. */
    private byte[] readAnswer(InputStream in, String request) throws IOException {
        AnswerHead head = readHead(in, request);
        if (!head.isStatus(200)) {
            throw new IOException("the engine answered " + request + " with " + head.statusText());
        }
        byte[] body = in.readNBytes(1 << 20);
        return "chunked".equalsIgnoreCase(head.header("transfer-encoding")) ? dechunk(body) : body;
    }

    /** The status line and header lines of an answer. */
    private record AnswerHead(String statusLine, List<String> headerLines) {
        boolean isStatus(int code) {
            return statusLine.matches("HTTP/1\\.[01] " + code + "( .*)?");
        }

        String statusText() {
            return statusLine.replaceFirst("^HTTP/1\\.[01] ", "");
        }

        /** The value of the named header, or null. */
        String header(String name) {
            for (String line : headerLines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /**
     * Reads an answer's head byte by byte up to the blank line, so that nothing after it is consumed:
     * after a {@code 101} the connection carries HTTP/2.
     */
    private AnswerHead readHead(InputStream in, String request) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the Docker Engine at " + endpoint + " closed the connection on " + request);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("the Docker Engine at " + endpoint + " sent an oversized answer to " + request);
            }
        }
        List<String> lines = List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
        return new AnswerHead(lines.get(0), lines.subList(1, lines.size()));
    }

    static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            if (lineEnd < 0) {
                throw new IOException("a malformed chunked answer");
            }
            String size = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";", 2)[0].trim();
            int length = Integer.parseInt(size, 16);
            if (length == 0) {
                return body.toByteArray();
            }
            if (lineEnd + 2 + length > chunked.length) {
                throw new IOException("a truncated chunked answer");
            }
            body.write(chunked, lineEnd + 2, length);
            at = lineEnd + 2 + length + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static EngineVersion parseVersion(byte[] json) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser p = new com.fasterxml.jackson.core.JsonFactory().createParser(json)) {
            String version = null;
            String api = null;
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw new IOException("GET /version did not answer a JSON object");
            }
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("Version".equals(field)) {
                    version = p.getValueAsString();
                } else if ("ApiVersion".equals(field)) {
                    api = p.getValueAsString();
                } else {
                    p.skipChildren();
                }
            }
            if (api == null) {
                throw new IOException("GET /version did not give an ApiVersion");
            }
            return new EngineVersion(version, api);
        }
    }

    /** The minor number of a 1.x API version; any later major counts as new enough. */
    static int apiMinor(String apiVersion) {
        try {
            String[] parts = apiVersion.trim().split("\\.");
            int major = Integer.parseInt(parts[0]);
            return major > 1 ? Integer.MAX_VALUE : parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The engine's own words for a failure: the innermost message, without docker-java's JSON
     * wrapping ({@code {"message":"..."}}).
     */
    public static String describe(Throwable t) {
        Throwable root = rootCause(t);
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int json = m.indexOf("{\"message\":\"");
        if (json >= 0) {
            int start = json + "{\"message\":\"".length();
            int end = m.indexOf("\"}", start);
            if (end > start) {
                return m.substring(start, end);
            }
        }
        return m.trim();
    }

    /**
     * As {@link #describe(Throwable)}, naming the engine's endpoint when the failure is that it could
     * not be reached at all: "No such file or directory" alone does not say which socket was tried.
     */
    public static String describe(DockerEndpoint endpoint, Throwable t) {
        Throwable root = rootCause(t);
        if (root instanceof java.net.SocketException || root instanceof java.net.UnknownHostException) {
            return "cannot reach the Docker Engine at " + endpoint + ": " + describe(t);
        }
        return describe(t);
    }

    /**
     * Opens a connection, sends {@code POST path} asking to upgrade to h2c, and returns the raw
     * stream once the engine answers 101.
     */
    public ByteStream upgrade(String path, Map<String, List<String>> headers) throws IOException {
        return hijack(path, "h2c", "", headers);
    }

    /**
     * As {@link #upgrade}, for any protocol and with a JSON body: {@code POST /exec/ID/start} with
     * {@code Upgrade: tcp} yields the exec's raw stdin and multiplexed output.
     */
    public ByteStream hijack(String path, String protocol, String jsonBody, Map<String, List<String>> headers) throws IOException {
        RawConnection conn = open();
        boolean ok = false;
        try {
            byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
            StringBuilder req = new StringBuilder()
                    .append("POST ").append(path).append(" HTTP/1.1\r\n")
                    .append("Host: docker\r\n")
                    .append("Connection: Upgrade\r\n")
                    .append("Upgrade: ").append(protocol).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n");
            if (body.length > 0) {
                req.append("Content-Type: application/json\r\n");
            }
            headers.forEach((k, values) -> values.forEach(v -> req.append(k).append(": ").append(v).append("\r\n")));
            req.append("\r\n");
            OutputStream out = conn.output();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            try {
                answeredWithin(conn, () -> {
                    readUpgradeResponse(conn.input(), path);
                    return null;
                });
            } catch (java.net.SocketTimeoutException e) {
                throw new IOException("the Docker Engine at " + endpoint + " did not answer POST " + path + " within "
                        + timeout.toSeconds() + " s", e);
            }
            // Upgraded, the stream may rightly be silent for as long as a build step runs.
            conn.waitWithoutLimit();
            ok = true;
            return conn;
        } finally {
            if (!ok) {
                conn.close();
            }
        }
    }

    private interface Answer<T> {
        T read() throws IOException;
    }

    /** Closes the connections of engines silent past their timeout; its one thread waits in Java, not in a socket. */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor DEADLINES = deadlines();

    private static java.util.concurrent.ScheduledThreadPoolExecutor deadlines() {
        java.util.concurrent.ScheduledThreadPoolExecutor pool = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "docker-engine-deadline");
            t.setDaemon(true);
            return t;
        });
        pool.setRemoveOnCancelPolicy(true);
        pool.setKeepAliveTime(10, java.util.concurrent.TimeUnit.SECONDS);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Reads an answer within the timeout. A TCP socket's read timeout bounds it already; a unix socket
     * has none, so the connection is closed when the time is up, and the wait ends as a timeout.
     */
    private <T> T answeredWithin(RawConnection conn, Answer<T> answer) throws IOException {
        if (conn.socket != null) {
            return answer.read();
        }
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
            expired.set(true);
            try {
                conn.close();
            } catch (IOException ignored) {
                // the reader sees the close either way
            }
        }, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            return answer.read();
        } catch (IOException e) {
            if (expired.get()) {
                java.net.SocketTimeoutException timedOut = new java.net.SocketTimeoutException("no answer within " + timeout.toSeconds() + " s");
                timedOut.initCause(e);
                throw timedOut;
            }
            throw e;
        } finally {
            deadline.cancel(false);
        }
    }

    private void readUpgradeResponse(InputStream in, String path) throws IOException {
        AnswerHead head = readHead(in, "POST " + path);
        if (head.isStatus(101)) {
            return;
        }
        String length = head.header("content-length");
        byte[] body = in.readNBytes(length == null ? 0 : Math.min(Integer.parseInt(length), 4096));
        throw new IOException("the Docker Engine at " + endpoint + " refused POST " + path + ": "
                + head.statusText() + (body.length == 0 ? "" : ": " + new String(body, StandardCharsets.UTF_8).trim()));
    }

    private RawConnection open() throws IOException {
        if (endpoint.isUnix()) {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(endpoint.socketPath()));
            return new RawConnection(new ChannelInput(ch), new ChannelOutput(ch), ch, null);
        }
        // Every wait until the upgrade is answered is bounded: the connect, the TLS handshake, the answer.
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        if (endpoint.tls() != null) {
            // Layered with the host name, so that it goes out as SNI and the engine's certificate must
            // name it, as docker-java's own calls check.
            SSLSocket ssl = (SSLSocket) endpoint.tls().sslContext().getSocketFactory().createSocket(socket, endpoint.host(), endpoint.port(), true);
            javax.net.ssl.SSLParameters params = ssl.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(params);
            try {
                ssl.startHandshake();
            } catch (java.net.SocketTimeoutException e) {
                ssl.close();
                throw new IOException("the Docker Engine at " + endpoint + " did not complete the TLS handshake within "
                        + timeout.toSeconds() + " s", e);
            } catch (IOException e) {
                ssl.close();
                throw new IOException("TLS to the Docker Engine at " + endpoint + " failed: " + e.getMessage(), e);
            }
            socket = ssl;
        }
        return new RawConnection(socket.getInputStream(), socket.getOutputStream(), socket, socket);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (docker != null) {
                docker.close();
            }
        } finally {
            if (patientDocker != null) {
                patientDocker.close();
            }
        }
    }

    private static final class RawConnection implements ByteStream {
        private final InputStream in;
        private final OutputStream out;
        private final Closeable resource;
        /** The TCP socket, whose read timeout bounds the wait for the upgrade; null for a unix socket. */
        private final Socket socket;

        RawConnection(InputStream in, OutputStream out, Closeable resource, Socket socket) {
            this.in = in;
            this.out = out;
            this.resource = resource;
            this.socket = socket;
        }

        void waitWithoutLimit() throws IOException {
            if (socket != null) {
                socket.setSoTimeout(0);
            }
        }

        @Override
        public InputStream input() {
            return in;
        }

        @Override
        public OutputStream output() {
            return out;
        }

        @Override
        public void close() throws IOException {
            resource.close();
        }
    }

    /**
     * Reads a socket channel directly: the JDK's channel streams take one lock for reading and
     * writing, so a blocked read would stall every write.
     */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;

        ChannelInput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            return ch.read(ByteBuffer.wrap(b, off, len));
        }
    }

    private static final class ChannelOutput extends OutputStream {
        private final SocketChannel ch;

        ChannelOutput(SocketChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
    }
}
