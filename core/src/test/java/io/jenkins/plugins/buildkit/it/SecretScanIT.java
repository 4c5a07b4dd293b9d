package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Builds through the CLI with a secret (one printed whole, and cut in two across log chunks), a
 * multi-line secret, an SSH key and a TLS client key, in every progress mode, succeeding and
 * failing; then looks for every one of them in everything the user sees or keeps: stdout, stderr
 * (progress, the ERROR line), rawjson's base64 log data, the metadata file and the iidfile.
 */
public class SecretScanIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private final String secret = "scan-secret-" + System.nanoTime() + "-value";
    private final String multiLine = "first line of the secret " + System.nanoTime() + "\nsecond line, also secret\nthird line of it";
    private Path secretFile;
    private Path multiLineFile;

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        secretFile = tmp.newFile("secret").toPath();
        Files.writeString(secretFile, secret);
        multiLineFile = tmp.newFile("multi").toPath();
        Files.writeString(multiLineFile, multiLine);
    }

    /** Everything that must never show: each secret whole, and each line of the multi-line ones. */
    private List<String> forbidden() throws Exception {
        List<String> values = new ArrayList<>(List.of(secret));
        for (String text : List.of(multiLine, Files.readString(Path.of(System.getenv("BUILDKIT_TEST_SSH_KEY"))),
                env.pem("client-key.pem"))) {
            for (String line : text.split("\n")) {
                // PEM armour lines are not secret; the base64 body is.
                if (line.strip().length() >= 8 && !line.startsWith("-----")) {
                    values.add(line.strip());
                }
            }
        }
        return values;
    }

    private Path context(boolean fail) throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n"
                + "RUN --mount=type=secret,id=tok --mount=type=secret,id=multi --mount=type=ssh "
                // whole; then cut in two, a second apart, so the daemon sends the halves in two chunks
                + "cat /run/secrets/tok && echo && head -c 9 /run/secrets/tok && sleep 1 && tail -c +10 /run/secrets/tok && echo"
                + " && cat /run/secrets/multi && echo && cat /run/secrets/tok >&2"
                + (fail ? " && exit 3" : "") + "\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        return ctx;
    }

    @Test
    public void noSecretReachesWhatTheUserSeesOrKeepsInAnyProgressMode() throws Exception {
        int runs = 0;
        for (String progress : List.of("plain", "rawjson", "quiet")) {
            for (boolean fail : List.of(false, true)) {
                Path metadata = tmp.getRoot().toPath().resolve("metadata-" + progress + fail + ".json");
                Path iid = tmp.getRoot().toPath().resolve("iid-" + progress + fail);
                Path out = tmp.newFile().toPath();
                Path err = tmp.newFile().toPath();
                List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                        System.getProperty("buildkit.cli.jar", "target/buildkit-cli.jar"), "build", "--no-cache",
                        "--builder", "remote:" + env.address, "--tlscacert", env.certs.resolve("ca.pem").toString(),
                        "--tlscert", env.certs.resolve("client.pem").toString(), "--tlskey", env.certs.resolve("client-key.pem").toString(),
                        "--secret", "id=tok,src=" + secretFile, "--secret", "id=multi,src=" + multiLineFile,
                        "--ssh", "default=" + System.getenv("BUILDKIT_TEST_SSH_KEY"),
                        "--progress", progress, "--metadata-file", metadata.toString(), "--iidfile", iid.toString(),
                        "-o", "type=oci,dest=" + tmp.getRoot().toPath().resolve("image-" + progress + fail + ".tar"),
                        context(fail).toString()));
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                assertTrue("the CLI finished", p.waitFor(120, TimeUnit.SECONDS));
                String stdout = Files.readString(out, StandardCharsets.UTF_8);
                String stderr = Files.readString(err, StandardCharsets.UTF_8);
                String where = progress + (fail ? ", failing" : ", succeeding");
                assertEquals(where + ":\n" + stderr, fail ? 1 : 0, p.exitValue());
                List<String> seen = new ArrayList<>(List.of(stdout, stderr, RawJsonLogs.decoded(stderr)));
                for (Path kept : List.of(metadata, iid)) {
                    if (Files.exists(kept)) {
                        seen.add(Files.readString(kept));
                    }
                }
                for (String text : seen) {
                    for (String value : forbidden()) {
                        assertTrue(where + ": \"" + value + "\" shows in:\n" + text, !text.contains(value));
                    }
                }
                if (!progress.equals("quiet")) {
                    // the step did print them: masked
                    assertThat(where, progress.equals("rawjson") ? RawJsonLogs.decoded(stderr) : stderr, containsString("****"));
                }
                runs++;
            }
        }
        assertEquals(6, runs);
    }
}
