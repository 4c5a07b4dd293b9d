package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.SolveStatus;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Listens to the progress stream beside the console's renderer and keeps what the build page's
 * timeline needs, bounded whatever the build prints: at most {@link #MAX_STEPS} steps and, of each,
 * its last {@link #LAST_LINES} log lines of at most {@link #LINE_CHARS} characters, every text
 * masked as the console masks it.
 */
final class TimelineRecorder implements ProgressListener {
    static final int MAX_STEPS = 300;
    static final int LAST_LINES = 5;
    static final int LINE_CHARS = 200;
    static final int ERROR_CHARS = 1000;
    /**
     * A line is masked whole before it is cut, so that no secret shows in part; a longer line is
     * left out rather than held without bound.
     */
    static final int MAX_LINE_BUFFER = 16 * 1024;
    static final String OVERLONG_LINE = "(a line of more than 16 KiB, not kept)";

    private static final class Step {
        String name = "";
        boolean cached;
        Instant started;
        Instant completed;
        String error = "";
        final Deque<String> lastLines = new ArrayDeque<>();
        /** An unfinished line. */
        final StringBuilder partialLine = new StringBuilder();
        /** The unfinished line outgrew {@link #MAX_LINE_BUFFER} and will be left out. */
        boolean overlongLine;
    }

    private final ProgressListener console;
    private final SecretMasker masker;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private int omittedSteps;
    /** The latest byte count of each transfer of a local build context, by vertex and transfer id. */
    private final Map<String, Long> contextTransfers = new HashMap<>();

    TimelineRecorder(ProgressListener console, SecretMasker masker) {
        this.console = console;
        this.masker = masker;
    }

    @Override
    public void onStatus(SolveStatus status) {
        record(status);
        console.onStatus(status);
    }

    @Override
    public void onFinish(Throwable error) {
        console.onFinish(error);
    }

    private synchronized void record(SolveStatus status) {
        for (SolveStatus.Vertex v : status.vertexes()) {
            Step s = step(v.digest());
            if (s == null) {
                continue;
            }
            s.name = v.name();
            s.cached |= v.cached();
            if (v.started() != null && (s.started == null || v.started().isBefore(s.started))) {
                s.started = v.started();
            }
            if (v.completed() != null) {
                s.completed = v.completed();
            }
            if (!v.error().isEmpty()) {
                s.error = v.error();
            }
        }
        for (SolveStatus.VertexStatus st : status.statuses()) {
            Step s = steps.get(st.vertex());
            // "[internal] load build context" and its named siblings: their transfers are the context sent.
            if (s != null && s.name.contains("load build context")) {
                contextTransfers.put(st.vertex() + " " + st.id(), st.current());
            }
        }
        for (SolveStatus.VertexLog log : status.logs()) {
            Step s = steps.get(log.vertex());
            if (s != null) {
                appendLog(s, new String(log.data(), StandardCharsets.UTF_8));
            }
        }
    }

    /** The step of a vertex, or null once the bound is reached (that vertex is then only counted). */
    private Step step(String digest) {
        Step s = steps.get(digest);
        if (s == null) {
            if (steps.size() >= MAX_STEPS) {
                omittedSteps++;
                return null;
            }
            s = new Step();
            steps.put(digest, s);
        }
        return s;
    }

    private static void appendLog(Step s, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                keepLine(s, s.overlongLine ? OVERLONG_LINE : s.partialLine.toString());
                s.partialLine.setLength(0);
                s.overlongLine = false;
            } else if (s.partialLine.length() >= MAX_LINE_BUFFER) {
                s.overlongLine = true;
                s.partialLine.setLength(0);
            } else if (c != '\r' && !s.overlongLine) {
                s.partialLine.append(c);
            }
        }
    }

    private static void keepLine(Step s, String line) {
        s.lastLines.addLast(line);
        if (s.lastLines.size() > LAST_LINES) {
            s.lastLines.removeFirst();
        }
    }

    /** The timeline so far; masking is applied here, to whole lines, so that no secret is cut in two. */
    synchronized BuildTimeline timeline() {
        Instant origin = null;
        for (Step s : steps.values()) {
            if (s.started != null && (origin == null || s.started.isBefore(origin))) {
                origin = s.started;
            }
        }
        List<BuildTimeline.Step> kept = new ArrayList<>();
        for (Step s : steps.values()) {
            if (s.started == null && !s.cached) {
                continue; // defined but never run: nothing to draw
            }
            Instant start = s.started == null ? origin : s.started;
            Instant end = s.completed == null ? start : s.completed;
            long startMillis = origin == null || start == null ? 0 : Duration.between(origin, start).toMillis();
            long durationMillis = start == null ? 0 : Math.max(0, Duration.between(start, end).toMillis());
            List<String> lines = new ArrayList<>(s.lastLines);
            if (s.overlongLine || s.partialLine.length() > 0) {
                lines.add(s.overlongLine ? OVERLONG_LINE : s.partialLine.toString());
            }
            while (lines.size() > LAST_LINES) {
                lines.remove(0);
            }
            lines.replaceAll(l -> cut(masker.mask(l), LINE_CHARS));
            String error = s.error.isEmpty() ? null : cut(masker.mask(s.error), ERROR_CHARS);
            kept.add(new BuildTimeline.Step(masker.mask(s.name), state(s), startMillis, durationMillis, error, lines));
        }
        // The daemon announces steps in its own order (a RUN before the COPY it depends on): show them as they ran.
        kept.sort(java.util.Comparator.comparingLong(BuildTimeline.Step::getStartMillis));
        long contextBytes = contextTransfers.values().stream().mapToLong(Long::longValue).sum();
        return new BuildTimeline(origin == null ? 0 : origin.toEpochMilli(), kept, omittedSteps, contextBytes);
    }

    private static BuildTimeline.State state(Step s) {
        if (!s.error.isEmpty()) {
            return s.error.contains("context canceled") ? BuildTimeline.State.CANCELLED : BuildTimeline.State.ERROR;
        }
        if (s.cached) {
            return BuildTimeline.State.CACHED;
        }
        return s.completed == null ? BuildTimeline.State.CANCELLED : BuildTimeline.State.RUN;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
