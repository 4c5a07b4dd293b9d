package io.jenkins.plugins.buildkit.build;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys for SSH forwarding under one id ({@code RUN --mount=type=ssh,id=...}; {@code default} when
 * the Dockerfile names none): private keys as text, or files named as in {@code docker buildx build
 * --ssh id=path[,path]}. {@link #toString()} never shows a key.
 */
public final class SshSource implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final List<String> keys;
    private final List<String> files;
    private final String passphrase;
    /** The keys once read: validation reads them, and the session serves what it read. */
    private transient volatile List<java.security.KeyPair> keyPairs;

    private SshSource(String id, List<String> keys, List<String> files, String passphrase) {
        this.id = id;
        this.keys = List.copyOf(keys);
        this.files = List.copyOf(files);
        this.passphrase = passphrase;
    }

    public static SshSource ofKey(String id, String privateKey, String passphrase) {
        return ofKeys(id, List.of(privateKey), passphrase);
    }

    /** Several keys under one id, as an SSH credential may hold them; one passphrase opens them all. */
    public static SshSource ofKeys(String id, List<String> privateKeys, String passphrase) {
        return new SshSource(id, privateKeys, List.of(), passphrase);
    }

    /** {@code id=path[,path...]}; a bare id would mean the local agent socket, which we do not use. */
    public static SshSource parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("ssh \"" + text + "\" needs id=KEYFILE[,KEYFILE] (no ssh-agent socket is used)");
        }
        List<String> files = new ArrayList<>();
        for (String f : text.substring(eq + 1).split(",")) {
            if (!f.isBlank()) {
                files.add(f.trim());
            }
        }
        return new SshSource(text.substring(0, eq).trim(), List.of(), files, null);
    }

    public String id() {
        return id;
    }

    public String passphrase() {
        return passphrase;
    }

    String problem() {
        if (id.isBlank()) {
            return "ssh: empty id";
        }
        for (String f : files) {
            if (!Files.isRegularFile(Path.of(f))) {
                return "ssh: key file for \"" + id + "\" not found: " + f;
            }
        }
        // Read the keys now: a file that holds no key fails before any work.
        try {
            keyPairs();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        } catch (java.io.IOException e) {
            return "ssh: cannot read the key files for \"" + id + "\": " + e.getMessage();
        }
        return null;
    }

    /**
     * The keys, read (files included) and decrypted on the first call.
     *
     * @throws IllegalArgumentException naming the id when a key cannot be read
     */
    public List<java.security.KeyPair> keyPairs() throws IOException {
        List<java.security.KeyPair> read = keyPairs;
        if (read == null) {
            read = io.jenkins.plugins.buildkit.client.BuildSession.readSshKeys(id, privateKeys(), passphrase);
            keyPairs = read;
        }
        return read;
    }

    /** The private keys' text, files read now. */
    public List<String> privateKeys() throws IOException {
        List<String> out = new ArrayList<>(keys);
        for (String f : files) {
            out.add(Files.readString(Path.of(f), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public String toString() {
        return "ssh " + id + (files.isEmpty() ? "" : " from " + String.join(",", files));
    }
}
