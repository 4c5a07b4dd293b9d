package io.jenkins.plugins.buildkit.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.fs.DirectoryReceiver;
import io.jenkins.plugins.buildkit.fs.DirectorySender;
import io.jenkins.plugins.buildkit.fs.DirectoryWalker;
import io.jenkins.plugins.buildkit.wire.filesync.AuthGrpc;
import io.jenkins.plugins.buildkit.wire.filesync.BytesMessage;
import io.jenkins.plugins.buildkit.wire.filesync.CredentialsRequest;
import io.jenkins.plugins.buildkit.wire.filesync.CredentialsResponse;
import io.jenkins.plugins.buildkit.wire.filesync.FileSyncGrpc;
import io.jenkins.plugins.buildkit.wire.fsutil.Packet;
import io.jenkins.plugins.buildkit.wire.health.HealthCheckRequest;
import io.jenkins.plugins.buildkit.wire.health.HealthCheckResponse;
import io.jenkins.plugins.buildkit.wire.health.HealthGrpc;
import io.jenkins.plugins.buildkit.wire.secrets.GetSecretRequest;
import io.jenkins.plugins.buildkit.wire.secrets.GetSecretResponse;
import io.jenkins.plugins.buildkit.wire.secrets.SecretsGrpc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The gRPC services a build session offers the daemon: files to read (FileSync), a place for exports
 * (FileSend), registry credentials (Auth), secrets (Secrets), and the health check that keeps the
 * session alive.
 */
final class SessionServices {

    static final Context.Key<Metadata> HEADERS = Context.key("buildkit-session-request-headers");

    private static final Metadata.Key<String> DIR_NAME = ascii("dir-name");
    private static final Metadata.Key<String> INCLUDE_PATTERNS = ascii("include-patterns");
    private static final Metadata.Key<String> EXCLUDE_PATTERNS = ascii("exclude-patterns");
    private static final Metadata.Key<String> FOLLOW_PATHS = ascii("followpaths");
    private static final Metadata.Key<String> EXPORTER_ID = ascii("buildkit-attachable-exporter-id");
    private static final String EXPORTER_METADATA_PREFIX = "exporter-md-";

    private final Map<String, Path> dirs;
    private final Map<Integer, ExportTarget> exports;
    private final Map<String, byte[]> secrets;
    private final Map<String, RegistryAuth> registryAuth;
    private final Map<String, OciLayoutStore> contentStores;
    private final Map<String, List<java.security.KeyPair>> sshKeys;
    private final ExecutorService executor;

    SessionServices(Map<String, Path> dirs, Map<Integer, ExportTarget> exports, Map<String, byte[]> secrets,
            Map<String, RegistryAuth> registryAuth, Map<String, OciLayoutStore> contentStores,
            Map<String, List<java.security.KeyPair>> sshKeys, ExecutorService executor) {
        this.dirs = dirs;
        this.exports = exports;
        this.secrets = secrets;
        this.registryAuth = registryAuth;
        this.contentStores = contentStores;
        this.sshKeys = sshKeys;
        this.executor = executor;
    }

