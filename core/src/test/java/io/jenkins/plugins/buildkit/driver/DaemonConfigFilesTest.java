package io.jenkins.plugins.buildkit.driver;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DaemonConfigFilesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file(String name, String content) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
        return p;
    }

    @Test
    public void registryFilesAreReadAndTheirPathsRewrittenTheRestKeptAsWritten() throws Exception {
        Path ca = file("ca.pem", "CA");
        Path other = file("other/ca.pem", "OTHER CA");
        Path key = file("client-key.pem", "KEY");
        Path cert = file("client.pem", "CERT");
        String toml = "debug = true\n"
                + "[worker.oci]\n  gc = false # a comment [with brackets]\n"
                + "[registry.\"reg.example:5000\"]\n"
                + "  mirrors = [\"mirror.example\"]\n"
                + "  ca = [\"" + ca + "\", '" + other + "']\n"
                + "  [[registry.\"reg.example:5000\".keypair]]\n"
                + "    key = \"" + key + "\"\n"
                + "    cert = \"" + cert + "\"\n"
                + "[registry.plain]\n"
                + "  ca = [\n    \"" + ca + "\",\n  ]\n"
                + "  keypair = [{ key = \"" + key + "\", cert = \"" + cert + "\" }]\n"
                + "[history]\n  maxAge = 3600\n";
        DaemonConfigFiles config = DaemonConfigFiles.read(toml);
        assertEquals("debug = true\n"
                + "[worker.oci]\n  gc = false # a comment [with brackets]\n"
                + "[registry.\"reg.example:5000\"]\n"
                + "  mirrors = [\"mirror.example\"]\n"
                + "  ca = [\"/etc/buildkit/certs/reg.example_5000/ca.pem\", \"/etc/buildkit/certs/reg.example_5000/2-ca.pem\"]\n"
                + "  [[registry.\"reg.example:5000\".keypair]]\n"
                + "    key = \"/etc/buildkit/certs/reg.example_5000/client-key.pem\"\n"
                + "    cert = \"/etc/buildkit/certs/reg.example_5000/client.pem\"\n"
                + "[registry.plain]\n"
                // a file named twice is placed once
                + "  ca = [\n    \"/etc/buildkit/certs/reg.example_5000/ca.pem\",\n  ]\n"
                + "  keypair = [{ key = \"/etc/buildkit/certs/reg.example_5000/client-key.pem\","
                + " cert = \"/etc/buildkit/certs/reg.example_5000/client.pem\" }]\n"
                + "[history]\n  maxAge = 3600\n", config.toml());
        assertEquals(Set.of("certs/reg.example_5000/ca.pem", "certs/reg.example_5000/2-ca.pem",
                "certs/reg.example_5000/client-key.pem", "certs/reg.example_5000/client.pem"), config.files().keySet());
        assertArrayEquals("OTHER CA".getBytes(StandardCharsets.UTF_8), config.files().get("certs/reg.example_5000/2-ca.pem"));
        assertEquals(Set.of("certs/reg.example_5000/client-key.pem"), config.keys());
    }

    @Test
    public void noTomlNoFiles() {
        DaemonConfigFiles none = DaemonConfigFiles.read(null);
        assertNull(none.toml());
        assertEquals(0, none.files().size());
        assertEquals("[registry.\"x\"]\n  http = true\n", DaemonConfigFiles.read("[registry.\"x\"]\n  http = true\n").toml());
    }

    @Test
    public void aRelativeOrMissingPathIsRefusedNamingTheRegistryAndThePath() {
        InvalidRequestException relative = assertThrows(InvalidRequestException.class,
                () -> DaemonConfigFiles.read("[registry.\"r:1\"]\n  ca = [\"certs/ca.pem\"]\n"));
        assertEquals("buildkitdConfig", relative.problems().get(0).field());
        assertThat(relative.getMessage(), containsString("registry \"r:1\": ca \"certs/ca.pem\" is not an absolute path"));
        String missing = tmp.getRoot().toPath().resolve("nope.pem").toString();
        assertThat(assertThrows(InvalidRequestException.class,
                () -> DaemonConfigFiles.read("[[registry.\"r:1\".keypair]]\n  key = \"" + missing + "\"\n")).getMessage(),
                containsString("registry \"r:1\": key \"" + missing + "\" cannot be read on the machine that runs the build: NoSuchFileException"));
    }
}
