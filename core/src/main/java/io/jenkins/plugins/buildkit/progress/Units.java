package io.jenkins.plugins.buildkit.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Number formats of Buildx's plain output: decimal sizes ({@code 1.23MB}) and seconds ({@code 0.3s}). */
final class Units {
    private static final String[] SIZE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

    private Units() {
    }

    /** Whole bytes below 1 kB, else two decimals of a decimal unit: {@code 35B}, {@code 1.98MB}. */
    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        double v = bytes;
        int unit = 0;
        while (v >= 1000 && unit < SIZE_UNITS.length - 1) {
            v /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f", v) + SIZE_UNITS[unit];
    }

    static String seconds(Instant from, Instant to) {
        if (from == null || to == null) {
            return "0.0s";
        }
        double s = Duration.between(from, to).toMillis() / 1000.0;
        return String.format(Locale.ROOT, "%.1fs", Math.max(0, s));
    }

    static String elapsed(Instant from, Instant at) {
        if (from == null || at == null) {
            return "0.000";
        }
        double s = Duration.between(from, at).toNanos() / 1e9;
        return String.format(Locale.ROOT, "%.3f", Math.max(0, s));
    }
}
