package io.jenkins.plugins.buildkit.progress;

import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.client.SolveStatus;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders progress as {@code docker buildx build --progress=plain} does: each step numbered in the order
 * it is first shown ({@code #3 [2/4] RUN make}), its output prefixed with the seconds since it started,
 * a sub-task line when one completes, and {@code #3 CACHED}, {@code #3 DONE 1.2s} or
 * {@code #3 ERROR: ...} at its end. When output switches to another step, that step's header repeats.
 * Secrets are masked in every line.
 */
public final class PlainRenderer implements ProgressListener {

    private static final class Step {
        int number;
        String name = "";
        Instant started;
        boolean finished;
        /** When its end arrived: the end waits a little for its sub-tasks' completions. */
        long finishedAtNanos;
        final LineBuffer partialLine = new LineBuffer();
        final Set<String> doneStatuses = new HashSet<>();
        /** Sub-tasks seen but not yet shown as done, latest state of each. */
        final Map<String, SolveStatus.VertexStatus> openStatuses = new LinkedHashMap<>();
    }

    private final PrintStream out;
    private final SecretMasker masker;
    private final Map<String, Step> steps = new HashMap<>();
    private int lastNumber;
    private Step current;
    private final Map<String, SolveStatus.Vertex> pendingEnds = new LinkedHashMap<>();
    /** How long a finished step's end waits for its sub-tasks' completions, which carry their sizes. */
    private static final long SUB_TASK_GRACE_NANOS = 1_000_000_000L;

    public PlainRenderer(PrintStream out, SecretMasker masker) {
        this.out = out;
        this.masker = masker;
    }

    @Override
    public synchronized void onStatus(SolveStatus status) {
        for (SolveStatus.Vertex v : status.vertexes()) {
            Step s = step(v.digest());
            s.name = v.name();
            if (v.started() != null && s.started == null) {
                s.started = v.started();
            }
        }
        // The daemon may report a step's last sub-task just after the step itself; a step's end is
        // therefore printed one update late, after such stragglers, as Buildx shows it.
        for (SolveStatus.VertexStatus st : status.statuses()) {
            if (pendingEnds.containsKey(st.vertex())) {
                onSubTask(st);
            }
        }
        // A step that starts now would come between a finished step and its end: end that one first.
        boolean newStep = status.vertexes().stream().anyMatch(v -> (v.started() != null || v.cached()) && step(v.digest()).number == 0);
        printPendingEnds(newStep);
        for (SolveStatus.Vertex v : status.vertexes()) {
            Step s = step(v.digest());
            if ((v.started() != null || v.cached()) && s.number == 0) {
                focus(s);
            }
        }
        for (SolveStatus.VertexStatus st : status.statuses()) {
            onSubTask(st);
        }
        for (SolveStatus.VertexLog log : status.logs()) {
            Step s = step(log.vertex());
            String lines = s.partialLine.append(log.data());
            if (!lines.isEmpty()) {
                for (String text : lines.substring(0, lines.length() - 1).split("\n", -1)) {
                    print(s, Units.elapsed(s.started, log.timestamp()) + " " + text);
                }
            }
        }
        for (SolveStatus.VertexWarning w : status.warnings()) {
            print(step(w.vertex()), "WARNING: " + w.shortText());
        }
        for (SolveStatus.Vertex v : status.vertexes()) {
            Step s = step(v.digest());
            if (!s.finished && (v.cached() || !v.error().isEmpty() || v.completed() != null)) {
                s.finished = true;
                s.finishedAtNanos = System.nanoTime();
                pendingEnds.put(v.digest(), v);
            }
        }
        out.flush();
    }

    @Override
    public synchronized void onFinish(Throwable error) {
        printPendingEnds(true);
        // Sub-tasks whose completion never came are shown as they last were.
        for (Step s : steps.values()) {
            for (SolveStatus.VertexStatus st : List.copyOf(s.openStatuses.values())) {
                printStatus(s, st, st.timestamp());
            }
        }
        out.flush();
    }

    private void onSubTask(SolveStatus.VertexStatus st) {
        Step s = step(st.vertex());
        if (s.doneStatuses.contains(st.id())) {
            return;
        }
        if (st.completed() == null) {
            s.openStatuses.put(st.id(), st);
        } else {
            printStatus(s, st, st.completed());
        }
    }

    /**
     * Prints the ends of finished steps. One whose sub-tasks have not all reported completion waits,
     * for at most a second or until {@code force}, so that their lines (with the final sizes, which
     * only the completions carry) come before its end, as Buildx and buildctl print them. Past that,
     * a late completion is printed after the end rather than a sub-task with a size it never had.
     */
    private void printPendingEnds(boolean force) {
        for (java.util.Iterator<SolveStatus.Vertex> it = pendingEnds.values().iterator(); it.hasNext();) {
            SolveStatus.Vertex v = it.next();
            Step s = step(v.digest());
            if (!force && !v.cached() && !s.openStatuses.isEmpty()
                    && System.nanoTime() - s.finishedAtNanos < SUB_TASK_GRACE_NANOS) {
                continue;
            }
            it.remove();
            if (v.cached()) {
                print(s, "CACHED");
                continue;
            }
            if (!s.partialLine.isEmpty()) {
                print(s, Units.elapsed(s.started, v.completed()) + " " + s.partialLine.drain());
            }
            print(s, v.error().isEmpty() ? "DONE " + Units.seconds(s.started, v.completed()) : "ERROR: " + v.error());
        }
    }

    private void printStatus(Step s, SolveStatus.VertexStatus st, Instant end) {
        s.doneStatuses.add(st.id());
        s.openStatuses.remove(st.id());
        StringBuilder sb = new StringBuilder(st.id());
        if (st.total() > 0) {
            sb.append(' ').append(Units.humanSize(st.current())).append(" / ").append(Units.humanSize(st.total()));
        } else if (st.current() > 0) {
            sb.append(' ').append(Units.humanSize(st.current()));
        }
        sb.append(' ').append(Units.seconds(st.started(), end)).append(" done");
        print(s, sb.toString());
    }

    private Step step(String digest) {
        return steps.computeIfAbsent(digest, d -> new Step());
    }

    /** Makes {@code s} the step being printed, (re)printing its header if another step printed since. */
    private void focus(Step s) {
        if (s == current) {
            return;
        }
        if (s.number == 0) {
            s.number = ++lastNumber;
        }
        if (current != null) {
            out.println();
        }
        current = s;
        out.println(masker.mask("#" + s.number + " " + s.name));
    }

    private void print(Step s, String text) {
        focus(s);
        out.println(masker.mask("#" + s.number + " " + text));
    }
}