    private static Metadata.Key<String> ascii(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** Every service, each with the interceptor that makes request headers visible to it. */
    List<ServerServiceDefinition> definitions() {
        ServerInterceptor headers = new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(Context.current().withValue(HEADERS, md), call, md, next);
            }
        };
        List<ServerServiceDefinition> out = new ArrayList<>();
        out.add(io.grpc.ServerInterceptors.intercept(new Health().bindService(), headers));
        out.add(io.grpc.ServerInterceptors.intercept(new FileSync().bindService(), headers));
        out.add(io.grpc.ServerInterceptors.intercept(fileSend(), headers));
        out.add(io.grpc.ServerInterceptors.intercept(new Auth().bindService(), headers));
        out.add(io.grpc.ServerInterceptors.intercept(new Secrets().bindService(), headers));
        if (!sshKeys.isEmpty()) {
            out.add(io.grpc.ServerInterceptors.intercept(new SshAgentService(sshKeys).bindService(), headers));
        }
        if (!contentStores.isEmpty()) {
            out.add(io.grpc.ServerInterceptors.intercept(new ContentService(contentStores).bindService(), headers));
        }
        return out;
    }

    /** Header values as the daemon sent them, URL-decoded when flagged with {@code <key>-encoded}. */
    private static List<String> values(Metadata md, Metadata.Key<String> key) {
        List<String> out = new ArrayList<>();
        Iterable<String> raw = md.getAll(key);
        if (raw == null) {
            return out;
        }
        String encodedFlag = md.get(ascii(key.name() + "-encoded"));
        boolean encoded = encodedFlag != null && (encodedFlag.equals("1") || encodedFlag.equalsIgnoreCase("true"));
        for (String v : raw) {
            out.add(encoded ? URLDecoder.decode(v, StandardCharsets.UTF_8) : v);
        }
        return out;
    }

    private static final class Health extends HealthGrpc.HealthImplBase {
        @Override
        public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
            responseObserver.onNext(HealthCheckResponse.newBuilder()
                    .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
            responseObserver.onCompleted();
        }
    }

    private final class FileSync extends FileSyncGrpc.FileSyncImplBase {
        @Override
        public StreamObserver<Packet> diffCopy(StreamObserver<Packet> responseObserver) {
            Metadata md = HEADERS.get();
            List<String> names = values(md, DIR_NAME);
            String dirName = names.isEmpty() ? "" : names.get(0);
            Path dir = dirs.get(dirName);
            ServerCallStreamObserver<Packet> call = (ServerCallStreamObserver<Packet>) responseObserver;
            FlowControlledSender<Packet> out = new FlowControlledSender<>(call);
            if (dir == null) {
                responseObserver.onError(Status.NOT_FOUND.withDescription("no access allowed to dir \"" + dirName + "\"").asRuntimeException());
                return new DiscardingObserver<>();
            }
            DirectorySender sender;
            try {
                sender = new DirectorySender(new DirectoryWalker(dir, new DirectoryWalker.Filter(
                        values(md, INCLUDE_PATTERNS), values(md, EXCLUDE_PATTERNS), values(md, FOLLOW_PATHS))), out::send);
            } catch (IOException | IllegalArgumentException e) {
                responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return new DiscardingObserver<>();
            }
            executor.execute(() -> {
                try {
                    sender.run();
                    out.complete();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.fail(Status.CANCELLED.withDescription("session closed"));
                } catch (IOException | RuntimeException e) {
                    try {
                        out.send(Packet.newBuilder().setType(Packet.PacketType.PACKET_ERR)
                                .setData(ByteString.copyFromUtf8(String.valueOf(e.getMessage()))).build());
                    } catch (IOException ignored) {
                        // the stream is already gone
                    }
                    out.fail(Status.UNKNOWN.withDescription("sending " + dirName + " failed: " + e.getMessage()));
                }
            });
            return new StreamObserver<>() {
                @Override
                public void onNext(Packet value) {
                    sender.received(value);
                }

                @Override
                public void onError(Throwable t) {
                    sender.receiverClosed();
                }

                @Override
                public void onCompleted() {
                    sender.receiverClosed();
                }
            };
        }
    }

    /**
     * FileSend is declared with BytesMessage, but a {@code local} export sends fsutil packets over it:
     * the method is served with raw bytes and decoded according to the target.
     */
    private ServerServiceDefinition fileSend() {
        MethodDescriptor.Marshaller<byte[]> raw = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
                .setFullMethodName(MethodDescriptor.generateFullMethodName("moby.filesync.v1.FileSend", "DiffCopy"))
                .setRequestMarshaller(raw).setResponseMarshaller(raw).build();
        return ServerServiceDefinition.builder("moby.filesync.v1.FileSend")
                .addMethod(method, ServerCalls.asyncBidiStreamingCall(this::receiveExport))
                .build();
    }

    private StreamObserver<byte[]> receiveExport(StreamObserver<byte[]> responseObserver) {
        Metadata md = HEADERS.get();
        String idText = md.get(EXPORTER_ID);
        int id = 0;
        if (idText != null) {
            try {
                id = Integer.parseInt(idText.trim());
            } catch (NumberFormatException ignored) {
                id = 0;
            }
        }
        ExportTarget target = exports.get(id);
        if (target == null) {
            responseObserver.onError(Status.NOT_FOUND.withDescription("exporter " + id + " not found").asRuntimeException());
            return new DiscardingObserver<>();
        }
        if (target instanceof ExportTarget.Directory) {
            return receiveDirectory(((ExportTarget.Directory) target).dir, responseObserver);
        }
        Map<String, String> exporterMetadata = new HashMap<>();
        for (String key : md.keys()) {
            if (key.startsWith(EXPORTER_METADATA_PREFIX) && !key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                exporterMetadata.put(key.substring(EXPORTER_METADATA_PREFIX.length()), String.join(",", values(md, ascii(key))));
            }
        }
        return receiveStream(((ExportTarget.Stream) target).opener, exporterMetadata, responseObserver);
    }

    private static StreamObserver<byte[]> receiveDirectory(Path dir, StreamObserver<byte[]> responseObserver) {
        DirectoryReceiver receiver;
        try {
            receiver = new DirectoryReceiver(dir, p -> responseObserver.onNext(p.toByteArray()));
        } catch (IOException e) {
            responseObserver.onError(Status.INTERNAL.withDescription("cannot create " + dir + ": " + e.getMessage()).asRuntimeException());
            return new DiscardingObserver<>();
        }
        return new StreamObserver<>() {
            boolean failed;

            @Override
            public void onNext(byte[] value) {
                if (failed) {
                    return;
                }
                try {
                    receiver.handle(Packet.parseFrom(value));
                } catch (IOException e) {
                    failed = true;
                    receiver.abort();
                    responseObserver.onNext(Packet.newBuilder().setType(Packet.PacketType.PACKET_ERR)
                            .setData(ByteString.copyFromUtf8(String.valueOf(e.getMessage()))).build().toByteArray());
                    responseObserver.onError(Status.INTERNAL.withDescription("local export to " + dir + " failed: " + e.getMessage()).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                receiver.abort();
            }

            @Override
            public void onCompleted() {
                receiver.abort();
                if (!failed) {
                    responseObserver.onCompleted();
                }
            }
        };
    }

    private static StreamObserver<byte[]> receiveStream(ExportTarget.StreamOpener opener, Map<String, String> metadata,
            StreamObserver<byte[]> responseObserver) {
        OutputStream sink;
        try {
            sink = opener.open(metadata);
        } catch (IOException e) {
            responseObserver.onError(Status.INTERNAL.withDescription("cannot open export destination: " + e.getMessage()).asRuntimeException());
            return new DiscardingObserver<>();
        }
        return new StreamObserver<>() {
            boolean failed;

            @Override
            public void onNext(byte[] value) {
                if (failed) {
                    return;
                }
                try {
                    BytesMessage.parseFrom(value).getData().writeTo(sink);
                } catch (IOException e) {
                    failed = true;
                    closeQuietly(sink);
                    responseObserver.onError(Status.INTERNAL.withDescription("writing the export failed: " + e.getMessage()).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                closeQuietly(sink);
            }

            @Override
            public void onCompleted() {
                if (failed) {
                    return;
                }
                try {
                    sink.close();
                    responseObserver.onCompleted();
                } catch (IOException e) {
                    responseObserver.onError(Status.INTERNAL.withDescription("writing the export failed: " + e.getMessage()).asRuntimeException());
                }
            }
        };
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException ignored) {
            // already failing
        }
    }

    private final class Auth extends AuthGrpc.AuthImplBase {
        @Override
        public void credentials(CredentialsRequest request, StreamObserver<CredentialsResponse> responseObserver) {
            // An unknown host gets an empty answer: the daemon then tries anonymously.
            RegistryAuth auth = registryAuth.get(RegistryAuth.hostKey(request.getHost()));
            CredentialsResponse.Builder r = CredentialsResponse.newBuilder();
            if (auth != null) {
                r.setUsername(auth.username()).setSecret(auth.secret());
            }
            responseObserver.onNext(r.build());
            responseObserver.onCompleted();
        }
        // FetchToken and the token-authority calls stay UNIMPLEMENTED: the daemon then fetches tokens
        // itself with the credentials above.
    }

    private final class Secrets extends SecretsGrpc.SecretsImplBase {
        @Override
        public void getSecret(GetSecretRequest request, StreamObserver<GetSecretResponse> responseObserver) {
            byte[] value = secrets.get(request.getID());
            if (value == null) {
                // NOT_FOUND lets the daemon honour `required=false` on a secret mount.
                responseObserver.onError(Status.NOT_FOUND.withDescription("secret " + request.getID() + " not found").asRuntimeException());
                return;
            }
            responseObserver.onNext(GetSecretResponse.newBuilder().setData(ByteString.copyFrom(value)).build());
            responseObserver.onCompleted();
        }
    }

    /** Takes what a refused call still sends, so the stream can drain. */
    static final class DiscardingObserver<T> implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }
}
