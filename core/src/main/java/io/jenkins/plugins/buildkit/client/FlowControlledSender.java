package io.jenkins.plugins.buildkit.client;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Sends on a server stream from a worker thread, waiting while the peer's flow-control window is
 * full: gRPC would otherwise buffer everything we hand it, and a large context would fill the heap.
 */
final class FlowControlledSender<T> {
    private final ServerCallStreamObserver<T> call;
    private final Object lock = new Object();
    private volatile boolean cancelled;

    FlowControlledSender(ServerCallStreamObserver<T> call) {
        this.call = call;
        call.setOnReadyHandler(this::wake);
        call.setOnCancelHandler(() -> {
            cancelled = true;
            wake();
        });
    }

    private void wake() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    void send(T message) throws IOException {
        synchronized (lock) {
            while (!call.isReady()) {
                if (cancelled) {
                    throw new IOException("the daemon closed the stream");
                }
                try {
                    lock.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while sending");
                }
            }
            if (cancelled) {
                throw new IOException("the daemon closed the stream");
            }
            call.onNext(message);
        }
    }

    void complete() {
        synchronized (lock) {
            if (!cancelled) {
                call.onCompleted();
            }
        }
    }

    void fail(Status status) {
        synchronized (lock) {
            if (!cancelled) {
                call.onError(status.asRuntimeException());
            }
        }
    }
}
