package io.jenkins.plugins.buildkit.client;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.control.ControlGrpc;
import io.jenkins.plugins.buildkit.wire.control.DiskUsageRequest;
import io.jenkins.plugins.buildkit.wire.control.InfoRequest;
import io.jenkins.plugins.buildkit.wire.control.InfoResponse;
import io.jenkins.plugins.buildkit.wire.control.ListWorkersRequest;
import io.jenkins.plugins.buildkit.wire.control.PruneRequest;
import io.jenkins.plugins.buildkit.wire.control.SolveRequest;
import io.jenkins.plugins.buildkit.wire.control.SolveResponse;
import io.jenkins.plugins.buildkit.wire.control.StatusRequest;
import io.jenkins.plugins.buildkit.wire.control.StatusResponse;
import io.jenkins.plugins.buildkit.wire.control.UsageRecord;
import io.jenkins.plugins.buildkit.wire.types.WorkerRecord;
import java.io.IOException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * A connection to one buildkitd and the calls of its Control service. Thread-safe; close it when done.
 */
public final class BuildKitClient implements AutoCloseable {
    private static final int MAX_MESSAGE = 64 * 1024 * 1024;

    private final ManagedChannel channel;
    private final AutoCloseable transportResources;
    private final String where;
    private final TlsConfig tls;
    private final java.time.Duration connectTimeout;
    private final StreamChannel streamChannel;
    private final SessionTransport sessionTransport;
    private final ControlGrpc.ControlBlockingStub blocking;
    private final ControlGrpc.ControlStub async;
    private final ControlGrpc.ControlFutureStub futures;
    /** What the daemon said to Info on this connection, once it said it. */
    private volatile InfoResponse info;

    private BuildKitClient(ManagedChannel channel, AutoCloseable transportResources, String where, TlsConfig tls,
            java.time.Duration connectTimeout, StreamChannel streamChannel, SessionTransport sessionTransport) {
        this.channel = channel;
        this.transportResources = transportResources;
        this.where = where;
        this.tls = tls;
        this.connectTimeout = connectTimeout;
        this.streamChannel = streamChannel;
        this.sessionTransport = sessionTransport;
        this.blocking = ControlGrpc.newBlockingStub(channel).withMaxInboundMessageSize(MAX_MESSAGE);
        this.async = ControlGrpc.newStub(channel).withMaxInboundMessageSize(MAX_MESSAGE);
        this.futures = ControlGrpc.newFutureStub(channel).withMaxInboundMessageSize(MAX_MESSAGE);
    }

    /**
     * Starts initialising, on a thread of its own, what the first connection and session of this JVM
     * need: the native transport and TLS libraries, the TLS provider, the protocols' descriptors and the
     * seeded random source. A command line can do that on its second core while it reads its arguments
     * (about a third of a second in a fresh JVM, nearly all of it in class initialisers).
     */
    public static void initialiseInBackground() {
        java.lang.invoke.MethodHandles.Lookup lookup = java.lang.invoke.MethodHandles.lookup();
        // OpenSSL first: a connection needs its TLS context before its transport.
        BackgroundInitialisation.startOnce("buildkit-initialise",
                GrpcSslContexts::forClient,
                Epoll::isAvailable,
                io.jenkins.plugins.buildkit.wire.control.ControlOuterClass::getDescriptor,
                io.jenkins.plugins.buildkit.wire.filesync.Filesync::getDescriptor,
                () -> lookup.ensureInitialized(NettyChannelBuilder.class),
                () -> lookup.ensureInitialized(io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder.class),
                () -> new SecureRandom().nextBytes(new byte[16]),
                // The JDK's trust manager reads its own CA list (cacerts) the first time it checks a
                // server's certificate, even against our CA alone: ~30 ms inside the TLS handshake.
                () -> Class.forName("sun.security.util.AnchorCertificates", true, null));
    }

