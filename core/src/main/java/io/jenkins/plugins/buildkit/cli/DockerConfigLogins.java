package io.jenkins.plugins.buildkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The registry logins of {@code docker login}, read from Docker's {@code config.json} as Buildx reads
 * them: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. An {@code auths}
 * entry holds {@code auth} (base64 of {@code user:password}) or {@code username} and
 * {@code password}; a registry kept by a credential helper ({@code credHelpers}, or {@code credsStore}
 * for all) is asked through {@code docker-credential-NAME get}, for the registries the build names.
 */
final class DockerConfigLogins {
    private static final long HELPER_TIMEOUT_SECONDS = 10;

    private final Map<String, RegistryCredential> auths = new LinkedHashMap<>();
    private final Map<String, String> helpers = new LinkedHashMap<>();
    private String defaultHelper;

    private DockerConfigLogins() {
    }

    /** Logins by {@link RegistryCredential#hostKey}; empty when there is no config file. */
    static Map<String, RegistryCredential> read(Map<String, String> env, Collection<String> registriesInUse) throws IOException {
        Path dir = env.get("DOCKER_CONFIG") != null ? Path.of(env.get("DOCKER_CONFIG"))
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        DockerConfigLogins config = new DockerConfigLogins();
        try (JsonParser json = new JsonFactory().createParser(file.toFile())) {
            config.parse(json);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the registry logins in " + file + ": " + e.getMessage(), e);
        }
        Map<String, RegistryCredential> logins = new LinkedHashMap<>(config.auths);
        for (String registry : registriesInUse) {
            String host = RegistryCredential.hostKey(registry);
            String helper = config.helpers.getOrDefault(host, config.defaultHelper);
            if (helper != null && !logins.containsKey(host)) {
                RegistryCredential fromHelper = askHelper(helper, host);
                if (fromHelper != null) {
                    logins.put(host, fromHelper);
                }
            }
        }
        return logins;
    }

    private void parse(JsonParser json) throws IOException {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not a JSON object");
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "auths" -> {
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String registry = json.currentName();
                        json.nextToken();
                        RegistryCredential login = login(readStrings(json));
                        if (login != null) {
                            auths.put(RegistryCredential.hostKey(registry), login);
                        }
                    }
                }
                case "credHelpers" -> readStrings(json).forEach((registry, name) -> helpers.put(RegistryCredential.hostKey(registry), name));
                case "credsStore" -> defaultHelper = json.getValueAsString();
                default -> json.skipChildren();
            }
        }
    }

    /** The string fields of the object the parser stands on; nested values are skipped. */
    private static Map<String, String> readStrings(JsonParser json) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return fields;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_STRING) {
                fields.put(name, json.getText());
            } else {
                json.skipChildren();
            }
        }
        return fields;
    }

    private static RegistryCredential login(Map<String, String> entry) {
        String auth = entry.get("auth");
        if (auth != null && !auth.isEmpty()) {
            String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                return new RegistryCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
            }
        }
        if (entry.get("username") != null && entry.get("password") != null) {
            return new RegistryCredential(entry.get("username"), entry.get("password"));
        }
        return null;
    }

    /** Asks {@code docker-credential-NAME} for a registry's login; null when it has none. */
    private static RegistryCredential askHelper(String helper, String host) throws IOException {
        String serverUrl = host.equals("docker.io") ? "https://index.docker.io/v1/" : host;
        Process p;
        try {
            p = new ProcessBuilder("docker-credential-" + helper, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("the Docker credential helper docker-credential-" + helper
                    + " named in config.json cannot be run: " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(serverUrl.getBytes(StandardCharsets.UTF_8));
        }
        try {
            // Its answer is a few hundred bytes, which the pipe holds until the helper has exited.
            if (!p.waitFor(HELPER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("docker-credential-" + helper + " did not answer within " + HELPER_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking docker-credential-" + helper, e);
        }
        byte[] answer;
        try (InputStream out = p.getInputStream()) {
            answer = out.readAllBytes();
        }
        if (p.exitValue() != 0) {
            return null; // "credentials not found": the build goes on anonymously, as with Buildx
        }
        try (JsonParser json = new JsonFactory().createParser(new ByteArrayInputStream(answer))) {
            json.nextToken();
            Map<String, String> fields = readStrings(json);
            return fields.get("Secret") == null ? null : new RegistryCredential(fields.getOrDefault("Username", ""), fields.get("Secret"));
        }
    }
}
