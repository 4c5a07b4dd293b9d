package io.jenkins.plugins.buildkit.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A compact picture of one solve, made on the agent from the progress events and kept in build.xml:
 * each step's name, when it started and how long it took relative to the first step, how it ended,
 * and its last few log lines, masked. Plain fields and no records, so that XStream restores it.
 */
public final class BuildTimeline implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a step ended, as the timeline colours it. */
    public enum State {
        /** Taken from the cache without running. */
        CACHED,
        /** Ran and completed. */
        RUN,
        /** Failed with an error of its own. */
        ERROR,
        /** Stopped because another step failed or the build was aborted, or never reported an end. */
        CANCELLED
    }

    /** One vertex of the solve. */
    public static final class Step implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String name;
        private final State state;
        private final long startMillis;
        private final long durationMillis;
        private final String error;
        private final List<String> lastLines;

        public Step(String name, State state, long startMillis, long durationMillis, String error, List<String> lastLines) {
            this.name = name;
            this.state = state;
            this.startMillis = startMillis;
            this.durationMillis = durationMillis;
            this.error = error;
            this.lastLines = new ArrayList<>(lastLines);
        }

        public String getName() {
            return name;
        }

        public State getState() {
            return state;
        }

        /** Milliseconds after the first step started. */
        public long getStartMillis() {
            return startMillis;
        }

        public long getDurationMillis() {
            return durationMillis;
        }

        /** The step's error, masked; null when it has none. */
        public String getError() {
            return error;
        }

        public List<String> getLastLines() {
            return Collections.unmodifiableList(lastLines);
        }
    }

    private final long startedAtEpochMillis;
    private final List<Step> steps;
    private final int omittedSteps;
    private final long contextBytes;

    public BuildTimeline(long startedAtEpochMillis, List<Step> steps, int omittedSteps, long contextBytes) {
        this.startedAtEpochMillis = startedAtEpochMillis;
        this.steps = new ArrayList<>(steps);
        this.omittedSteps = omittedSteps;
        this.contextBytes = contextBytes;
    }

    public long getStartedAtEpochMillis() {
        return startedAtEpochMillis;
    }

    public List<Step> getSteps() {
        return Collections.unmodifiableList(steps);
    }

    /** Steps beyond the bound that were counted but not kept. */
    public int getOmittedSteps() {
        return omittedSteps;
    }

    /** Bytes of build context (all local contexts) sent to the daemon. */
    public long getContextBytes() {
        return contextBytes;
    }

    /** From the first step's start to the last step's end. */
    public long getSpanMillis() {
        long end = 0;
        for (Step s : steps) {
            end = Math.max(end, s.startMillis + s.durationMillis);
        }
        return end;
    }

    /** "0.25 s", "12.3 s", "1 min 23 s": a duration as the build page writes it. */
    public static String describeDuration(long millis) {
        if (millis < 60_000) {
            return millis < 1000 ? String.format(java.util.Locale.ROOT, "%.2f s", millis / 1000.0)
                    : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long s = millis / 1000;
        return s / 60 + " min " + s % 60 + " s";
    }

    public long count(State state) {
        return steps.stream().filter(s -> s.state == state).count();
    }
}