    /**
     * Connects and checks that a BuildKit daemon answers within the connect timeout, so that a wrong
     * address, certificate or protocol fails here with a clear message rather than in a build.
     */
    public static BuildKitClient connect(ConnectionConfig config) throws BuildKitException {
        Endpoint endpoint = config.endpoint();
        TlsConfig tls = config.tls();
        // Made before the loop, so that bad TLS material fails without leaving a loop behind.
        SslContext ssl = tls == null ? null : sslContext(tls);
        NettyChannelBuilder builder;
        // A loop of its own, ended with the client: gRPC's shared loop lingers a second after its last
        // channel, and a JVM exiting while any thread waits in epoll stalls 0.3 s before it ends.
        ThreadFactory threads = new DefaultThreadFactory("buildkit-client", true);
        EventLoopGroup ownLoop;
        if (endpoint.scheme() == Endpoint.Scheme.UNIX) {
            ownLoop = new EpollEventLoopGroup(1, threads);
            builder = NettyChannelBuilder.forAddress(new DomainSocketAddress(endpoint.socketPath()))
                    .eventLoopGroup(ownLoop).channelType(EpollDomainSocketChannel.class);
        } else if (Epoll.isAvailable()) {
            ownLoop = new EpollEventLoopGroup(1, threads);
            builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                    .eventLoopGroup(ownLoop).channelType(EpollSocketChannel.class);
        } else {
            ownLoop = new NioEventLoopGroup(1, threads);
            builder = NettyChannelBuilder.forAddress(endpoint.host(), endpoint.port())
                    .eventLoopGroup(ownLoop).channelType(NioSocketChannel.class);
        }
        if (tls == null) {
            builder.negotiationType(NegotiationType.PLAINTEXT);
        } else {
            builder.sslContext(ssl);
            if (tls.serverName() != null) {
                builder.overrideAuthority(tls.serverName());
            }
        }
        builder.maxInboundMessageSize(MAX_MESSAGE)
                .withOption(io.grpc.netty.shaded.io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) config.connectTimeout().toMillis());
        EventLoopGroup loopToClose = ownLoop;
        BuildKitClient client = new BuildKitClient(builder.build(),
                () -> loopToClose.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS),
                "BuildKit at " + endpoint, tls, config.connectTimeout(), null, null);
        return checked(client);
    }

    /**
     * Connects over byte streams from {@code dialer} (an upgraded Docker socket, an exec stream, ...),
     * checking within {@code connectTimeout} that BuildKit answers.
     *
     * @param where names the daemon in messages, e.g. "Docker Engine at unix:///var/run/docker.sock"
     * @param sessionTransport how build sessions reach this daemon; null for {@code Control.Session}
     */
    public static BuildKitClient connect(ByteStream.Dialer dialer, String where, java.time.Duration connectTimeout,
            SessionTransport sessionTransport) throws BuildKitException {
        StreamChannel streams = new StreamChannel(dialer, "buildkit", MAX_MESSAGE);
        BuildKitClient client = new BuildKitClient(streams.channel(), streams, where, null, connectTimeout, streams,
                sessionTransport);
        return checked(client);
    }

    private static BuildKitClient checked(BuildKitClient client) throws BuildKitException {
        try {
            client.ping();
            return client;
        } catch (BuildKitException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static SslContext sslContext(TlsConfig tls) throws BuildKitException {
        try {
            SslContextBuilder b = GrpcSslContexts.forClient()
                    .trustManager(tls.caCertificates().toArray(new X509Certificate[0]));
            if (tls.hasClientCertificate()) {
                b.keyManager(tls.keyManager());
            }
            return b.build();
        } catch (SSLException e) {
            throw new BuildKitException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private void ping() throws BuildKitException {
        long timeoutMs = connectTimeout.toMillis();
        try {
            info = blocking.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).info(InfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                // Daemons before BuildKit 0.11 have no Info; ListWorkers proves the connection as well.
                try {
                    blocking.withDeadlineAfter(timeoutMs, TimeUnit.MILLISECONDS).listWorkers(ListWorkersRequest.getDefaultInstance());
                    return;
                } catch (StatusRuntimeException e2) {
                    throw connectionError(e2);
                }
            }
            throw connectionError(e);
        }
    }

    private BuildKitException connectionError(StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        String detail = describeCause(e);
        IOException dialError = streamChannel == null ? null : streamChannel.lastDialError();
        if (dialError != null) {
            return new BuildKitException("cannot connect to " + where + ": " + dialError.getMessage(), dialError);
        }
        String notGrpc = notGrpc(e);
        if (notGrpc != null) {
            return new BuildKitException("cannot connect to " + where + ": " + notGrpc + ": is it a BuildKit daemon?", e);
        }
        if (code == Status.Code.DEADLINE_EXCEEDED) {
            String hint = streamChannel != null ? "" : tls == null
                    ? " (if the daemon expects TLS, give a CA certificate and a client certificate and key)"
                    : " (check that the daemon serves TLS and that its certificate is signed by the given CA)";
            // gRPC's own words here are its deadline bookkeeping, which tells a user nothing more.
            boolean onlyDeadline = detail.toLowerCase(java.util.Locale.ROOT).contains("deadline exceeded");
            return new BuildKitException("cannot connect to " + where + ": no answer within "
                    + connectTimeout.toSeconds() + "s" + (detail.isEmpty() || onlyDeadline ? "" : ": " + detail) + hint, e);
        }
        if (code == Status.Code.UNAVAILABLE) {
            return new BuildKitException("cannot connect to " + where + ": " + detail
                    + (streamChannel == null ? tlsHint(detail) : ""), e);
        }
        return new BuildKitException("cannot connect to " + where + ": " + code + ": " + detail, e);
    }

    /**
     * What the endpoint spoke instead of gRPC, when that is why the call failed, or null. gRPC's own
     * words ("First received frame was not SETTINGS", "HTTP status code 404") assume one knows HTTP/2.
     */
    private static String notGrpc(StatusRuntimeException e) {
        String description = String.valueOf(e.getStatus().getDescription());
        if (describeCause(e).contains("First received frame was not SETTINGS")) {
            return "the endpoint does not speak gRPC over HTTP/2 (it answered in another protocol, such as HTTP/1.1)";
        }
        if (description.startsWith("HTTP status code")) {
            // A gRPC server answers every call with a grpc-status; an HTTP/2 server that is not one answers with a page.
            return "the endpoint speaks HTTP/2 but not gRPC (it answered " + firstLine(description) + ")";
        }
        return null;
    }

    /** A hint at the likely TLS mistake behind a failed connection, or "". */
    private String tlsHint(String detail) {
        String lower = detail.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("unable to find valid")) {
            return " (the daemon's certificate is not signed by the given CA)";
        }
        if (lower.contains("no subject alternative") || lower.contains("hostname")) {
            return " (the daemon's certificate does not name this host: set servername)";
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate") || lower.contains("bad certificate")
                || lower.contains("unknown_ca") || lower.contains("unknown ca")) {
            return " (the daemon refused our client certificate: give cert and key signed by a CA it trusts)";
        }
        if (lower.contains("refused")) {
            return "";
        }
        if (tls == null) {
            return " (the daemon may expect TLS: give a CA certificate and a client certificate and key)";
        }
        if (!tls.hasClientCertificate()) {
            return " (the daemon may require a client certificate: give cert and key)";
        }
        if (lower.contains("not an ssl") || lower.contains("not ssl") || lower.contains("record")) {
            return " (the daemon does not speak TLS on this port)";
        }
        return "";
    }

    /** The daemon's or the transport's own words: the status text and the root cause, first lines only. */
    private static String describeCause(StatusRuntimeException e) {
        StringBuilder sb = new StringBuilder();
        String description = firstLine(e.getStatus().getDescription());
        if ("Network closed for unknown reason".equals(description)) {
            // gRPC's words when the peer's socket simply closed: say what that usually means
            description = "the connection closed (did the daemon stop or restart?)";
        }
        if (description != null && !description.equals("io exception") && !description.equals("ssl exception")) {
            sb.append(description);
        }
        Throwable root = e.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        String rootMessage = root == null ? null : firstLine(root.getMessage());
        if (rootMessage != null && sb.indexOf(rootMessage) < 0) {
            sb.append(sb.length() == 0 ? "" : ": ").append(rootMessage);
        }
        return sb.toString();
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    /** The daemon as messages name it, e.g. "BuildKit at tcp://host:1234". */
    public String where() {
        return where;
    }

    /**
     * The daemon's version; empty fields on daemons that predate the Info call. Asked once per
     * connection: connecting asks already, and a build would ask again right after.
     */
    public InfoResponse info() throws BuildKitException {
        InfoResponse known = info;
        if (known != null) {
            return known;
        }
        try {
            info = bounded(QUERY_DEADLINE).info(InfoRequest.getDefaultInstance());
            return info;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return InfoResponse.getDefaultInstance();
            }
            throw callError("Info", e);
        }
    }

    /** Whether the daemon takes several exporters in one solve (BuildKit 0.13 and newer). */
    public boolean supportsMultipleExporters() throws BuildKitException {
        return DaemonVersion.parse(info().getBuildkitVersion().getVersion()).atLeast(0, 13);
    }

    public List<WorkerRecord> listWorkers() throws BuildKitException {
        try {
            return bounded(QUERY_DEADLINE).listWorkers(ListWorkersRequest.getDefaultInstance()).getRecordList();
        } catch (StatusRuntimeException e) {
            throw callError("ListWorkers", e);
        }
    }

    public List<UsageRecord> diskUsage(List<String> filters) throws BuildKitException {
        try {
            return bounded(DISK_USAGE_DEADLINE).diskUsage(DiskUsageRequest.newBuilder().addAllFilter(filters).build()).getRecordList();
        } catch (StatusRuntimeException e) {
            throw callError("DiskUsage", e);
        }
    }

    /** Prunes the build cache; each removed record is passed to {@code removed} as the daemon reports it. */
    public void prune(PruneRequest request, Consumer<UsageRecord> removed) throws BuildKitException {
        try {
            Iterator<UsageRecord> it = bounded(PRUNE_DEADLINE).prune(request);
            while (it.hasNext()) {
                removed.accept(it.next());
            }
        } catch (StatusRuntimeException e) {
            throw callError("Prune", e);
        }
    }

    /**
     * Every call but the solve has a bound, so a silent daemon fails it naming the call and the daemon
     * (DEADLINE_EXCEEDED) instead of hanging: a question answers fast, disk usage walks the cache, a
     * prune deletes it.
     */
    private static final java.time.Duration QUERY_DEADLINE = java.time.Duration.ofSeconds(30);
    private static final java.time.Duration DISK_USAGE_DEADLINE = java.time.Duration.ofMinutes(2);
    private static final java.time.Duration PRUNE_DEADLINE = java.time.Duration.ofMinutes(30);

    private ControlGrpc.ControlBlockingStub bounded(java.time.Duration deadline) {
        return blocking.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    private BuildKitException callError(String call, StatusRuntimeException e) {
        return new BuildKitException(call + " on " + where + " failed: "
                + e.getStatus().getCode() + ": " + describeCause(e), e);
    }

    /**
     * Runs a solve with the given session and streams its progress to {@code listener}. Interrupting
     * the calling thread cancels the solve on the daemon.
     *
     * @throws BuildKitException with the daemon's error, naming the failed step and its last output
     */
    public SolveResult solve(SolveRequest request, BuildSession session, ProgressListener listener)
            throws BuildKitException, InterruptedException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String ref = request.getRef().isEmpty() ? HexFormat.of().formatHex(random) : request.getRef();
        SolveRequest req = request.toBuilder().setRef(ref).setSession(session.id()).build();
        StepTracker steps = new StepTracker();
        CountDownLatch progressDone = new CountDownLatch(1);
        Context.CancellableContext cancellable = Context.current().withCancellation();
        Throwable failure = null;
        try {
            session.start(async, sessionTransport);
            cancellable.run(() -> async.status(StatusRequest.newBuilder().setRef(ref).build(), new StreamObserver<>() {
                @Override
                public void onNext(StatusResponse value) {
                    SolveStatus status = SolveStatus.from(value);
                    steps.onStatus(status);
                    listener.onStatus(status);
                }

                @Override
                public void onError(Throwable t) {
                    progressDone.countDown();
                }

                @Override
                public void onCompleted() {
                    progressDone.countDown();
                }
            }));
            ListenableFuture<SolveResponse> solve;
            Context previous = cancellable.attach();
            try {
                solve = futures.solve(req);
            } finally {
                cancellable.detach(previous);
            }
            SolveResponse response;
            try {
                response = awaitSolve(solve, session);
            } catch (InterruptedException e) {
                cancellable.cancel(e);
                failure = e;
                throw e;
            } catch (ExecutionException e) {
                // Let the last progress (the failed step's error and output) arrive before explaining.
                progressDone.await(5, TimeUnit.SECONDS);
                failure = solveError(e.getCause(), steps);
                throw (BuildKitException) failure;
            }
            progressDone.await(10, TimeUnit.SECONDS);
            return new SolveResult(response.getExporterResponseMap(), steps.totalSteps(), steps.cachedSteps());
        } catch (BuildKitException | RuntimeException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        } finally {
            cancellable.cancel(null);
            session.close();
            listener.onFinish(failure);
        }
    }

    /**
     * How long a build waits without a word from the daemon. BuildKit itself gives up on a session
     * after two failed 15 s health checks, so a live daemon is never silent this long.
     */
    private static java.time.Duration sessionSilenceLimit() {
        return java.time.Duration.ofSeconds(Long.getLong("buildkit.sessionSilenceLimitSeconds", 30));
    }

    /**
     * Waits for the solve while the daemon keeps the session alive. A connection that stops carrying
     * anything (a half-open TCP connection, a stalled proxy) raises no error of its own, and a gRPC
     * keepalive short enough to notice it would be refused by buildkitd's ping policy.
     */
    private SolveResponse awaitSolve(ListenableFuture<SolveResponse> solve, BuildSession session)
            throws InterruptedException, ExecutionException, BuildKitException {
        java.time.Duration limit = sessionSilenceLimit();
        while (true) {
            try {
                return solve.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stillRunning) {
                java.time.Duration silence = session.silence();
                if (silence.compareTo(limit) > 0) {
                    solve.cancel(true);
                    throw new BuildKitException("lost contact with " + where + ": nothing heard for "
                            + silence.toSeconds() + " s while building (the daemon checks the build session every"
                            + " 5 s), so the connection is gone");
                }
            }
        }
    }

    private BuildKitException solveError(Throwable cause, StepTracker steps) {
        String daemonMessage = cause instanceof StatusRuntimeException
                ? ((StatusRuntimeException) cause).getStatus().getDescription()
                : String.valueOf(cause.getMessage());
        if (cause instanceof StatusRuntimeException
                && ((StatusRuntimeException) cause).getStatus().getCode() == Status.Code.UNAVAILABLE) {
            daemonMessage = "lost connection to " + where + ": " + describeCause((StatusRuntimeException) cause);
        }
        String step = steps.describeFailure();
        String message = "build failed: " + daemonMessage + (step == null ? "" : "\n" + step);
        return new BuildKitException(message, cause);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            transportResources.close();
        } catch (Exception ignored) {
            // best effort on the way out
        }
    }
}
