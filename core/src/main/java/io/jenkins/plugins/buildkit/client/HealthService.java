package io.jenkins.plugins.buildkit.client;

import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.health.HealthCheckRequest;
import io.jenkins.plugins.buildkit.wire.health.HealthCheckResponse;
import io.jenkins.plugins.buildkit.wire.health.HealthGrpc;

/** The health check the daemon calls to keep the session alive. */
final class HealthService extends HealthGrpc.HealthImplBase {
    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
        responseObserver.onNext(HealthCheckResponse.newBuilder()
                .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
        responseObserver.onCompleted();
    }
}
