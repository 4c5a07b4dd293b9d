package io.jenkins.plugins.buildkit.client;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.BindableService;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.fs.DirectoryReceiver;
import io.jenkins.plugins.buildkit.fs.DirectorySender;
import io.jenkins.plugins.buildkit.fs.DirectoryWalker;
import io.jenkins.plugins.buildkit.wire.filesync.BytesMessage;
import io.jenkins.plugins.buildkit.wire.filesync.FileSyncGrpc;
import io.jenkins.plugins.buildkit.wire.fsutil.Packet;
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
import java.util.concurrent.Executor;

/**
 * The session's files: directories the daemon reads (FileSync) and the places its exports come back
 * to (FileSend).
 */
final class FileSyncService implements BindableService {

    private static final Metadata.Key<String> DIR_NAME = ascii("dir-name");
    private static final Metadata.Key<String> INCLUDE_PATTERNS = ascii("include-patterns");
    private static final Metadata.Key<String> EXCLUDE_PATTERNS = ascii("exclude-patterns");
    private static final Metadata.Key<String> FOLLOW_PATHS = ascii("followpaths");
    private static final Metadata.Key<String> EXPORTER_ID = ascii("buildkit-attachable-exporter-id");
    private static final String EXPORTER_METADATA_PREFIX = "exporter-md-";

    private final Map<String, Path> dirs;
    private final Map<Integer, ExportTarget> exports;
    private final Executor executor;

    /** @param executor runs the sending of a directory, off the gRPC thread */
    FileSyncService(Map<String, Path> dirs, Map<Integer, ExportTarget> exports, Executor executor) {
        this.dirs = Map.copyOf(dirs);
        this.exports = Map.copyOf(exports);
        this.executor = executor;
    }

    private static Metadata.Key<String> ascii(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /** FileSync: the directories. */
    @Override
    public ServerServiceDefinition bindService() {
        return new FileSync().bindService();
    }

    /** FileSend: where exports come back. */
    BindableService exports() {
        return this::fileSend;
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


    private final class FileSync extends FileSyncGrpc.FileSyncImplBase {
        @Override
        public StreamObserver<Packet> diffCopy(StreamObserver<Packet> responseObserver) {
            Metadata md = SessionHeaders.HEADERS.get();
            List<String> names = values(md, DIR_NAME);
            String dirName = names.isEmpty() ? "" : names.get(0);
            Path dir = dirs.get(dirName);
            ServerCallStreamObserver<Packet> call = (ServerCallStreamObserver<Packet>) responseObserver;
            FlowControlledSender<Packet> out = new FlowControlledSender<>(call);
            if (dir == null) {
                responseObserver.onError(Status.NOT_FOUND.withDescription("no access allowed to dir \"" + dirName + "\"").asRuntimeException());
                return new SessionHeaders.DiscardingObserver<>();
            }
            DirectorySender sender;
            try {
                sender = new DirectorySender(new DirectoryWalker(dir, new DirectoryWalker.Filter(
                        values(md, INCLUDE_PATTERNS), values(md, EXCLUDE_PATTERNS), values(md, FOLLOW_PATHS))), out::send);
            } catch (IOException | IllegalArgumentException e) {
                responseObserver.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
                return new SessionHeaders.DiscardingObserver<>();
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
        Metadata md = SessionHeaders.HEADERS.get();
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
            return new SessionHeaders.DiscardingObserver<>();
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
            return new SessionHeaders.DiscardingObserver<>();
        }
        return new ExportObserver(responseObserver) {
            @Override
            void handle(byte[] value) throws IOException {
                receiver.handle(Packet.parseFrom(value));
            }

            @Override
            void report(IOException e) {
                // fsutil's sender stops on an error packet; gRPC's status then says why
                responseObserver.onNext(Packet.newBuilder().setType(Packet.PacketType.PACKET_ERR)
                        .setData(ByteString.copyFromUtf8(String.valueOf(e.getMessage()))).build().toByteArray());
                responseObserver.onError(Status.INTERNAL.withDescription("local export to " + dir + " failed: " + e.getMessage()).asRuntimeException());
            }

            @Override
            void giveUp() {
                receiver.abort();
            }

            @Override
            void finish() {
                // abort() only removes what never completed; every complete file is already in place
                receiver.abort();
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
            return new SessionHeaders.DiscardingObserver<>();
        }
        return new ExportObserver(responseObserver) {
            @Override
            void handle(byte[] value) throws IOException {
                BytesMessage.parseFrom(value).getData().writeTo(sink);
            }

            @Override
            void report(IOException e) {
                responseObserver.onError(Status.INTERNAL.withDescription("writing the export failed: " + e.getMessage()).asRuntimeException());
            }

            @Override
            void giveUp() {
                discard(sink);
            }

            @Override
            void finish() throws IOException {
                sink.close();
            }
        };
    }

    /**
     * What the daemon sends back for one exporter: each message handled in turn; the first failure
     * gives the export up and tells the daemon, and nothing after it is handled.
     */
    private abstract static class ExportObserver implements StreamObserver<byte[]> {
        private final StreamObserver<byte[]> responseObserver;
        private boolean failed;

        ExportObserver(StreamObserver<byte[]> responseObserver) {
            this.responseObserver = responseObserver;
        }

        abstract void handle(byte[] value) throws IOException;

        /** Tells the daemon that the export failed. */
        abstract void report(IOException e);

        /** Throws away what arrived. */
        abstract void giveUp();

        /** Puts what arrived in place. */
        abstract void finish() throws IOException;

        @Override
        public void onNext(byte[] value) {
            if (failed) {
                return;
            }
            try {
                handle(value);
            } catch (IOException e) {
                failed = true;
                giveUp();
                report(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            giveUp();
        }

        @Override
        public void onCompleted() {
            if (failed) {
                return;
            }
            try {
                finish();
                responseObserver.onCompleted();
            } catch (IOException e) {
                report(e);
            }
        }
    }

    /** An export that failed: a file destination is thrown away, any other is closed. */
    private static void discard(OutputStream out) {
        if (out instanceof ExportTarget.Abortable abortable) {
            abortable.abort();
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // already failing
        }
    }
}
