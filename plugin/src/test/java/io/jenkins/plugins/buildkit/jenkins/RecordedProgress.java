package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.SolveStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.sf.json.JSONArray;
import net.sf.json.JSONObject;

/**
 * Progress events recorded from a real buildkitd as {@code --progress rawjson} writes them (see the
 * README beside the files), played back into a listener.
 */
final class RecordedProgress {
    private RecordedProgress() {
    }

    static void replay(String name, ProgressListener listener) throws IOException {
        try (InputStream in = RecordedProgress.class.getResourceAsStream("progress/" + name)) {
            if (in == null) {
                throw new IOException("no recorded progress " + name);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    listener.onStatus(parse(JSONObject.fromObject(line)));
                }
            }
        }
        listener.onFinish(null);
    }

    private static SolveStatus parse(JSONObject o) {
        List<SolveStatus.Vertex> vertexes = new ArrayList<>();
        for (Object e : array(o, "vertexes")) {
            JSONObject v = (JSONObject) e;
            vertexes.add(new SolveStatus.Vertex(v.getString("digest"), List.of(), v.optString("name", ""),
                    v.optBoolean("cached", false), instant(v, "started"), instant(v, "completed"), v.optString("error", "")));
        }
        List<SolveStatus.VertexStatus> statuses = new ArrayList<>();
        for (Object e : array(o, "statuses")) {
            JSONObject s = (JSONObject) e;
            statuses.add(new SolveStatus.VertexStatus(s.getString("id"), s.getString("vertex"), s.optString("name", ""),
                    s.optLong("current", 0), s.optLong("total", 0), instant(s, "timestamp"), instant(s, "started"),
                    instant(s, "completed")));
        }
        List<SolveStatus.VertexLog> logs = new ArrayList<>();
        for (Object e : array(o, "logs")) {
            JSONObject l = (JSONObject) e;
            logs.add(new SolveStatus.VertexLog(l.getString("vertex"), instant(l, "timestamp"), l.optInt("stream", 1),
                    Base64.getDecoder().decode(l.getString("data"))));
        }
        return new SolveStatus(vertexes, statuses, logs, List.of());
    }

    private static JSONArray array(JSONObject o, String key) {
        return o.has(key) ? o.getJSONArray(key) : new JSONArray();
    }

    private static Instant instant(JSONObject o, String key) {
        return o.has(key) ? Instant.parse(o.getString(key)) : null;
    }
}
