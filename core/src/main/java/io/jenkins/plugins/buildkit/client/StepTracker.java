package io.jenkins.plugins.buildkit.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers just enough of the progress stream to explain a failure (which step failed and the tail
 * of its output) and to summarize a success (how many steps ran and how many were cached).
 */
final class StepTracker implements ProgressListener {
    static final int LOG_TAIL_LINES = 20;

    private static final class Step {
        String name;
        boolean cached;
        boolean completed;
        String error;
        final Deque<String> tail = new ArrayDeque<>();
        final StringBuilder partialLine = new StringBuilder();
    }

    private final Map<String, Step> steps = new LinkedHashMap<>();

    @Override
    public synchronized void onStatus(SolveStatus status) {
        for (SolveStatus.Vertex v : status.vertexes()) {
            Step s = steps.computeIfAbsent(v.digest(), d -> new Step());
            s.name = v.name();
            s.cached |= v.cached();
            s.completed |= v.completed() != null;
            if (!v.error().isEmpty()) {
                s.error = v.error();
            }
        }
        for (SolveStatus.VertexLog log : status.logs()) {
            Step s = steps.computeIfAbsent(log.vertex(), d -> new Step());
            s.partialLine.append(new String(log.data(), StandardCharsets.UTF_8));
            int nl;
            while ((nl = s.partialLine.indexOf("\n")) >= 0) {
                s.tail.addLast(s.partialLine.substring(0, nl));
                s.partialLine.delete(0, nl + 1);
                if (s.tail.size() > LOG_TAIL_LINES) {
                    s.tail.removeFirst();
                }
            }
        }
    }

    synchronized int cachedSteps() {
        return (int) steps.values().stream().filter(s -> s.cached).count();
    }

    synchronized int totalSteps() {
        return steps.size();
    }

    /** "step [2/3] RUN ... failed" with its last log lines, or null when no step reported an error. */
    synchronized String describeFailure() {
        Step failed = null;
        for (Step s : steps.values()) {
            if (s.error != null && !s.error.contains("context canceled")) {
                failed = s;
            }
        }
        if (failed == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder("step ").append(failed.name).append(" failed: ").append(failed.error);
        List<String> lines = new ArrayList<>(failed.tail);
        if (failed.partialLine.length() > 0) {
            lines.add(failed.partialLine.toString());
        }
        if (!lines.isEmpty()) {
            sb.append("\nlast output of the step:");
            for (String line : lines) {
                sb.append("\n  > ").append(line);
            }
        }
        return sb.toString();
    }
}
