package io.jenkins.plugins.buildkit.client;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.secrets.GetSecretRequest;
import io.jenkins.plugins.buildkit.wire.secrets.GetSecretResponse;
import io.jenkins.plugins.buildkit.wire.secrets.SecretsGrpc;
import java.util.Map;

/** Build secrets, by id, for {@code RUN --mount=type=secret}. */
final class SecretsService extends SecretsGrpc.SecretsImplBase {
    private final Map<String, byte[]> secrets;

    SecretsService(Map<String, byte[]> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

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
