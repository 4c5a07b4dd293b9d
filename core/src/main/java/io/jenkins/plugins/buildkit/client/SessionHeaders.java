package io.jenkins.plugins.buildkit.client;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

/** The daemon's request headers (which directory, which secret, which key), as the session's services read them. */
final class SessionHeaders {
    static final Context.Key<Metadata> HEADERS = Context.key("buildkit-session-request-headers");

    private SessionHeaders() {
    }

    /** A session service that sees the request headers of each call through {@link #HEADERS}. */
    static ServerServiceDefinition visibleTo(ServerServiceDefinition service) {
        return ServerInterceptors.intercept(service, new ServerInterceptor() {
            @Override
            public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata md, ServerCallHandler<Q, R> next) {
                return Contexts.interceptCall(Context.current().withValue(HEADERS, md), call, md, next);
            }
        });
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
