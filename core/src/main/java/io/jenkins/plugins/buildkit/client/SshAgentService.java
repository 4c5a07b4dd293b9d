package io.jenkins.plugins.buildkit.client;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.jenkins.plugins.buildkit.wire.sshforward.BytesMessage;
import io.jenkins.plugins.buildkit.wire.sshforward.CheckAgentRequest;
import io.jenkins.plugins.buildkit.wire.sshforward.CheckAgentResponse;
import io.jenkins.plugins.buildkit.wire.sshforward.SSHGrpc;
import java.io.IOException;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.common.AbstractAgentClient;
import org.apache.sshd.agent.local.AgentImpl;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * SSH forwarding ({@code RUN --mount=type=ssh}): an ssh-agent built from the given keys themselves,
 * so no agent socket is needed on the machine. Each forwarded connection speaks the agent protocol
 * over a {@code ForwardAgent} stream; MINA SSHD answers it.
 */
final class SshAgentService extends SSHGrpc.SSHImplBase {
    private static final Metadata.Key<String> SSH_ID = Metadata.Key.of("buildkit.ssh.id", Metadata.ASCII_STRING_MARSHALLER);
    private static final String DEFAULT_ID = "default";

    private final Map<String, List<KeyPair>> keys;

    SshAgentService(Map<String, List<KeyPair>> keys) {
        this.keys = keys;
    }

    private List<KeyPair> keysFor(String id) {
        List<KeyPair> found = keys.get(id == null || id.isEmpty() ? DEFAULT_ID : id);
        if (found == null) {
            throw Status.NOT_FOUND.withDescription("unset ssh forward key " + id).asRuntimeException();
        }
        return found;
    }

    @Override
    public void checkAgent(CheckAgentRequest request, StreamObserver<CheckAgentResponse> out) {
        try {
            keysFor(request.getID());
            out.onNext(CheckAgentResponse.getDefaultInstance());
            out.onCompleted();
        } catch (RuntimeException e) {
            out.onError(e);
        }
    }

    @Override
    public StreamObserver<BytesMessage> forwardAgent(StreamObserver<BytesMessage> out) {
        AgentImpl agent = new AgentImpl();
        try {
            for (KeyPair kp : keysFor(SessionHeaders.HEADERS.get().get(SSH_ID))) {
                agent.addIdentity(kp, "buildkit");
            }
        } catch (IOException | RuntimeException e) {
            out.onError(e instanceof RuntimeException ? e : Status.INTERNAL.withDescription(e.getMessage()).asRuntimeException());
            return new SessionHeaders.DiscardingObserver<>();
        }
        AbstractAgentClient protocol = new AbstractAgentClient(agent) {
            @Override
            protected void reply(Buffer buf) {
                out.onNext(BytesMessage.newBuilder().setData(com.google.protobuf.ByteString.copyFrom(
                        buf.array(), buf.rpos(), buf.available())).build());
            }
        };
        return new StreamObserver<>() {
            @Override
            public void onNext(BytesMessage value) {
                try {
                    protocol.messageReceived(new ByteArrayBuffer(value.getData().toByteArray()));
                } catch (IOException e) {
                    out.onError(Status.INTERNAL.withDescription("ssh agent: " + e.getMessage()).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                closeQuietly(agent);
            }

            @Override
            public void onCompleted() {
                closeQuietly(agent);
                out.onCompleted();
            }
        };
    }

    private static void closeQuietly(AgentImpl agent) {
        try {
            agent.close();
        } catch (IOException ignored) {
            // nothing held outside memory
        }
    }
}
