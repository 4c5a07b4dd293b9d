package io.jenkins.plugins.buildkit.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Malformed command lines, one per row: each exits 2 with a first line that names the flag or field
 * and the value, and none of them opens a connection to the builder (a listener that counts them).
 */
public class BadInputTableTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ServerSocket builder;
    private final AtomicInteger connections = new AtomicInteger();
    private String context;
    private String aFile;
    private String notAKey;

    @Before
    public void setUp() throws Exception {
        builder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            try {
                while (true) {
                    builder.accept().close();
                    connections.incrementAndGet();
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        accept.setDaemon(true);
        accept.start();
        Path ctx = tmp.newFolder("ctx").toPath();
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\n");
        context = ctx.toString();
        aFile = Files.writeString(tmp.newFile("a-file").toPath(), "not a directory, not a key\n").toString();
        notAKey = aFile;
    }

    @After
    public void tearDown() throws IOException {
        builder.close();
    }

    private record Row(String firstLine, String... args) {
    }

    private List<Row> table() {
        String b = "--builder=remote:tcp://127.0.0.1:" + builder.getLocalPort();
        String c = context;
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("ERROR: invalid build request: tags: invalid image name \"UPPER/Case\"", "build", b, "-t", "UPPER/Case", c));
        rows.add(new Row("ERROR: invalid build request: tags: invalid image name \"a:b:c\"", "build", b, "-t", "a:b:c", c));
        rows.add(new Row("ERROR: invalid build request: tags: image name \"", "build", b, "-t", "x/" + "y".repeat(300), c));
        rows.add(new Row("ERROR: invalid build request: tags: push=true needs at least one tag", "build", b, "--push", c));
        rows.add(new Row("ERROR: invalid build request: platforms: invalid platform \"linux\"", "build", b, "--platform", "linux", c));
        rows.add(new Row("ERROR: invalid build request: platforms: invalid platform \"linux/amd64/v8/x\"", "build", b, "--platform", "linux/amd64/v8/x", c));
        rows.add(new Row("ERROR: invalid build request: buildArgs: invalid name \"1BAD\"", "build", b, "--build-arg", "1BAD=x", c));
        rows.add(new Row("ERROR: --build-arg: \"=x\" has no name", "build", b, "--build-arg", "=x", c));
        rows.add(new Row("ERROR: --label: \"=x\" has no name", "build", b, "--label", "=x", c));
        rows.add(new Row("ERROR: invalid build request: outputs: unknown output type \"nope\"", "build", b, "-o", "type=nope", c));
        rows.add(new Row("ERROR: invalid build request: outputs: output \"type=local\": type=local needs dest=<directory>", "build", b, "-o", "type=local", c));
        rows.add(new Row("ERROR: invalid build request: outputs: \"type=local,dest=" + aFile + "\": dest is not a directory", "build", b, "-o", "type=local,dest=" + aFile, c));
        rows.add(new Row("ERROR: invalid build request: cacheTo: unknown cache type \"nope\"", "build", b, "--cache-to", "type=nope", c));
        rows.add(new Row("ERROR: invalid build request: cacheTo: cache \"type=local\": type=local needs dest=<dir>", "build", b, "--cache-to", "type=local", c));
        rows.add(new Row("ERROR: invalid build request: cacheFrom: cache \"type=registry\": type=registry needs ref=<image>", "build", b, "--cache-from", "type=registry", c));
        rows.add(new Row("ERROR: invalid build request: secrets: file for secret \"x\" not found: /missing", "build", b, "--secret", "id=x,src=/missing", c));
        rows.add(new Row("ERROR: invalid build request: secrets: secret id \"a\" given twice", "build", b, "--secret", "id=a,src=" + aFile, "--secret", "id=a,src=" + aFile, c));
        rows.add(new Row("ERROR: invalid build request: ssh: key file for \"default\" not found: /missing/key", "build", b, "--ssh", "default=/missing/key", c));
        rows.add(new Row("ERROR: invalid build request: ssh: no private key found for \"default\"", "build", b, "--ssh", "default=" + notAKey, c));
        rows.add(new Row("ERROR: invalid build request: network: \"bridge\" is not default, host or none", "build", b, "--network", "bridge", c));
        rows.add(new Row("ERROR: invalid build request: allow: unknown entitlement \"network.everything\"", "build", b, "--allow", "network.everything", c));
        rows.add(new Row("ERROR: invalid build request: addHosts: \"nohost\" is not HOST:IP", "build", b, "--add-host", "nohost", c));
        rows.add(new Row("ERROR: invalid build request: shmSize: \"lots\" is not a size such as 64m or 1g", "build", b, "--shm-size", "lots", c));
        rows.add(new Row("ERROR: invalid build request: ulimits: \"nofile\" is not NAME=SOFT[:HARD]", "build", b, "--ulimit", "nofile", c));
        rows.add(new Row("ERROR: invalid build request: ulimits: \"bogus=1\" is not NAME=SOFT[:HARD]", "build", b, "--ulimit", "bogus=1", c));
        rows.add(new Row("ERROR: invalid build request: annotations: \"noequals\" is not [TYPE:]KEY=VALUE", "build", b, "--annotation", "noequals", c));
        rows.add(new Row("ERROR: invalid build request: attestations: unknown attestation type \"unknown\"", "build", b, "--attest", "type=unknown", c));
        rows.add(new Row("ERROR: invalid build request: attestations: attestation \"type=provenance,mode=weird\": mode=\"weird\" is not min or max", "build", b, "--provenance", "mode=weird", c));
        rows.add(new Row("ERROR: invalid build request: attestations: field \"maybe\" is not key=value", "build", b, "--sbom", "maybe", c));
        rows.add(new Row("ERROR: --build-context: \"=x\" has no name", "build", b, "--build-context", "=x", c));
        rows.add(new Row("ERROR: invalid build request: buildContexts: \"name\": directory not found: /missing/dir", "build", b, "--build-context", "name=/missing/dir", c));
        rows.add(new Row("ERROR: --progress: unknown mode \"fancy\"", "build", b, "--progress", "fancy", c));
        rows.add(new Row("ERROR: --iidfile: directory not found: /missing/dir", "build", b, "--iidfile", "/missing/dir/iid", c));
        rows.add(new Row("ERROR: --metadata-file: directory not found: /missing/dir", "build", b, "--metadata-file", "/missing/dir/m.json", c));
        rows.add(new Row("ERROR: invalid build request: context: directory not found: /missing/context", "build", b, "/missing/context"));
        rows.add(new Row("ERROR: invalid build request: context: not a directory: " + aFile, "build", b, aFile));
        rows.add(new Row("ERROR: invalid build request: file: Dockerfile not found: /missing/Dockerfile", "build", b, "-f", "/missing/Dockerfile", c));
        rows.add(new Row("ERROR: --builder: unknown builder \"nonsense:x\"", "build", "--builder", "nonsense:x", c));
        rows.add(new Row("ERROR: --builder: \"kubernetes\" needs :NAME", "build", "--builder", "kubernetes", c));
        rows.add(new Row("ERROR: --tlscacert: file not found: /missing", "build", b, "--tlscacert", "/missing", c));
        rows.add(new Row("ERROR: --driver-opt: \"novalue\" is not KEY=VALUE", "build", "--builder", "container:x", "--driver-opt", "novalue", c));
        rows.add(new Row("ERROR: endpoint: \"ftp://x\" is not a Docker address", "inspect", "--builder", "docker:ftp://x"));
        rows.add(new Row("ERROR: --filter: until=\"soon\" is not a duration such as 24h or 30m", "prune", b, "--filter", "until=soon"));
        rows.add(new Row("ERROR: --reserved-space: \"lots\" is not a size such as 512mb or 10gb", "prune", b, "--keep-storage", "lots"));
        rows.add(new Row("ERROR: --max-used-space: \"much\" is not a size such as 512mb or 10gb", "prune", b, "--max-used-space", "much"));
        rows.add(new Row("Invalid value for option '--timeout': 'soon' is not an int", "du", b, "--timeout", "soon"));
        rows.add(new Row("Unknown option: '--bogus'", "rm", b, "--bogus"));
        rows.add(new Row("ERROR: --builder: unknown builder \"nonsense:x\"", "stop", "--builder", "nonsense:x"));
        return rows;
    }

    @Test
    public void everyMalformedInputIsAUsageErrorNamingItBeforeAnythingStarts() {
        List<Row> rows = table();
        assertTrue(rows.size() + " rows", rows.size() >= 40);
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int before = connections.get();
            int exit = BuildKitCli.run(row.args(), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String stderr = err.toString(StandardCharsets.UTF_8);
            String first = stderr.lines().findFirst().orElse("");
            String what = String.join(" ", row.args());
            if (exit != 2) {
                failures.add(what + ": exit " + exit + "\n" + stderr);
            } else if (!first.startsWith(row.firstLine())) {
                failures.add(what + ": first line \"" + first + "\", expected it to start with \"" + row.firstLine() + "\"");
            } else if (connections.get() != before || stderr.lines().anyMatch(l -> l.startsWith("#"))) {
                failures.add(what + ": the builder was contacted or a build started");
            }
        }
        assertEquals("rows that failed:\n" + String.join("\n", failures), 0, failures.size());
    }
}
