package io.jenkins.plugins.buildkit.build;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A build secret: an id the Dockerfile mounts ({@code RUN --mount=type=secret,id=...}) and where its
 * value comes from: given bytes, a file, or an environment variable. {@link #toString()} never shows
 * the value.
 */
public final class SecretSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final byte[] value;
    private final String file;
    private final String env;

    private SecretSource(String id, byte[] value, String file, String env) {
        this.id = id;
        this.value = value;
        this.file = file;
        this.env = env;
    }

    public static SecretSource ofValue(String id, byte[] value) {
        return new SecretSource(id, value.clone(), null, null);
    }

    public static SecretSource ofFile(String id, String file) {
        return new SecretSource(id, null, file, null);
    }

    public static SecretSource ofEnv(String id, String variable) {
        return new SecretSource(id, null, null, variable);
    }

    /**
     * Buildx's {@code --secret} syntax: {@code id=name,src=path}, {@code id=name,env=VAR}, or
     * {@code id=name} alone (the environment variable of that name, else the file of that name).
     */
    public static SecretSource parse(String text) {
        Map<String, String> f = KeyValueList.parse(text, null);
        String id = f.get("id");
        String src = f.containsKey("src") ? f.get("src") : f.get("source");
        String env = f.get("env");
        String type = f.get("type");
        if (id == null || id.isBlank()) {
            if (src == null && env == null) {
                throw new IllegalArgumentException("secret \"" + text + "\" needs id=");
            }
            id = src != null ? Path.of(src).getFileName().toString() : env;
        }
        if ("env".equals(type) && env == null) {
            env = src != null ? src : id;
            src = null;
        }
        if (src != null) {
            return ofFile(id, src);
        }
        if (env != null) {
            return ofEnv(id, env);
        }
        return System.getenv(id) != null ? ofEnv(id, id) : ofFile(id, id);
    }

    public String id() {
        return id;
    }

    /** Checks the source can be read; returns a problem text, or null. */
    String problem() {
        if (id.isBlank()) {
            return "secrets: empty secret id";
        }
        if (file != null && !Files.isRegularFile(Path.of(file))) {
            return "secrets: file for secret \"" + id + "\" not found: " + file;
        }
        if (env != null && System.getenv(env) == null) {
            return "secrets: environment variable \"" + env + "\" for secret \"" + id + "\" is not set";
        }
        return null;
    }

    /** The secret's bytes, read from its source now. */
    public byte[] value() throws IOException {
        if (value != null) {
            return value.clone();
        }
        if (file != null) {
            return Files.readAllBytes(Path.of(file));
        }
        String v = System.getenv(env);
        return v == null ? new byte[0] : v.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "secret " + id + (file != null ? " from file " + file : env != null ? " from env " + env : "");
    }
}
