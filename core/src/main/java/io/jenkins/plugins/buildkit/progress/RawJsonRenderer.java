package io.jenkins.plugins.buildkit.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.SolveStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --progress=rawjson}: one JSON object per status update, with the field names of Buildx's
 * output ({@code vertexes}, {@code statuses}, {@code logs}, {@code warnings}); byte fields are base64
 * as Go encodes them. Log data comes by whole lines, secrets masked, before encoding.
 */
public final class RawJsonRenderer implements ProgressListener {
    private final PrintStream out;
    private final SecretMasker masker;
    private final JsonFactory factory = new JsonFactory();
    /** Log data is emitted by whole lines, so that a secret or a character cut between chunks is whole when masked. */
    private final Map<LogStream, LineBuffer> partialLogs = new HashMap<>();

    /** One vertex's stdout or stderr. */
    private record LogStream(String vertex, int stream) {
    }

    public RawJsonRenderer(PrintStream out, SecretMasker masker) {
        this.out = out;
        this.masker = masker;
    }

    /** A log chunk's complete lines, masked; the rest waits for the next chunk of that vertex and stream. */
    private List<SolveStatus.VertexLog> completeLines(List<SolveStatus.VertexLog> logs) {
        List<SolveStatus.VertexLog> out = new ArrayList<>();
        for (SolveStatus.VertexLog l : logs) {
            String lines = partialLogs.computeIfAbsent(new LogStream(l.vertex(), l.stream()), k -> new LineBuffer()).append(l.data());
            if (!lines.isEmpty()) {
                out.add(new SolveStatus.VertexLog(l.vertex(), l.timestamp(), l.stream(),
                        masker.mask(lines).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    /** The unfinished last line of each log, when the build is over. */
    @Override
    public synchronized void onFinish(Throwable error) {
        List<SolveStatus.VertexLog> rest = new ArrayList<>();
        partialLogs.forEach((log, buffer) -> {
            if (!buffer.isEmpty()) {
                rest.add(new SolveStatus.VertexLog(log.vertex(), Instant.now(), log.stream(),
                        masker.mask(buffer.drain()).getBytes(StandardCharsets.UTF_8)));
            }
        });
        if (!rest.isEmpty()) {
            print(new SolveStatus(List.of(), List.of(), rest, List.of()), rest);
        }
    }

    @Override
    public synchronized void onStatus(SolveStatus status) {
        List<SolveStatus.VertexLog> logs = completeLines(status.logs());
        if (status.vertexes().isEmpty() && status.statuses().isEmpty() && logs.isEmpty() && status.warnings().isEmpty()) {
            return;
        }
        print(status, logs);
    }

    /** One status update, with {@code logs} (already whole lines and masked) in place of the update's own. */
    private void print(SolveStatus status, List<SolveStatus.VertexLog> logs) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = factory.createGenerator(text)) {
            json.writeStartObject();
            if (!status.vertexes().isEmpty()) {
                json.writeArrayFieldStart("vertexes");
                for (SolveStatus.Vertex v : status.vertexes()) {
                    json.writeStartObject();
                    json.writeStringField("digest", v.digest());
                    if (!v.inputs().isEmpty()) {
                        json.writeArrayFieldStart("inputs");
                        for (String in : v.inputs()) {
                            json.writeString(in);
                        }
                        json.writeEndArray();
                    }
                    json.writeStringField("name", masker.mask(v.name()));
                    time(json, "started", v.started());
                    time(json, "completed", v.completed());
                    if (v.cached()) {
                        json.writeBooleanField("cached", true);
                    }
                    if (!v.error().isEmpty()) {
                        json.writeStringField("error", masker.mask(v.error()));
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (!status.statuses().isEmpty()) {
                json.writeArrayFieldStart("statuses");
                for (SolveStatus.VertexStatus s : status.statuses()) {
                    json.writeStartObject();
                    json.writeStringField("id", s.id());
                    json.writeStringField("vertex", s.vertex());
                    if (!s.name().isEmpty()) {
                        json.writeStringField("name", s.name());
                    }
                    if (s.total() != 0) {
                        json.writeNumberField("total", s.total());
                    }
                    if (s.current() != 0) {
                        json.writeNumberField("current", s.current());
                    }
                    time(json, "timestamp", s.timestamp());
                    time(json, "started", s.started());
                    time(json, "completed", s.completed());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (!logs.isEmpty()) {
                json.writeArrayFieldStart("logs");
                for (SolveStatus.VertexLog l : logs) {
                    json.writeStartObject();
                    json.writeStringField("vertex", l.vertex());
                    json.writeNumberField("stream", l.stream());
                    json.writeStringField("data", Base64.getEncoder().encodeToString(l.data()));
                    time(json, "timestamp", l.timestamp());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (!status.warnings().isEmpty()) {
                json.writeArrayFieldStart("warnings");
                for (SolveStatus.VertexWarning w : status.warnings()) {
                    json.writeStartObject();
                    json.writeStringField("vertex", w.vertex());
                    json.writeNumberField("level", w.level());
                    json.writeStringField("short", Base64.getEncoder().encodeToString(
                            masker.mask(w.shortText()).getBytes(StandardCharsets.UTF_8)));
                    if (!w.url().isEmpty()) {
                        json.writeStringField("url", w.url());
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println(text);
        out.flush();
    }

    private static void time(JsonGenerator json, String field, Instant t) throws IOException {
        if (t != null) {
            json.writeStringField(field, t.toString());
        }
    }
}
