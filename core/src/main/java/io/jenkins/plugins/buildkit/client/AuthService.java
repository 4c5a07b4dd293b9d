package io.jenkins.plugins.buildkit.client;

import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.filesync.AuthGrpc;
import io.jenkins.plugins.buildkit.wire.filesync.CredentialsRequest;
import io.jenkins.plugins.buildkit.wire.filesync.CredentialsResponse;
import java.util.Map;

/** Registry credentials, by host, for the daemon's pulls and pushes. */
final class AuthService extends AuthGrpc.AuthImplBase {
    private final Map<String, RegistryCredential> registryCredentials;

    /** @param registryCredentials logins by {@link RegistryCredential#hostKey} */
    AuthService(Map<String, RegistryCredential> registryCredentials) {
        this.registryCredentials = Map.copyOf(registryCredentials);
    }

    @Override
    public void credentials(CredentialsRequest request, StreamObserver<CredentialsResponse> responseObserver) {
        // An unknown host gets an empty answer: the daemon then tries anonymously.
        RegistryCredential auth = registryCredentials.get(RegistryCredential.hostKey(request.getHost()));
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
