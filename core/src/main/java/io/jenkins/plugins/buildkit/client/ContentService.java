package io.jenkins.plugins.buildkit.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.content.AbortRequest;
import io.jenkins.plugins.buildkit.wire.content.ContentGrpc;
import io.jenkins.plugins.buildkit.wire.content.DeleteContentRequest;
import io.jenkins.plugins.buildkit.wire.content.Info;
import io.jenkins.plugins.buildkit.wire.content.InfoRequest;
import io.jenkins.plugins.buildkit.wire.content.InfoResponse;
import io.jenkins.plugins.buildkit.wire.content.ListStatusesRequest;
import io.jenkins.plugins.buildkit.wire.content.ListStatusesResponse;
import io.jenkins.plugins.buildkit.wire.content.ReadContentRequest;
import io.jenkins.plugins.buildkit.wire.content.ReadContentResponse;
import io.jenkins.plugins.buildkit.wire.content.StatusRequest;
import io.jenkins.plugins.buildkit.wire.content.StatusResponse;
import io.jenkins.plugins.buildkit.wire.content.UpdateRequest;
import io.jenkins.plugins.buildkit.wire.content.UpdateResponse;
import io.jenkins.plugins.buildkit.wire.content.WriteAction;
import io.jenkins.plugins.buildkit.wire.content.WriteContentRequest;
import io.jenkins.plugins.buildkit.wire.content.WriteContentResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * containerd's content service over our {@link OciLayoutStore}s, chosen per call by the
 * {@code buildkit-attachable-store-id} header ({@code local:<dir>}): how the daemon writes a local
 * cache export and reads a local cache import.
 */
