package io.jenkins.plugins.buildkit.client;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerMethodDefinition;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelFuture;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.DefaultEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.local.LocalAddress;
import io.grpc.netty.shaded.io.netty.channel.local.LocalChannel;
import io.grpc.netty.shaded.io.netty.channel.local.LocalServerChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.jenkins.plugins.buildkit.wire.control.BytesMessage;
import io.jenkins.plugins.buildkit.wire.control.ControlGrpc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of a build: what the daemon may read (source directories, secrets, registry
 * credentials) and where exports land. BuildKit reaches these through {@code Control.Session}: the
 * client opens a byte stream, and inside it the daemon speaks HTTP/2 as a gRPC client to us. We run a
 * gRPC server on an in-memory Netty address and pipe the stream's bytes to and from it.
 */
public final class BuildSession implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    static {
        QuietNetty.apply();
    }
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final String id;
    private final String name;
    private final String sharedKey;
    /** What the session offers the daemon, as BuildKit's session.Allow attaches them. */
    private final List<BindableService> attachables;
    private final ExecutorService executor;
    /**
     * Each session has its own loop: a session bridged to a Docker Engine writes to the engine's
     * socket on it, and a stalled engine must not stall the other builds of this JVM.
     */
    private final EventLoopGroup loop;
    private Server server;
    private Channel pipe;
    /** The connection a {@link SessionTransport} opened, or null on {@code Control.Session}. */
    private volatile ByteStream transportStream;
    private ClientCallStreamObserver<BytesMessage> upstream;
    private final AtomicBoolean upstreamCompleted = new AtomicBoolean();
    private volatile boolean closed;
    private volatile long lastHeardNanos = System.nanoTime();

    private BuildSession(Builder b) {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        this.id = HexFormat.of().formatHex(random);
        this.name = b.name;
        this.sharedKey = b.sharedKey;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "buildkit-session-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.loop = new DefaultEventLoopGroup(1, r -> {
            Thread t = new Thread(r, "buildkit-session-loop-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        FileSyncService files = new FileSyncService(b.dirs, b.exports, executor);
        List<BindableService> all = new ArrayList<>(List.of(new HealthService(this::heard), files, files.exports(),
                new AuthService(b.registryCredentials), new SecretsService(b.secrets)));
        if (!b.sshKeys.isEmpty()) {
            all.add(new SshAgentService(b.sshKeys));
        }
        if (!b.contentStores.isEmpty()) {
            all.add(new ContentService(b.contentStores));
        }
        all.addAll(b.attachables);
        this.attachables = List.copyOf(all);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String id() {
        return id;
    }

    /**
     * Opens the session on the daemon and starts serving it: through {@code Control.Session}, or
     * through {@code transport} when the daemon takes sessions elsewhere.
     */
    void start(ControlGrpc.ControlStub control, SessionTransport transport) throws BuildKitException {
        LocalAddress address = new LocalAddress("buildkit-session-" + id);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("X-Docker-Expose-Session-Uuid", List.of(id));
        headers.put("X-Docker-Expose-Session-Name", List.of(name));
        headers.put("X-Docker-Expose-Session-Sharedkey", List.of(sharedKey));
        List<String> methods = new ArrayList<>();
        headers.put("X-Docker-Expose-Session-Grpc-Method", methods);
        NettyServerBuilder serverBuilder = NettyServerBuilder.forAddress(address)
                .channelType(LocalServerChannel.class)
                .bossEventLoopGroup(loop)
                .workerEventLoopGroup(loop)
                .executor(executor)
                .maxInboundMessageSize(MAX_MESSAGE)
                // The daemon's gRPC client pings as often as its bandwidth estimator likes; the default
                // policy would answer with GOAWAY "too_many_pings" and stall the session.
                .permitKeepAliveTime(0, TimeUnit.NANOSECONDS)
                .permitKeepAliveWithoutCalls(true);
        for (BindableService attachable : attachables) {
            ServerServiceDefinition def = SessionHeaders.visibleTo(attachable.bindService());
            serverBuilder.addService(def);
            for (ServerMethodDefinition<?, ?> m : def.getMethods()) {
                methods.add("/" + m.getMethodDescriptor().getFullMethodName());
            }
        }
        try {
            server = serverBuilder.build().start();
            // The pipe reads nothing until the transport exists to carry it, so our preface is not lost.
            ChannelFuture connected = new Bootstrap().group(loop).channel(LocalChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .handler(new ForwardingHandler())
                    .connect(address);
            pipe = connected.channel();
            connected.sync();
            if (transport == null) {
                carryOverControlSession(control, headers);
            } else {
                transportStream = transport.open(headers);
                ByteStreamBridge.attach(pipe, transportStream);
            }
            heard();
            pipe.config().setAutoRead(true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new BuildKitException("interrupted while starting the build session", e);
        } catch (IOException | RuntimeException e) {
            close();
            throw new BuildKitException("cannot start the build session: " + e.getMessage(), e);
        }
    }

    /** Wraps the pipe's bytes in BytesMessages on a {@code Control.Session} stream. */
    private void carryOverControlSession(ControlGrpc.ControlStub control, Map<String, List<String>> headers) {
        Metadata metadata = new Metadata();
        headers.forEach((k, values) -> values.forEach(v -> metadata.put(key(k.toLowerCase(Locale.ROOT)), v)));
        ClientResponseObserver<BytesMessage, BytesMessage> downstream = new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<BytesMessage> requestStream) {
                upstream = requestStream;
            }

            @Override
            public void onNext(BytesMessage value) {
                heard();
                // Copied now: the write happens later on the pipe's event loop, and gRPC may parse
                // messages without copying, over buffers it reuses once this call returns.
                pipe.writeAndFlush(Unpooled.wrappedBuffer(value.getData().toByteArray()));
            }

            @Override
            public void onError(Throwable t) {
                pipe.close();
            }

            @Override
            public void onCompleted() {
                pipe.close();
            }
        };
        control.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
                .withMaxInboundMessageSize(MAX_MESSAGE)
                .session(downstream);
        ForwardingHandler.attach(pipe, new ForwardingHandler.Sink() {
            @Override
            public void write(ByteBuf buf) {
                // No back-pressure here on purpose: what our server writes is bounded by the windows
                // the daemon grants inside the tunnel, and pausing would also hold back the window
                // updates and health answers that let the daemon go on.
                upstream.onNext(BytesMessage.newBuilder().setData(ByteString.copyFrom(buf.nioBuffer())).build());
            }

            @Override
            public void closed() {
                completeUpstream();
            }
        });
    }

    private void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /**
     * How long the daemon has been silent on this session. BuildKit checks a session's health every
     * 5 s for as long as it holds it, so a long silence means the connection is gone, even when no
     * socket says so (a half-open connection).
     */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - lastHeardNanos);
    }

    private void completeUpstream() {
        if (upstream != null && upstreamCompleted.compareAndSet(false, true)) {
            upstream.onCompleted();
        }
    }

    private static Metadata.Key<String> key(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (transportStream != null) {
            // First, and directly: a write to a stalled engine may be blocking the loop that would
            // otherwise close it.
            ByteStreamBridge.closeQuietly(transportStream);
        }
        if (pipe != null) {
            pipe.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        completeUpstream();
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        executor.shutdownNow();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /**
     * Reads SSH private keys in OpenSSH or PEM form, decrypted with {@code passphrase} when they are
     * protected.
     *
     * @throws IllegalArgumentException naming the id when a key cannot be read, or none is found
     */
    public static List<KeyPair> readSshKeys(String sshId, List<String> privateKeys, String passphrase) {
        List<KeyPair> pairs = new ArrayList<>();
        for (String key : privateKeys) {
            try {
                Iterable<KeyPair> parsed = org.apache.sshd.common.util.security.SecurityUtils.loadKeyPairIdentities(
                        null, org.apache.sshd.common.NamedResource.ofName(sshId),
                        new java.io.ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)),
                        passphrase == null ? null : org.apache.sshd.common.config.keys.FilePasswordProvider.of(passphrase));
                if (parsed != null) {
                    parsed.forEach(pairs::add);
                }
            } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
                throw new IllegalArgumentException("ssh: cannot read the private key for \"" + sshId + "\": " + e.getMessage(), e);
            }
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("ssh: no private key found for \"" + sshId + "\"");
        }
        return pairs;
    }

    /** Collects what a session serves. */
    public static final class Builder {
        private String name = "buildkit-java";
        private String sharedKey = "";
        private final Map<String, Path> dirs = new HashMap<>();
        private final Map<Integer, ExportTarget> exports = new HashMap<>();
        private final Map<String, byte[]> secrets = new HashMap<>();
        private final Map<String, RegistryCredential> registryCredentials = new HashMap<>();
        private final Map<String, OciLayoutStore> contentStores = new HashMap<>();
        private final Map<String, List<KeyPair>> sshKeys = new HashMap<>();
        private final List<BindableService> attachables = new ArrayList<>();

        /** Keys the build may use through {@code RUN --mount=type=ssh,id=...}, as {@link #readSshKeys} gives them. */
        public Builder ssh(String sshId, List<KeyPair> keyPairs) {
            sshKeys.put(sshId, List.copyOf(keyPairs));
            return this;
        }

        private Builder() {
        }

        /** A content store the daemon may read and write, named as its cache options name it ({@code local:<dir>}). */
        public Builder contentStore(String storeId, OciLayoutStore store) {
            contentStores.put(storeId, store);
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * The daemon keeps the last copy of each source directory per shared key, so a stable key per
         * context makes the next upload incremental.
         */
        public Builder sharedKeyFor(Path context) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(context.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
                this.sharedKey = HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        /** A directory the daemon may read by name: {@code context}, {@code dockerfile} or a named context. */
        public Builder directory(String dirName, Path dir) {
            dirs.put(dirName, dir);
            return this;
        }

        /** Where the exporter at index {@code exporterId} of the request delivers. */
        public Builder export(int exporterId, ExportTarget target) {
            exports.put(exporterId, target);
            return this;
        }

        public Builder secret(String secretId, byte[] value) {
            secrets.put(secretId, value.clone());
            return this;
        }

        public Builder registryCredential(String registryHost, RegistryCredential auth) {
            registryCredentials.put(RegistryCredential.hostKey(registryHost), auth);
            return this;
        }

        /** Offers the daemon one more service, as BuildKit's {@code session.Allow}. */
        public Builder allow(BindableService attachable) {
            attachables.add(attachable);
            return this;
        }

        public BuildSession build() {
            return new BuildSession(this);
        }
    }
}
