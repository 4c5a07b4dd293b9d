package io.jenkins.plugins.buildkit.driver.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
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
import java.util.Locale;
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
    private final DockerClient docker;
    private final DockerClient patientDocker;

    /**
     * @param timeout bounds connecting, and waiting for each answer of an ordinary API call: a silent
     *     engine fails the call after this long instead of holding a build or a request thread
     */
    public DockerEngine(DockerEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.docker = client(timeout);
        this.patientDocker = client(PATIENT_RESPONSE_TIMEOUT);
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
    public DockerClient api() {
        return docker;
    }

    /** The API for pulls, pushes and loads, which may rightly be silent for minutes. */
    public DockerClient patientApi() {
        return patientDocker;
    }

    /** The engine's version, after checking that it answers and has BuildKit's API. */
    public Version requireBuildKit() throws BuildKitException {
        Version version;
        try {
            version = docker.versionCmd().exec();
        } catch (RuntimeException e) {
            if (rootCause(e) instanceof java.net.SocketTimeoutException) {
                throw new BuildKitException("the Docker Engine at " + endpoint + " did not answer GET /version within "
                        + timeout.toSeconds() + " s", e);
            }
            throw new BuildKitException("cannot reach the Docker Engine at " + endpoint + ": " + describe(e), e);
        }
        String api = version.getApiVersion();
        if (apiMinor(api) < MIN_API_MINOR) {
            throw new BuildKitException("the Docker Engine at " + endpoint + " is version " + version.getVersion()
                    + " (API " + api + "), too old for BuildKit: Docker 18.09 (API 1." + MIN_API_MINOR + ") or newer is needed");
        }
        return version;
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
                readUpgradeResponse(conn.input(), path);
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

    private void readUpgradeResponse(InputStream in, String path) throws IOException {
        // Byte by byte up to the blank line, so no HTTP/2 byte that follows is consumed here.
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the Docker Engine at " + endpoint + " closed the connection on POST " + path);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("the Docker Engine at " + endpoint + " sent an oversized answer to POST " + path);
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String status = lines[0];
        if (status.contains(" 101")) {
            return;
        }
        int length = 0;
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(Math.min(length, 4096));
        throw new IOException("the Docker Engine at " + endpoint + " refused POST " + path + ": "
                + status.replaceFirst("^HTTP/1\\.[01] ", "") + (body.length == 0 ? "" : ": " + new String(body, StandardCharsets.UTF_8).trim()));
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
    public void close() throws IOException {
        try {
            docker.close();
        } finally {
            patientDocker.close();
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
