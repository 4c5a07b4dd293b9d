package io.jenkins.plugins.buildkit.build;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Buildx takes them ({@code until=24h}, Go's {@code time.ParseDuration} units h, m, s): 90s, 30m, 1h30m. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+)(h|m|s)");

    private GoDuration() {
    }

    /** The duration, or null when the text is not one. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        Matcher m = PART.matcher(t);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(m.group(2).equals("h") ? Duration.ofHours(n) : m.group(2).equals("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n));
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            return null;
        }
        return d;
    }
}
