package io.jenkins.plugins.buildkit.client;

import java.io.Serializable;
import java.util.Locale;

/** A username and password (or token) for one registry host; {@link #toString()} never shows the secret. */
public final class RegistryCredential implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String username;
    private final String secret;

    public RegistryCredential(String username, String secret) {
        this.username = username == null ? "" : username;
        this.secret = secret == null ? "" : secret;
    }

    public String username() {
        return username;
    }

    public String secret() {
        return secret;
    }

    /**
     * The key under which credentials for a registry are looked up: lower-case host[:port], with the
     * many spellings of Docker Hub folded into {@code docker.io}.
     */
    public static String hostKey(String registry) {
        String h = registry.trim().toLowerCase(Locale.ROOT);
        int scheme = h.indexOf("://");
        if (scheme >= 0) {
            h = h.substring(scheme + 3);
        }
        int slash = h.indexOf('/');
        if (slash >= 0) {
            h = h.substring(0, slash);
        }
        if (h.equals("index.docker.io") || h.equals("registry-1.docker.io")) {
            return "docker.io";
        }
        return h;
    }

    /**
     * The registry of an image reference, as {@link #hostKey} names it: its first path component when
     * that looks like a host (a dot, a port, or {@code localhost}), else Docker Hub.
     */
    public static String registryOf(String imageReference) {
        int slash = imageReference.indexOf('/');
        String first = slash < 0 ? "" : imageReference.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? hostKey(first) : "docker.io";
    }

    @Override
    public String toString() {
        return "RegistryCredential[" + username + ", ****]";
    }
}