final class ContentService extends ContentGrpc.ContentImplBase {
    private static final Metadata.Key<String> STORE_ID = Metadata.Key.of("buildkit-attachable-store-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final int READ_CHUNK = 1 << 20;

    private final Map<String, OciLayoutStore> stores;

    ContentService(Map<String, OciLayoutStore> stores) {
        this.stores = stores;
    }

    private OciLayoutStore store() {
        String id = SessionHeaders.HEADERS.get().get(STORE_ID);
        OciLayoutStore store = id == null ? null : stores.get(id);
        if (store == null) {
            throw Status.NOT_FOUND.withDescription("unknown store " + id).asRuntimeException();
        }
        return store;
    }

    private static Timestamp now() {
        Instant t = Instant.now();
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    private static RuntimeException notFound(String digest) {
        return Status.NOT_FOUND.withDescription("content digest " + digest + ": not found").asRuntimeException();
    }

    private Info info(String digest) throws IOException {
        Path blob = store().blob(digest);
        if (!Files.isRegularFile(blob)) {
            throw notFound(digest);
        }
        Timestamp modified = Timestamp.newBuilder().setSeconds(Files.getLastModifiedTime(blob).toInstant().getEpochSecond()).build();
        return Info.newBuilder().setDigest(digest).setSize(Files.size(blob)).setCreatedAt(modified).setUpdatedAt(modified).build();
    }

    @Override
    public void info(InfoRequest request, StreamObserver<InfoResponse> out) {
        try {
            out.onNext(InfoResponse.newBuilder().setInfo(info(request.getDigest())).build());
            out.onCompleted();
        } catch (IOException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void update(UpdateRequest request, StreamObserver<UpdateResponse> out) {
        // Labels (the daemon's GC hints) mean nothing in a directory store: report the blob as it is.
        try {
            out.onNext(UpdateResponse.newBuilder().setInfo(info(request.getInfo().getDigest())).build());
            out.onCompleted();
        } catch (IOException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void delete(DeleteContentRequest request, StreamObserver<Empty> out) {
        try {
            if (!Files.deleteIfExists(store().blob(request.getDigest()))) {
                throw notFound(request.getDigest());
            }
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
        } catch (IOException e) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void read(ReadContentRequest request, StreamObserver<ReadContentResponse> out) {
        // A blob may be gigabytes: send only as fast as the daemon takes it, or gRPC queues it all on the heap.
        FlowControlledSender<ReadContentResponse> sender =
                new FlowControlledSender<>((ServerCallStreamObserver<ReadContentResponse>) out);
        try (FileChannel ch = FileChannel.open(store().blob(request.getDigest()), StandardOpenOption.READ)) {
            long end = request.getSize() > 0 ? Math.min(ch.size(), request.getOffset() + request.getSize()) : ch.size();
            long offset = request.getOffset();
            ByteBuffer buf = ByteBuffer.allocate(READ_CHUNK);
            while (offset < end) {
                buf.clear().limit((int) Math.min(READ_CHUNK, end - offset));
                int n = ch.read(buf, offset);
                if (n <= 0) {
                    break;
                }
                buf.flip();
                sender.send(ReadContentResponse.newBuilder().setOffset(offset).setData(ByteString.copyFrom(buf)).build());
                offset += n;
            }
            sender.complete();
        } catch (java.nio.file.NoSuchFileException e) {
            sender.fail(Status.NOT_FOUND.withDescription("content digest " + request.getDigest() + ": not found"));
        } catch (IOException e) {
            sender.fail(Status.INTERNAL.withDescription(e.getMessage()));
        }
    }

    @Override
    public void status(StatusRequest request, StreamObserver<StatusResponse> out) {
        try {
            Path ingest = store().ingest(request.getRef());
            if (!Files.exists(ingest)) {
                out.onError(Status.NOT_FOUND.withDescription("ref " + request.getRef() + ": not found").asRuntimeException());
                return;
            }
            out.onNext(StatusResponse.newBuilder().setStatus(io.jenkins.plugins.buildkit.wire.content.Status.newBuilder()
                    .setRef(request.getRef()).setOffset(Files.size(ingest)).setUpdatedAt(now())).build());
            out.onCompleted();
        } catch (IOException e) {
            out.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    @Override
    public void listStatuses(ListStatusesRequest request, StreamObserver<ListStatusesResponse> out) {
        out.onNext(ListStatusesResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void abort(AbortRequest request, StreamObserver<Empty> out) {
        try {
            Files.deleteIfExists(store().ingest(request.getRef()));
            out.onNext(Empty.getDefaultInstance());
            out.onCompleted();
        } catch (IOException e) {
            out.onError(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
        }
    }

    /** One blob written in STAT / WRITE... / COMMIT steps, each answered with where the write stands. */
    @Override
    public StreamObserver<WriteContentRequest> write(StreamObserver<WriteContentResponse> out) {
        OciLayoutStore store = store();
        return new StreamObserver<>() {
            String ref;
            Path ingest;
            FileChannel file;
            long offset;
            long total;
            String expected = "";
            final Timestamp started = now();
            boolean failed;

            @Override
            public void onNext(WriteContentRequest req) {
                if (failed) {
                    return;
                }
                try {
                    if (ref == null) {
                        if (req.getRef().isEmpty()) {
                            throw Status.INVALID_ARGUMENT.withDescription("first message must have a reference").asRuntimeException();
                        }
                        ref = req.getRef();
                        if (!req.getExpected().isEmpty() && Files.isRegularFile(store.blob(req.getExpected()))) {
                            throw Status.ALREADY_EXISTS.withDescription("content " + req.getExpected() + ": already exists").asRuntimeException();
                        }
                        ingest = store.ingest(ref);
                        file = FileChannel.open(ingest, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        offset = file.size();
                    }
                    if (req.getTotal() > 0) {
                        total = req.getTotal();
                    }
                    if (!req.getExpected().isEmpty()) {
                        expected = req.getExpected();
                    }
                    WriteContentResponse.Builder resp = WriteContentResponse.newBuilder().setAction(req.getAction())
                            .setStartedAt(started).setUpdatedAt(now()).setTotal(total);
                    if (req.getAction() == WriteAction.WRITE || req.getAction() == WriteAction.COMMIT) {
                        if (!req.getData().isEmpty()) {
                            if (req.getOffset() != offset) {
                                if (req.getOffset() != 0) {
                                    throw Status.OUT_OF_RANGE.withDescription("write at " + req.getOffset() + " but " + offset + " bytes are written").asRuntimeException();
                                }
                                file.truncate(0);
                                offset = 0;
                            }
                            ByteBuffer data = req.getData().asReadOnlyByteBuffer();
                            while (data.hasRemaining()) {
                                offset += file.write(data, offset);
                            }
                        }
                    }
                    if (req.getAction() == WriteAction.COMMIT) {
                        if (total > 0 && offset != total) {
                            throw Status.FAILED_PRECONDITION.withDescription("commit at " + offset + " bytes, expected " + total).asRuntimeException();
                        }
                        file.close();
                        file = null;
                        resp.setDigest(store.commit(ingest, expected));
                    }
                    out.onNext(resp.setOffset(offset).build());
                } catch (IOException e) {
                    fail(Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
                } catch (RuntimeException e) {
                    fail(e);
                }
            }

            private void fail(RuntimeException e) {
                failed = true;
                closeFile();
                out.onError(e);
            }

            private void closeFile() {
                if (file != null) {
                    try {
                        file.close();
                    } catch (IOException ignored) {
                        // the write failed anyway
                    }
                    file = null;
                }
            }

            @Override
            public void onError(Throwable t) {
                closeFile();
            }

            @Override
            public void onCompleted() {
                closeFile();
                if (!failed) {
                    out.onCompleted();
                }
            }
        };
    }
}
