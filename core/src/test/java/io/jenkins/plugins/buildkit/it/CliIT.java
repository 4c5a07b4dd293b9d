package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The command line as a user runs it: {@code java -jar target/buildkit-cli.jar ...} against the local Docker Engine. */
public class CliIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private final String tag = "buildkit-it/cli:" + System.nanoTime();

    /** A finished CLI run. */
    private static final class Run {
        int exit;
        String stdout;
        String stderr;
    }

    @Before
    public void setUp() {
        env = TestEnvironment.require();
    }

    @After
    public void removeImage() throws Exception {
        new ProcessBuilder("docker", "rmi", "-f", tag).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private ProcessBuilder cli(String... args) throws IOException {
        return cli(List.of(), Map.of(), args);
    }

    /** The CLI run by {@code wrapper} (such as setpriv), with {@code env} added to the environment. */
    private ProcessBuilder cli(List<String> wrapper, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-jar");
        cmd.add(System.getProperty("buildkit.cli.jar", "target/buildkit-cli.jar"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(tmp.newFile().getAbsoluteFile())
                .redirectError(tmp.newFile().getAbsoluteFile());
        pb.environment().putAll(env);
        return pb;
    }

    private Run run(String... args) throws Exception {
        return run(cli(args));
    }

    private Run run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        assertTrue("the CLI finished", p.waitFor(120, TimeUnit.SECONDS));
        Run r = new Run();
        r.exit = p.exitValue();
        r.stdout = Files.readString(pb.redirectOutput().file().toPath(), StandardCharsets.UTF_8);
        r.stderr = Files.readString(pb.redirectError().file().toPath(), StandardCharsets.UTF_8);
        System.out.println("exit " + r.exit + "\n--- stdout\n" + r.stdout + "--- stderr\n" + r.stderr);
        return r;
    }

    private Path context(String dockerfile) throws IOException {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), dockerfile);
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        return ctx;
    }

    @Test
    public void buildSucceedsAndTheImageIsInTheEngine() throws Exception {
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN echo from-the-cli\n");
        Path metadata = tmp.getRoot().toPath().resolve("metadata.json");
        Run r = run("build", "-t", tag, "--no-cache", "--metadata-file", metadata.toString(), ctx.toString());
        assertEquals(r.stderr, 0, r.exit);
        assertThat(r.stderr, containsString("RUN echo from-the-cli"));
        assertThat(r.stderr, containsString("from-the-cli"));
        Process inspect = new ProcessBuilder("docker", "image", "inspect", "--format", "{{.Id}}", tag).start();
        String id = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, inspect.waitFor());
        assertThat(Files.readString(metadata), containsString(id));
    }

    /** {@code --no-cache-filter STAGE} rebuilds that stage and keeps the cache of the others, as Buildx does. */
    @Test
    public void noCacheFilterRebuildsOnlyTheNamedStage() throws Exception {
        String marker = Long.toString(System.nanoTime());
        Path ctx = context("FROM scratch AS base\nCOPY rootfs/ /\nRUN echo base-" + marker + " > /base\n"
                + "FROM base AS final\nRUN echo final-" + marker + " > /final\n");
        Run first = run("build", ctx.toString());
        assertEquals(first.stderr, 0, first.exit);
        Run again = run("build", "--no-cache-filter", "final", ctx.toString());
        assertEquals(again.stderr, 0, again.exit);
        assertTrue("the base stage comes from the cache:\n" + again.stderr, isCached(again.stderr, "RUN echo base-" + marker));
        assertTrue("the final stage is rebuilt:\n" + again.stderr, !isCached(again.stderr, "RUN echo final-" + marker));
    }

    /** Whether plain progress reports the step with this text as CACHED. */
    private static boolean isCached(String plainProgress, String stepText) {
        String vertex = plainProgress.lines().filter(l -> l.contains(stepText) && l.startsWith("#")).map(l -> l.split(" ")[0])
                .findFirst().orElseThrow(() -> new AssertionError("no step " + stepText + " in\n" + plainProgress));
        return plainProgress.lines().anyMatch(l -> l.equals(vertex + " CACHED"));
    }

    @Test
    public void quietPrintsOnlyTheDigestAndIidfileHoldsTheImageId() throws Exception {
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN echo quietly\n");
        Path iid = tmp.getRoot().toPath().resolve("iid");
        Run r = run("build", "-q", "-t", tag, "--iidfile", iid.toString(), ctx.toString());
        assertEquals(r.stderr, 0, r.exit);
        assertThat(r.stderr, org.hamcrest.CoreMatchers.not(containsString("RUN echo quietly")));
        assertTrue(r.stdout.trim().matches("sha256:[0-9a-f]{64}"));
        Process inspect = new ProcessBuilder("docker", "image", "inspect", "--format", "{{.Id}}", tag).start();
        String id = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, inspect.waitFor());
        assertEquals("the engine's image ID", id, Files.readString(iid));
    }

    /** As with Buildx, a push uses the login `docker login` wrote to config.json, and the password shows nowhere. */
    @Test
    public void aPushUsesTheLoginInDockersConfig() throws Exception {
        Path dockerConfig = tmp.newFolder("docker-config").toPath();
        String auth = java.util.Base64.getEncoder().encodeToString((env.registryUser + ":" + env.registryPassword)
                .getBytes(StandardCharsets.UTF_8));
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\": {\"" + env.registry + "\": {\"auth\": \"" + auth + "\"}}}");
        String pushed = "cli/login:" + System.nanoTime();
        ProcessBuilder pb = cli("build", "--builder", "remote:" + env.address, "--tlscacert", env.certs.resolve("ca.pem").toString(),
                "--tlscert", env.certs.resolve("client.pem").toString(), "--tlskey", env.certs.resolve("client-key.pem").toString(),
                "-t", env.registry + "/" + pushed, "--push", context("FROM scratch\nCOPY rootfs/ /\n").toString());
        pb.environment().put("DOCKER_CONFIG", dockerConfig.toString());
        Process p = pb.start();
        assertTrue("the CLI finished", p.waitFor(120, TimeUnit.SECONDS));
        String stderr = Files.readString(pb.redirectError().file().toPath(), StandardCharsets.UTF_8);
        assertEquals(stderr, 0, p.exitValue());
        assertThat(stderr, org.hamcrest.CoreMatchers.not(containsString(env.registryPassword)));
        String[] repoAndTag = pushed.split(":");
        assertEquals(200, new RegistryClient(env).manifest(repoAndTag[0], repoAndTag[1]).statusCode());
    }

    /** {@code -o type=tar,dest=-} writes the tarball to standard output, as buildx does, and nothing else goes there. */
    @Test
    public void aTarballGoesToStandardOutput() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "to stdout " + System.nanoTime());
        ProcessBuilder pb = cli("build", "--builder", "remote:" + env.address, "--tlscacert", env.certs.resolve("ca.pem").toString(),
                "--tlscert", env.certs.resolve("client.pem").toString(), "--tlskey", env.certs.resolve("client-key.pem").toString(),
                "-o", "type=tar,dest=-", ctx.toString());
        Process p = pb.start();
        assertTrue("the CLI finished", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(Files.readString(pb.redirectError().file().toPath(), StandardCharsets.UTF_8), 0, p.exitValue());
        Path tar = pb.redirectOutput().file().toPath();
        assertEquals(List.of("data.txt"), TarEntries.names(tar));
        assertEquals(Files.readString(ctx.resolve("data.txt")), new String(TarEntries.content(tar, "data.txt"), StandardCharsets.UTF_8));
    }

    /** The last line a user sees, the ERROR line, masks a secret the daemon's message quotes. */
    @Test
    public void theErrorLineMasksTheSecret() throws Exception {
        String secret = "cli-secret-" + System.nanoTime();
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN echo " + secret + " && false\n");
        Path file = tmp.newFile().toPath();
        Files.writeString(file, secret);
        Run r = run("build", "--no-cache", "--secret", "id=tok,src=" + file, ctx.toString());
        assertEquals(r.stderr, 1, r.exit);
        assertThat(r.stderr, containsString("ERROR: "));
        assertThat(r.stderr.substring(r.stderr.lastIndexOf("ERROR: ")), containsString("echo **** && false"));
        assertThat(r.stderr, org.hamcrest.CoreMatchers.not(containsString(secret)));
    }

    @Test
    public void dockerfileErrorExitsNonZeroNamingTheLine() throws Exception {
        Path ctx = context("FROM scratch\nBOGUS instruction\n");
        Run r = run("build", ctx.toString());
        assertNotEquals(0, r.exit);
        String firstErrorLine = r.stderr.lines().filter(l -> l.startsWith("ERROR: ")).findFirst().orElse("");
        assertThat(firstErrorLine, containsString("line 2"));
        assertThat(firstErrorLine.toLowerCase(), containsString("bogus"));
    }

    @Test
    public void inspectDiskUsageAndPrune() throws Exception {
        Run inspect = run("inspect");
        assertEquals(inspect.stderr, 0, inspect.exit);
        assertThat(inspect.stdout, containsString("Driver:    docker"));
        assertThat(inspect.stdout, containsString("Status:    running"));
        assertThat(inspect.stdout, containsString("linux/amd64"));
        Run du = run("du");
        assertEquals(du.stderr, 0, du.exit);
        assertThat(du.stdout, containsString("Total: "));
        Run prune = run("prune", "--filter", "until=240h");
        assertEquals(prune.stderr, 0, prune.exit);
        assertThat(prune.stdout, containsString("Total reclaimed: "));
        Run bad = run("prune", "--filter", "until=soon");
        assertEquals(2, bad.exit);
        assertThat(bad.stderr, containsString("until=\"soon\" is not a duration"));
    }

    @Test
    public void unknownFlagIsAUsageError() throws Exception {
        Run r = run("build", "--no-such-flag", ".");
        assertEquals(2, r.exit);
        assertThat(r.stderr, containsString("Unknown option: '--no-such-flag'"));
    }

    @Test
    public void missingContextDirectoryIsNamed() throws Exception {
        Run r = run("build", "/no/such/context");
        assertEquals("a request refused before the build is a usage error", 2, r.exit);
        assertThat(r.stderr, containsString("context: directory not found: /no/such/context"));
    }

    /** The first ERROR line, where the CLI reports a failure (the JVM may warn before it). */
    private static String errorLine(Run r) {
        return r.stderr.lines().filter(l -> l.startsWith("ERROR: ")).findFirst().orElse("(no ERROR line)");
    }

    /** Refused before the build: nothing went to a builder, so there is no progress line at all. */
    private static void assertRefusedBeforeTheBuild(Run r, String firstLine) {
        assertEquals(r.stderr, 2, r.exit);
        assertEquals(firstLine, errorLine(r));
        assertFalse("no build started:\n" + r.stderr, r.stderr.lines().anyMatch(l -> l.startsWith("#")));
    }

    @Test
    public void aContextThatIsAFileIsNotADirectory() throws Exception {
        Path file = tmp.newFile("context-file").toPath();
        assertRefusedBeforeTheBuild(run("build", file.toString()), "ERROR: invalid build request: context: not a directory: " + file);
    }

    @Test
    public void anIidfileInAMissingDirectoryIsRefusedBeforeTheBuild() throws Exception {
        Path missing = tmp.getRoot().toPath().resolve("no-such-dir");
        Run r = run("build", "--iidfile", missing.resolve("iid").toString(), context("FROM scratch\nCOPY rootfs/ /\n").toString());
        assertRefusedBeforeTheBuild(r, "ERROR: --iidfile: directory not found: " + missing);
    }

    @Test
    public void aLocalOutputOntoAFileIsRefusedBeforeTheBuild() throws Exception {
        Path file = tmp.newFile("not-a-dir").toPath();
        Run r = run("build", "-o", "type=local,dest=" + file, context("FROM scratch\nCOPY rootfs/ /\n").toString());
        assertRefusedBeforeTheBuild(r, "ERROR: invalid build request: outputs: \"type=local,dest=" + file + "\": dest is not a directory: " + file);
    }

    @Test
    public void aTagOverDockersLengthLimitIsRefusedBeforeTheBuild() throws Exception {
        String longTag = "a".repeat(256);
        Run r = run("build", "-t", longTag, context("FROM scratch\nCOPY rootfs/ /\n").toString());
        assertRefusedBeforeTheBuild(r, "ERROR: invalid build request: tags: image name \"" + longTag + "\" is too long: its repository path"
                + " has 264 characters as Docker Hub names it (library/NAME); Docker's limit is 255");
    }

    /**
     * Tests run as root, whom file modes do not stop: the CLI runs as root without the capabilities that
     * override them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so the kernel refuses it the file as it
     * would any other user. The file is found while the context is sent, which ends the build.
     */
    @Test
    public void anUnreadableFileInTheContextIsNamedRelativeToTheContext() throws Exception {
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nCOPY . /ctx\nRUN echo ran-$((40+2))\n");
        Path secret = ctx.resolve("sub/secret.txt");
        Files.createDirectories(secret.getParent());
        Files.writeString(secret, "s");
        Files.setPosixFilePermissions(secret, java.util.Set.of());
        boolean root = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        org.junit.Assume.assumeTrue("setpriv drops root's capabilities", !root || Files.isExecutable(Path.of("/usr/bin/setpriv")));
        List<String> withoutOverride = root ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : List.of();
        Run r = run(cli(withoutOverride, Map.of(), "build", ctx.toString()));
        assertEquals(r.stderr, 1, r.exit);
        assertEquals("ERROR: build failed: error from sender: cannot read \"sub/secret.txt\" in " + ctx + ": permission denied", errorLine(r));
        assertFalse("the build ended there", r.stderr.contains("ran-42"));
    }

    /** An HTTP/1.1 server and an HTTP/2 server that is not gRPC (the test registry's TLS port) are named as not BuildKit. */
    @Test
    public void anEndpointThatIsNotBuildKitIsNamed() throws Exception {
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        http.start();
        try {
            String endpoint = "tcp://127.0.0.1:" + http.getAddress().getPort();
            Run r = run("build", "--builder", "remote:" + endpoint, context("FROM scratch\nCOPY rootfs/ /\n").toString());
            assertEquals(r.stderr, 1, r.exit);
            assertEquals("ERROR: cannot connect to BuildKit at " + endpoint + ": the endpoint does not speak gRPC over HTTP/2"
                    + " (it answered in another protocol, such as HTTP/1.1): is it a BuildKit daemon?", errorLine(r));
            assertFalse("no build started:\n" + r.stderr, r.stderr.lines().anyMatch(l -> l.startsWith("#1 ")));
        } finally {
            http.stop(0);
        }
        Run registry = run("inspect", "--builder", "remote:tcp://" + env.registry, "--tlscacert", env.certs.resolve("ca.pem").toString(),
                "--tlscert", env.certs.resolve("client.pem").toString(), "--tlskey", env.certs.resolve("client-key.pem").toString());
        assertEquals(registry.stderr, 1, registry.exit);
        assertEquals("ERROR: cannot connect to BuildKit at tcp://" + env.registry + ": the endpoint speaks HTTP/2 but not gRPC"
                + " (it answered HTTP status code 404): is it a BuildKit daemon?", errorLine(registry));
    }

    @Test
    public void aContainerBuilderWithoutAnEngineNamesTheEndpointTried() throws Exception {
        String endpoint = "unix://" + tmp.getRoot().toPath().resolve("no-engine.sock");
        Run r = run(cli(List.of(), Map.of("DOCKER_HOST", endpoint), "build", "--builder", "container:noengine",
                context("FROM scratch\nCOPY rootfs/ /\n").toString()));
        assertEquals(r.stderr, 1, r.exit);
        assertEquals("ERROR: builder \"noengine\" (driver docker-container): cannot reach the Docker Engine at " + endpoint
                + ": No such file or directory", errorLine(r));
        assertFalse("no build started:\n" + r.stderr, r.stderr.lines().anyMatch(l -> l.startsWith("#1 ")));
    }

    /** README: exit status 2 for a usage error, in every command, with the first line naming the flag. */
    @Test
    public void aBadFlagValueIsAUsageErrorInEveryCommand() throws Exception {
        String ctx = context("FROM scratch\nCOPY rootfs/ /\n").toString();
        String[][] cases = {
            {"ERROR: --progress: unknown mode \"fancy\"", "build", "--progress", "fancy", ctx},
            {"ERROR: --builder: unknown builder \"nonsense:x\"", "build", "--builder", "nonsense:x", ctx},
            {"ERROR: --builder: unknown builder \"nonsense:x\"", "inspect", "--builder", "nonsense:x"},
            {"ERROR: --driver-opt: \"novalue\" is not KEY=VALUE", "rm", "--builder", "container:x", "--driver-opt", "novalue"},
            {"ERROR: --tlscacert: file not found: /no/such/ca.pem", "stop", "--builder", "remote:tcp://127.0.0.1:1", "--tlscacert", "/no/such/ca.pem"},
            {"ERROR: --builder: \"kubernetes\" needs :NAME", "du", "--builder", "kubernetes"},
            {"ERROR: --filter: until=\"soon\" is not a duration", "prune", "--filter", "until=soon"},
            {"Invalid value for option '--timeout': 'soon' is not an int", "du", "--timeout", "soon"},
        };
        for (String[] c : cases) {
            Run r = run(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(String.join(" ", c) + "\n" + r.stderr, 2, r.exit);
            String first = r.stderr.lines().filter(l -> !l.startsWith("WARNING: ")).findFirst().orElse("");
            assertThat(String.join(" ", c), first, org.hamcrest.CoreMatchers.startsWith(c[0]));
            assertFalse("nothing started:\n" + r.stderr, r.stderr.lines().anyMatch(l -> l.startsWith("#")));
        }
    }

    /**
     * The jar relaunches itself with a class-data archive that the first build writes into the user's
     * cache; asked not to relaunch, it writes none. Either way the build's result and streams are the same.
     */
    @Test
    public void theFirstBuildLeavesAClassArchiveForTheNext() throws Exception {
        Path cache = tmp.newFolder("cache").toPath();
        String ctx = context("FROM scratch\nCOPY rootfs/ /\n").toString();
        String[] build = {"build", "--builder", "remote:" + env.address, "--tlscacert", env.certs.resolve("ca.pem").toString(),
            "--tlscert", env.certs.resolve("client.pem").toString(), "--tlskey", env.certs.resolve("client-key.pem").toString(),
            "--progress", "quiet", "-o", "type=cacheonly", ctx};
        Run inOneJvm = run(cli(List.of(), Map.of("XDG_CACHE_HOME", cache.toString(), "BUILDKIT_CLI_RELAUNCH", "0"), build));
        assertEquals(inOneJvm.stderr, 0, inOneJvm.exit);
        assertFalse(Files.exists(cache.resolve("buildkit-cli")));
        for (int i = 0; i < 2; i++) {
            Run r = run(cli(List.of(), Map.of("XDG_CACHE_HOME", cache.toString()), build));
            assertEquals(r.stderr, 0, r.exit);
            assertEquals(inOneJvm.stdout, r.stdout);
            assertFalse(r.stderr, r.stderr.contains("cds") || r.stderr.contains("AOT"));
            try (var files = Files.list(cache.resolve("buildkit-cli"))) {
                List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
                assertEquals(names.toString(), 2, names.size());
                // Java 25 and later get an AOT cache, made by a JVM of its own after the build
                boolean aot = Runtime.version().feature() >= 25;
                assertTrue(names.toString(), aot ? names.get(0).startsWith("aot-") && names.get(0).endsWith(".aot")
                        : names.get(0).startsWith("cds-") && names.get(0).endsWith(".jsa"));
                assertTrue(names.toString(), names.get(1).startsWith("natives-"));
            }
        }
        // A build with another driver makes an archive of its own and leaves the remote builds' alone:
        // an AOT cache loads all it holds at start, so one cache for all drivers would load each driver's client.
        Path remoteArchive;
        try (var files = Files.list(cache.resolve("buildkit-cli"))) {
            remoteArchive = files.filter(f -> !f.getFileName().toString().startsWith("natives-")).findFirst().orElseThrow();
        }
        assertTrue(remoteArchive.toString(), remoteArchive.getFileName().toString().contains("-remote."));
        java.nio.file.attribute.FileTime remoteWritten = Files.getLastModifiedTime(remoteArchive);
        for (int i = 0; i < 2; i++) {
            Run docker = run(cli(List.of(), Map.of("XDG_CACHE_HOME", cache.toString()),
                    "build", "--builder", "docker", "--progress", "quiet", "-o", "type=cacheonly", ctx));
            assertEquals(docker.stderr, 0, docker.exit);
            assertFalse(docker.stderr, docker.stderr.contains("cds") || docker.stderr.contains("AOT"));
        }
        try (var files = Files.list(cache.resolve("buildkit-cli"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(names.toString(), 3, names.size());
            assertTrue(names.toString(), names.get(0).contains("-docker.") && names.get(1).contains("-remote."));
        }
        assertEquals(remoteWritten, Files.getLastModifiedTime(remoteArchive));
    }

    /**
     * The JVM runs what the cache holds, so a cache directory that others may write to (a shared
     * {@code XDG_CACHE_HOME}) is left alone: the build works, without archive or libraries from there.
     */
    @Test
    public void aCacheThatOthersMayWriteToIsNotUsed() throws Exception {
        Path shared = tmp.newFolder("shared-cache").toPath();
        Path cache = Files.createDirectory(shared.resolve("buildkit-cli"));
        Files.setPosixFilePermissions(cache, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        String ctx = context("FROM scratch\nCOPY rootfs/ /\n").toString();
        Run r = run(cli(List.of(), Map.of("XDG_CACHE_HOME", shared.toString()), "build", "--builder", "remote:" + env.address,
                "--tlscacert", env.certs.resolve("ca.pem").toString(), "--tlscert", env.certs.resolve("client.pem").toString(),
                "--tlskey", env.certs.resolve("client-key.pem").toString(), "--progress", "quiet", "-o", "type=cacheonly", ctx));
        assertEquals(r.stderr, 0, r.exit);
        try (var files = Files.list(cache)) {
            assertEquals(List.of(), files.toList());
        }
    }

    /**
     * The relaunched JVM maps Netty's epoll and OpenSSL libraries from the user's cache, where the jar's
     * first command unpacked them, rather than copying them into a temporary file on every start.
     */
    @Test
    public void nettysNativeLibrariesLoadFromTheCache() throws Exception {
        Path cache = tmp.newFolder("cache").toPath();
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        Process p = cli(List.of(), Map.of("XDG_CACHE_HOME", cache.toString()), "build", "--builder", "remote:" + env.address,
                "--tlscacert", env.certs.resolve("ca.pem").toString(), "--tlscert", env.certs.resolve("client.pem").toString(),
                "--tlskey", env.certs.resolve("client-key.pem").toString(), "--no-cache", "-o", "type=cacheonly", ctx.toString()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Processes.running(marker)) {
                assertTrue("the RUN step did not start", System.nanoTime() < deadline && p.isAlive());
                Thread.sleep(100);
            }
            ProcessHandle command = p.toHandle().children().findFirst().orElseThrow();
            List<String> netty = Files.readAllLines(Path.of("/proc", String.valueOf(command.pid()), "maps")).stream()
                    .filter(l -> l.contains("netty")).map(l -> l.substring(l.indexOf('/'))).distinct().toList();
            assertEquals(netty.toString(), 2, netty.size());
            for (String library : netty) {
                assertTrue(netty.toString(), library.startsWith(cache.resolve("buildkit-cli").toString() + "/natives-"));
            }
        } finally {
            p.destroy();
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @Test
    public void sigintCancelsTheSolveOnTheEngineWithinTwoSeconds() throws Exception {
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        Process p = cli("build", "--no-cache", ctx.toString()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Processes.running(marker)) {
            assertTrue("the RUN step did not start", System.nanoTime() < deadline && p.isAlive());
            Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
        long cancelled = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (Processes.running(marker) && System.nanoTime() < cancelled) {
            Thread.sleep(50);
        }
        assertFalse("the RUN step still runs 2 s after SIGINT", Processes.running(marker));
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        assertFalse(new File("/proc/" + p.pid()).exists() && p.isAlive());
    }

    @Test
    public void containerBuilderLoadsIntoTheEngine() throws Exception {
        String name = "cli" + Long.toHexString(System.nanoTime());
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN echo in-a-container-builder\n");
        try {
            Run r = run("build", "--builder", "container:" + name,
                    "--driver-opt", "image=" + System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local"),
                    "--driver-opt", "network=host", "--driver-opt", "privileged=false",
                    "--driver-opt", "buildkitd-flags=--oci-worker-net=host", "--load", "-t", tag, ctx.toString());
            assertEquals(r.stderr, 0, r.exit);
            assertThat(r.stderr, containsString("in-a-container-builder"));
            Process inspect = new ProcessBuilder("docker", "image", "inspect", tag).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertEquals(0, inspect.waitFor());
        } finally {
            new ProcessBuilder("docker", "rm", "-f", "buildx_buildkit_" + name + "0").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            new ProcessBuilder("docker", "volume", "rm", "buildx_buildkit_" + name + "0_state").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    private static String docker(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out;
    }

    @Test
    public void stopAndRmManageTheContainerBuilderAsBuildxDoes() throws Exception {
        String name = "rm" + Long.toHexString(System.nanoTime());
        String container = "buildx_buildkit_" + name + "0";
        String[] builder = {"--builder", "container:" + name,
            "--driver-opt", "image=" + System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local"),
            "--driver-opt", "network=host", "--driver-opt", "privileged=false",
            "--driver-opt", "buildkitd-flags=--oci-worker-net=host"};
        try {
            List<String> build = new java.util.ArrayList<>(List.of("build"));
            build.addAll(List.of(builder));
            build.add(context("FROM scratch\nCOPY rootfs/ /\n").toString());
            assertEquals(0, run(build.toArray(String[]::new)).exit);
            assertEquals("true", docker("inspect", "-f", "{{.State.Running}}", container));

            assertEquals(0, run("stop", "--builder", "container:" + name).exit);
            assertEquals("false", docker("inspect", "-f", "{{.State.Running}}", container));
            assertEquals("stopping a stopped builder is not an error", 0, run("stop", "--builder", "container:" + name).exit);

            Run keep = run("rm", "--builder", "container:" + name, "--keep-state");
            assertEquals(keep.stderr, 0, keep.exit);
            assertThat(docker("inspect", container), containsString("No such"));
            assertEquals(container + "_state", docker("volume", "inspect", "-f", "{{.Name}}", container + "_state"));

            assertEquals(0, run("rm", "--builder", "container:" + name).exit);
            assertThat(docker("volume", "inspect", container + "_state"), containsString("no such volume"));

            Run remote = run("rm", "--builder", "docker");
            assertEquals(0, remote.exit);
            assertThat(remote.stderr, containsString("is not ours; nothing removed"));
        } finally {
            docker("rm", "-f", container);
            docker("volume", "rm", container + "_state");
        }
    }

    @Test
    public void twoProcessesFindingTheBuilderMissingShareOneContainer() throws Exception {
        String name = "race" + Long.toHexString(System.nanoTime());
        Path ctx = context("FROM scratch\nCOPY rootfs/ /\nRUN echo raced\n");
        String[] args = {"build", "--builder", "container:" + name,
            "--driver-opt", "image=" + System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local"),
            "--driver-opt", "network=host", "--driver-opt", "privileged=false",
            "--driver-opt", "buildkitd-flags=--oci-worker-net=host", ctx.toString()};
        try {
            ProcessBuilder one = cli(args);
            ProcessBuilder two = cli(args);
            Process p1 = one.start();
            Process p2 = two.start();
            assertTrue(p1.waitFor(120, TimeUnit.SECONDS));
            assertTrue(p2.waitFor(120, TimeUnit.SECONDS));
            assertEquals(Files.readString(one.redirectError().file().toPath()), 0, p1.exitValue());
            assertEquals(Files.readString(two.redirectError().file().toPath()), 0, p2.exitValue());
            Process ps = new ProcessBuilder("docker", "ps", "-a", "--filter", "name=buildx_buildkit_" + name, "-q").start();
            long containers = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
            assertEquals(1, containers);
        } finally {
            new ProcessBuilder("docker", "rm", "-f", "buildx_buildkit_" + name + "0").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            new ProcessBuilder("docker", "volume", "rm", "buildx_buildkit_" + name + "0_state").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }
}
