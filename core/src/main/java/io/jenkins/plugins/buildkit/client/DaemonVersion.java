package io.jenkins.plugins.buildkit.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A BuildKit release number as the daemon reports it ({@code v0.13.2}, {@code 0.8.3-docker}). */
record DaemonVersion(int major, int minor, boolean known) {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+).*");

    static DaemonVersion parse(String text) {
        Matcher m = VERSION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return new DaemonVersion(0, 0, false);
        }
        return new DaemonVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), true);
    }

    boolean atLeast(int wantMajor, int wantMinor) {
        return known && (major > wantMajor || (major == wantMajor && minor >= wantMinor));
    }
}
