package io.jenkins.plugins.buildkit.client;

import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.health.HealthCheckRequest;
import io.jenkins.plugins.buildkit.wire.health.HealthCheckResponse;
import io.jenkins.plugins.buildkit.wire.health.HealthGrpc;

/**
 * The health check the daemon calls to keep the session alive, every 5 s while it holds the session;
 * each call tells the session the daemon is still there.
 */
final class HealthService extends HealthGrpc.HealthImplBase {
    private final Runnable onCheck;

    HealthService(Runnable onCheck) {
        this.onCheck = onCheck;
    }

    @Override
    public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> responseObserver) {
        onCheck.run();
        responseObserver.onNext(HealthCheckResponse.newBuilder()
                .setStatus(HealthCheckResponse.ServingStatus.SERVING).build());
        responseObserver.onCompleted();
    }
}
