package io.jenkins.plugins.buildkit.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.client.RegistryCredential;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DockerConfigLoginsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Map<String, String> dockerConfig(String json) throws Exception {
        Path dir = tmp.newFolder().toPath();
        Files.writeString(dir.resolve("config.json"), json);
        return Map.of("DOCKER_CONFIG", dir.toString());
    }

    @Test
    public void authsEntriesBecomeLoginsByHost() throws Exception {
        String auth = Base64.getEncoder().encodeToString("ci:pa:ss".getBytes(StandardCharsets.UTF_8));
        Map<String, RegistryCredential> logins = DockerConfigLogins.read(dockerConfig("{\"auths\": {"
                + "\"https://index.docker.io/v1/\": {\"auth\": \"" + auth + "\"},"
                + "\"registry.example.com:5000\": {\"username\": \"robot\", \"password\": \"tok\"},"
                + "\"ghcr.io\": {\"identitytoken\": \"ignored\"}},"
                + "\"HttpHeaders\": {\"User-Agent\": \"x\"}, \"psFormat\": \"table\"}"), List.of());
        assertEquals(2, logins.size());
        assertEquals("ci", logins.get("docker.io").username());
        assertEquals("pa:ss", logins.get("docker.io").secret());
        assertEquals("tok", logins.get("registry.example.com:5000").secret());
    }

    @Test
    public void noConfigFileMeansNoLogins() throws Exception {
        assertEquals(Map.of(), DockerConfigLogins.read(Map.of("DOCKER_CONFIG", tmp.newFolder().toString()), List.of("docker.io")));
    }

    @Test
    public void aBrokenConfigFileIsNamed() throws Exception {
        Map<String, String> env = dockerConfig("{\"auths\": ");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerConfigLogins.read(env, List.of()));
        assertTrue(e.getMessage(), e.getMessage().startsWith("cannot read the registry logins in " + env.get("DOCKER_CONFIG") + "/config.json"));
    }

    /** A credential helper on PATH, as docker-credential-pass or -secretservice are; asked only for registries in use. */
    @Test
    public void aCredentialHelperIsAskedForTheRegistriesInUse() throws Exception {
        String name = "buildkit-test-" + System.nanoTime();
        Path helper = Path.of("/usr/local/bin/docker-credential-" + name);
        Path asked = tmp.newFile().toPath();
        Files.writeString(helper, "#!/bin/sh\nread server\necho \"$server\" >> " + asked + "\n"
                + "case \"$server\" in registry.example.com) echo '{\"ServerURL\":\"registry.example.com\",\"Username\":\"u\",\"Secret\":\"s3\"}';;"
                + " *) echo 'credentials not found in native keychain'; exit 1;; esac\n");
        helper.toFile().setExecutable(true);
        try {
            Map<String, RegistryCredential> logins = DockerConfigLogins.read(dockerConfig("{\"credsStore\": \"" + name + "\"}"),
                    List.of("registry.example.com", "other.example.com"));
            assertEquals(1, logins.size());
            assertEquals("s3", logins.get("registry.example.com").secret());
            assertEquals(List.of("registry.example.com", "other.example.com"), Files.readAllLines(asked));
        } finally {
            Files.deleteIfExists(helper);
        }
    }
}
