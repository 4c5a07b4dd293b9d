package io.jenkins.plugins.buildkit.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.jenkins.plugins.buildkit.wire.control.StatusResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One update of BuildKit's progress stream: vertexes (build steps) that started or changed, progress
 * of their sub-tasks, their log output and warnings. Vertexes are identified by digest.
 */
public record SolveStatus(List<Vertex> vertexes, List<VertexStatus> statuses, List<VertexLog> logs,
        List<VertexWarning> warnings) {

    /** A build step. {@code started}/{@code completed} are null until that happens. */
    public record Vertex(String digest, List<String> inputs, String name, boolean cached, Instant started,
            Instant completed, String error) {
    }

    /** Progress of one sub-task of a step, such as a transfer. */
    public record VertexStatus(String id, String vertex, String name, long current, long total, Instant timestamp,
            Instant started, Instant completed) {
    }

    /** Output of a step; {@code stream} 1 is stdout, 2 stderr. */
    public record VertexLog(String vertex, Instant timestamp, int stream, byte[] data) {
    }

    public record VertexWarning(String vertex, long level, String shortText, List<String> detail, String url) {
    }

    static SolveStatus from(StatusResponse r) {
        return new SolveStatus(
                r.getVertexesList().stream().map(v -> new Vertex(v.getDigest(), List.copyOf(v.getInputsList()),
                        v.getName(), v.getCached(), instant(v.hasStarted(), v.getStarted()),
                        instant(v.hasCompleted(), v.getCompleted()), v.getError())).collect(Collectors.toList()),
                r.getStatusesList().stream().map(s -> new VertexStatus(s.getID(), s.getVertex(), s.getName(),
                        s.getCurrent(), s.getTotal(), instant(s.hasTimestamp(), s.getTimestamp()),
                        instant(s.hasStarted(), s.getStarted()), instant(s.hasCompleted(), s.getCompleted())))
                        .collect(Collectors.toList()),
                r.getLogsList().stream().map(l -> new VertexLog(l.getVertex(), instant(l.hasTimestamp(), l.getTimestamp()),
                        (int) l.getStream(), l.getMsg().toByteArray())).collect(Collectors.toList()),
                r.getWarningsList().stream().map(w -> new VertexWarning(w.getVertex(), w.getLevel(),
                        w.getShort().toStringUtf8(),
                        w.getDetailList().stream().map(ByteString::toStringUtf8).collect(Collectors.toList()),
                        w.getUrl())).collect(Collectors.toList()));
    }

    private static Instant instant(boolean present, Timestamp t) {
        return present ? Instant.ofEpochSecond(t.getSeconds(), t.getNanos()) : null;
    }
}
