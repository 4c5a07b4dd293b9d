package io.jenkins.plugins.buildkit.fs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;

/** Helpers for the {@code /}-separated relative paths that travel on the wire. */
public final class PathNames {

    /** Byte-wise order of UTF-8 names, as Go sorts directory entries. */
    public static final Comparator<String> UTF8_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(x.length, y.length);
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    };

    private PathNames() {
    }

    /** Lexical clean as Go's {@code path.Clean}: collapses {@code //}, {@code .} and {@code ..}. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /**
     * Cleans a relative path received from the daemon and refuses one that is absolute or climbs
     * out of its root.
     */
    public static String requireContained(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("refusing path outside the destination: \"" + path + "\"");
        }
        String cleaned = clean(path);
        if (cleaned.equals(".") || cleaned.equals("..") || cleaned.startsWith("../")) {
            throw new IllegalArgumentException("refusing path outside the destination: \"" + path + "\"");
        }
        return cleaned;
    }
}
