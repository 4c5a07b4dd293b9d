package io.jenkins.plugins.buildkit.client;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Credential material resolved on the controller and carried to the agent: bytes (a secret file may
 * be binary) that never print. Built from the credential's own {@code Secret} or content.
 */
public final class SecretValue implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] value;

    private SecretValue(byte[] value) {
        this.value = value.clone();
    }

    public static SecretValue of(byte[] value) {
        return new SecretValue(value);
    }

    public static SecretValue of(String value) {
        return new SecretValue(value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return value.clone();
    }

    public String text() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue s && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "****";
    }
}
