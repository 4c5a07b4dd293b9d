package io.jenkins.plugins.buildkit.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value syntaxes of Buildx's smaller build flags ({@code --build-context}, {@code --annotation},
 * {@code --add-host}, {@code --ulimit}, {@code --shm-size}, {@code --allow}) and the forms BuildKit
 * takes them in.
 */
final class BuildFlags {
    private BuildFlags() {
    }

    private static final Pattern ANNOTATION_TYPE = Pattern.compile("(index|index-descriptor|manifest|manifest-descriptor)(?:\\[([A-Za-z0-9_/-]+)])?");

    /** Exporter attributes of one {@code --annotation}, as Buildx names them: {@code annotation[-TYPE[PLATFORM]].KEY}. */
    static Map<String, String> annotationAttrs(String annotation) {
        int eq = annotation == null ? -1 : annotation.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("\"" + annotation + "\" is not [TYPE:]KEY=VALUE");
        }
        String left = annotation.substring(0, eq);
        String value = annotation.substring(eq + 1);
        int colon = left.indexOf(':');
        Map<String, String> attrs = new java.util.LinkedHashMap<>();
        if (colon < 0) {
            attrs.put("annotation." + left, value);
            return attrs;
        }
        String key = left.substring(colon + 1);
        for (String type : left.substring(0, colon).split(",")) {
            Matcher m = ANNOTATION_TYPE.matcher(type.trim());
            if (!m.matches()) {
                throw new IllegalArgumentException("\"" + annotation + "\": unknown annotation type \"" + type
                        + "\" (expected index, index-descriptor, manifest[PLATFORM] or manifest-descriptor[PLATFORM])");
            }
            if (m.group(2) != null && m.group(1).startsWith("index")) {
                throw new IllegalArgumentException("\"" + annotation + "\": an index annotation takes no platform");
            }
            attrs.put("annotation-" + m.group(1) + (m.group(2) == null ? "" : "[" + m.group(2) + "]") + "." + key, value);
        }
        return attrs;
    }

    static final List<String> ULIMIT_NAMES = List.of("core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue", "nice",
            "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
    private static final Pattern ULIMIT = Pattern.compile("([a-z]+)=(-?\\d+)(?::(-?\\d+))?");

    /** {@code NAME=SOFT[:HARD]} as BuildKit takes it, {@code NAME=SOFT:HARD}, or null. */
    static String ulimitEntry(String u) {
        Matcher m = u == null ? null : ULIMIT.matcher(u.trim());
        if (m == null || !m.matches() || !ULIMIT_NAMES.contains(m.group(1))) {
            return null;
        }
        return m.group(1) + "=" + m.group(2) + ":" + (m.group(3) == null ? m.group(2) : m.group(3));
    }

    static final List<String> ENTITLEMENTS = List.of("network.host", "security.insecure");
    private static final Pattern CONTEXT_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.:/-]*");

    /** One {@code --build-context NAME=VALUE}: an image, a stage, a URL, or a directory the session serves. */
    record NamedContext(String name, String value) implements java.io.Serializable {
        static NamedContext parse(String c) {
            int eq = c == null ? -1 : c.indexOf('=');
            if (eq <= 0 || eq == c.length() - 1) {
                throw new IllegalArgumentException("\"" + c + "\" is not NAME=VALUE");
            }
            NamedContext parsed = new NamedContext(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
            if (!CONTEXT_NAME.matcher(parsed.name).matches()) {
                throw new IllegalArgumentException("invalid name \"" + parsed.name + "\"");
            }
            if (parsed.value.startsWith("oci-layout://")) {
                throw new IllegalArgumentException("\"" + parsed.value + "\": oci-layout:// contexts are not supported yet");
            }
            return parsed;
        }

        /** Whether the daemon fetches it by reference, rather than the session serving a directory. */
        boolean remote() {
            return value.startsWith("docker-image://") || value.startsWith("target:") || value.startsWith("https://")
                    || value.startsWith("http://") || value.startsWith("git@") || value.startsWith("git://");
        }

        /** Why the context cannot be used from {@code spec}'s working directory, or null. */
        String problem(BuildSpec spec) {
            if (remote() || Files.isDirectory(spec.resolve(value))) {
                return null;
            }
            return "\"" + name + "\": " + (Files.exists(spec.resolve(value)) ? "not a directory: " : "directory not found: ") + value;
        }
    }

    /** {@code HOST:IP} or {@code HOST=IP} as BuildKit's {@code HOST=IP}, or null when it is neither. */
    static String hostEntry(String h) {
        if (h == null) {
            return null;
        }
        int sep = h.indexOf('=') > 0 ? h.indexOf('=') : h.indexOf(':');
        if (sep <= 0 || sep == h.length() - 1) {
            return null;
        }
        return h.substring(0, sep).trim() + "=" + h.substring(sep + 1).trim();
    }
}
