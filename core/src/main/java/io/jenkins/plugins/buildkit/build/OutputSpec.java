package io.jenkins.plugins.buildkit.build;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@code --output} in Buildx syntax: {@code type=image,name=...,push=true}, {@code type=local,dest=dir},
 * {@code type=tar,dest=file}, {@code type=oci,dest=file}, {@code type=docker,dest=file},
 * {@code type=registry,name=...}; a bare path means {@code type=local,dest=path}.
 */
public final class OutputSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Set<String> TYPES = Set.of("image", "registry", "local", "tar", "oci", "docker", "cacheonly");
    /** {@code dest=-}: a tarball to the command line's standard output, as Buildx takes it. */
    public static final String STANDARD_OUTPUT = "-";

    private final String type;
    private final Map<String, String> attrs;

    private OutputSpec(String type, Map<String, String> attrs) {
        this.type = type;
        this.attrs = attrs;
    }

    /** @throws IllegalArgumentException naming the value and what is wrong */
    public static OutputSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty output");
        }
        String t = text.trim();
        if (!t.contains("=")) {
            return new OutputSpec("local", new LinkedHashMap<>(Map.of("dest", t)));
        }
        Map<String, String> attrs = KeyValueList.parse(t, null);
        String type = attrs.remove("type");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("output \"" + text + "\" has no type=");
        }
        type = type.trim().toLowerCase(java.util.Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown output type \"" + type + "\" in \"" + text
                    + "\" (expected one of image, registry, local, tar, oci, docker, cacheonly)");
        }
        if (type.equals("registry")) {
            // Buildx's shorthand for an image that is pushed.
            type = "image";
            attrs.put("push", "true");
        }
        if (type.equals("local") && isBlank(attrs.get("dest"))) {
            throw new IllegalArgumentException("output \"" + text + "\": type=local needs dest=<directory>");
        }
        if ((type.equals("tar") || type.equals("oci")) && isBlank(attrs.get("dest"))) {
            throw new IllegalArgumentException("output \"" + text + "\": type=" + type + " needs dest=<file>");
        }
        if (type.equals("local") && STANDARD_OUTPUT.equals(attrs.get("dest"))) {
            throw new IllegalArgumentException("output \"" + text + "\": type=local writes a directory; for a stream to standard"
                    + " output use type=tar,dest=-");
        }
        return new OutputSpec(type, attrs);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** An output a driver puts together itself, such as the Docker Engine's {@code moby} exporter. */
    public static OutputSpec of(String type, Map<String, String> attrs) {
        return new OutputSpec(type, new LinkedHashMap<>(attrs));
    }

    /** The same output with other attributes. */
    OutputSpec withAttrs(Map<String, String> newAttrs) {
        return new OutputSpec(type, new LinkedHashMap<>(newAttrs));
    }

    public String type() {
        return type;
    }

    /** Attributes other than {@code type}, in the order given. */
    public Map<String, String> attrs() {
        return attrs;
    }

    public String dest() {
        return attrs.get("dest");
    }

    public boolean isPush() {
        return "true".equalsIgnoreCase(attrs.get("push"));
    }

    /** An output that travels back to us through the session rather than staying on the daemon. */
    public boolean deliversToClient() {
        return type.equals("local") || type.equals("tar") || type.equals("oci") || type.equals("docker");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("type=").append(type);
        attrs.forEach((k, v) -> sb.append(',').append(k).append('=').append(v));
        return sb.toString();
    }
}
