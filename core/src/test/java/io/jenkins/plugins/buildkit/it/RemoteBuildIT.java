package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.SecretSource;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.progress.PlainRenderer;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Builds on the real buildkitd over mutual TLS, with the real registry, through the remote driver. */
public class RemoteBuildIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Before
    public void setUp() {
        env = TestEnvironment.require();
    }

    private SolveResult build(BuildSpec spec, SecretMasker masker) throws IOException, InterruptedException, BuildKitException {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        try {
            return DriverBuild.run(env.driver(), spec, new PlainRenderer(out, masker));
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    private String consoleText() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private Path newContext(String dockerfile) throws IOException {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), dockerfile);
        return ctx;
    }

    @Test
    public void localExportEqualsTheContextByteForByte() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY . /\n");
        ContextFixtures.write(ctx.resolve("a/b/c/deep.txt"), "deep\n");
        ContextFixtures.write(ctx.resolve("a/sibling.txt"), "sibling\n");
        ContextFixtures.write(ctx.resolve("a-b.txt"), "sorts between a and a/\n");
        Path script = ctx.resolve("bin/run.sh");
        ContextFixtures.write(script, "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(ctx.resolve("link-to-deep"), Path.of("a/b/c/deep.txt"));
        Files.createSymbolicLink(ctx.resolve("dangling"), Path.of("/nonexistent/target"));
        ContextFixtures.writeRandomFile(ctx.resolve("big.bin"), 100L * 1024 * 1024 + 12345, 42);
        Files.createFile(ctx.resolve("empty"));
        ContextFixtures.write(ctx.resolve("unicode-é/ñ.txt"), "non-ascii names\n");

        Path out = tmp.getRoot().toPath().resolve("out");
        build(BuildSpec.builder().context(ctx.toString()).noCache(true).output("type=local,dest=" + out).build(), SecretMasker.NONE);

        assertEquals(describeTree(ctx), describeTree(out));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("bin/run.sh"))));
        assertEquals(Path.of("a/b/c/deep.txt"), Files.readSymbolicLink(out.resolve("link-to-deep")));
        assertEquals(Path.of("/nonexistent/target"), Files.readSymbolicLink(out.resolve("dangling")));
        assertThat(consoleText(), containsString("exporting to client directory"));
    }

    /** path -> type, permissions, content digest or link target, for every entry below root. */
    private static Map<String, String> describeTree(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                String rel = root.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.put(rel, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    tree.put(rel, "dir " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } else {
                    tree.put(rel, "file " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)) + " " + sha256(p));
                }
            }
        }
        return tree;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    public void dockerfileOutsideTheContext() throws Exception {
        Path ctx = tmp.newFolder("just-sources").toPath();
        ContextFixtures.write(ctx.resolve("src.txt"), "source");
        Path dockerfile = tmp.newFolder("build-files").toPath().resolve("release.Dockerfile");
        ContextFixtures.write(dockerfile, "FROM scratch\nCOPY src.txt /copied.txt\n");
        Path out = tmp.getRoot().toPath().resolve("out");
        build(BuildSpec.builder().context(ctx.toString()).dockerfile(dockerfile.toString())
                .output("type=local,dest=" + out).build(), SecretMasker.NONE);
        assertEquals("source", Files.readString(out.resolve("copied.txt")));
    }

    @Test
    public void dockerignoreExclusionsAndReinclusionsAreHonoured() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY . /\n");
        ContextFixtures.write(ctx.resolve(".dockerignore"), "*.log\n!keep.log\nsecret/\n**/tmp\ndocs/**\n!docs/README.md\n");
        ContextFixtures.write(ctx.resolve("a.log"), "x");
        ContextFixtures.write(ctx.resolve("keep.log"), "kept");
        ContextFixtures.write(ctx.resolve("secret/key"), "x");
        ContextFixtures.write(ctx.resolve("src/tmp/junk"), "x");
        ContextFixtures.write(ctx.resolve("src/main.c"), "int main;");
        ContextFixtures.write(ctx.resolve("docs/guide.md"), "x");
        ContextFixtures.write(ctx.resolve("docs/README.md"), "readme");

        Path out = tmp.getRoot().toPath().resolve("out");
        build(BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + out).build(), SecretMasker.NONE);

        assertEquals("kept", Files.readString(out.resolve("keep.log")));
        assertEquals("int main;", Files.readString(out.resolve("src/main.c")));
        assertEquals("readme", Files.readString(out.resolve("docs/README.md")));
        assertFalse(Files.exists(out.resolve("a.log")));
        assertFalse(Files.exists(out.resolve("secret")));
        assertFalse(Files.exists(out.resolve("src/tmp")));
        assertFalse(Files.exists(out.resolve("docs/guide.md")));
    }

    private static final String STAGES = "FROM scratch AS base\n"
            + "COPY rootfs/ /\n"
            + "ARG GREETING=hello\n"
            + "RUN echo \"$GREETING\" > /greeting\n"
            + "FROM base AS other\n"
            + "RUN echo other > /which\n"
            + "FROM base AS final\n"
            + "RUN echo final > /which\n";

    @Test
    public void runStepBuildArgAndTargetShapeTheResult() throws Exception {
        Path ctx = newContext(STAGES);
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);

        Path defaults = tmp.getRoot().toPath().resolve("defaults");
        build(BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + defaults).build(), SecretMasker.NONE);
        assertEquals("hello\n", Files.readString(defaults.resolve("greeting")));
        assertEquals("final\n", Files.readString(defaults.resolve("which")));

        Path custom = tmp.getRoot().toPath().resolve("custom");
        build(BuildSpec.builder().context(ctx.toString()).target("other").buildArg("GREETING", "bonjour")
                .output("type=local,dest=" + custom).build(), SecretMasker.NONE);
        assertEquals("bonjour\n", Files.readString(custom.resolve("greeting")));
        assertEquals("other\n", Files.readString(custom.resolve("which")));
        assertThat(consoleText(), containsString("[other 1/1] RUN echo other > /which"));
        assertThat(consoleText(), containsString("RUN echo \"bonjour\" > /greeting"));
    }

    /**
     * A hard link in a local export is the exported file itself, both into an empty destination and
     * into one that holds the previous export (where linking early would keep the old file).
     */
    @Test
    public void hardLinksInALocalExportPointAtTheExportedFile() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\nARG V\nRUN echo $V > /a && /bin/busybox ln /a /b\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        Path out = tmp.getRoot().toPath().resolve("hardlinks");
        for (String v : List.of("first", "second")) {
            build(BuildSpec.builder().context(ctx.toString()).buildArg("V", v).output("type=local,dest=" + out).build(),
                    SecretMasker.NONE);
            assertEquals(v + "\n", Files.readString(out.resolve("b")));
            assertTrue(v, Files.isSameFile(out.resolve("a"), out.resolve("b")));
        }
    }

    @Test
    public void secretMountReadsTheSessionSecretAndTheValueNeverShows() throws Exception {
        String secret = "s3cr3t-" + System.nanoTime();
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\n"
                + "RUN --mount=type=secret,id=token cp /run/secrets/token /seen && echo \"the token is $(cat /run/secrets/token)\"\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        Path out = tmp.getRoot().toPath().resolve("out");
        build(BuildSpec.builder().context(ctx.toString()).noCache(true)
                .secret(SecretSource.ofValue("token", secret.getBytes(StandardCharsets.UTF_8)))
                .output("type=local,dest=" + out).build(), new SecretMasker(List.of(secret)));

        assertEquals(secret, Files.readString(out.resolve("seen")));
        assertThat(consoleText(), containsString("the token is ****"));
        assertThat(consoleText(), not(containsString(secret)));
    }

    @Test
    public void sshForwardingServesTheGivenKeyToTheBuild() throws Exception {
        String agentcheck = System.getenv("BUILDKIT_TEST_AGENTCHECK");
        String keyFile = System.getenv("BUILDKIT_TEST_SSH_KEY");
        org.junit.Assume.assumeTrue("the test environment builds agentcheck", agentcheck != null || System.getenv("CI") != null);
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\nRUN --mount=type=ssh /bin/agentcheck\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        Files.copy(Path.of(agentcheck), ctx.resolve("rootfs/bin/agentcheck"));
        Files.setPosixFilePermissions(ctx.resolve("rootfs/bin/agentcheck"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String key = Files.readString(Path.of(keyFile));
        build(BuildSpec.builder().context(ctx.toString()).noCache(true)
                .ssh(io.jenkins.plugins.buildkit.build.SshSource.ofKey("default", key, null)).build(), SecretMasker.NONE);
        String fingerprint = new String(new ProcessBuilder("ssh-keygen", "-lf", keyFile + ".pub").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).split(" ")[1];
        assertThat(consoleText(), containsString("agentcheck: key " + fingerprint));
        assertThat(consoleText(), containsString("agentcheck: signature verified"));
        assertThat(consoleText(), not(containsString("PRIVATE KEY")));
    }

    @Test
    public void pushWithCredentialsReturnsTheRegistryDigest() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "pushed at " + System.nanoTime());
        String repo = "it/push";
        String tag = "t" + System.nanoTime();
        SolveResult result = build(BuildSpec.builder().context(ctx.toString())
                .tag(env.registry + "/" + repo + ":" + tag).push(true)
                .registryCredential(env.registry, new RegistryCredential(env.registryUser, env.registryPassword))
                .build(), new SecretMasker(List.of(env.registryPassword)));

        HttpResponse<String> manifest = new RegistryClient(env).manifest(repo, tag);
        assertEquals(200, manifest.statusCode());
        String registryDigest = manifest.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertEquals(registryDigest, result.imageDigest());
        assertThat(consoleText(), not(containsString(env.registryPassword)));
    }

    /** The manifest as compact JSON (no whitespace: none of its values hold any). */
    private String pushAndFetch(String repo, String tag, BuildSpec.Builder spec) throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "attested at " + System.nanoTime());
        build(spec.context(ctx.toString()).tag(env.registry + "/" + repo + ":" + tag).push(true)
                .registryCredential(env.registry, new RegistryCredential(env.registryUser, env.registryPassword)).build(), SecretMasker.NONE);
        HttpResponse<String> manifest = new RegistryClient(env).manifest(repo, tag);
        assertEquals(200, manifest.statusCode());
        return manifest.body().replaceAll("\\s", "");
    }

    @Test
    public void annotationsReachTheManifestInTheRegistry() throws Exception {
        String manifest = pushAndFetch("it/annotated", "a", BuildSpec.builder().provenance("false")
                .annotation("org.opencontainers.image.description=annotated by the test"));
        assertThat(manifest, containsString("\"org.opencontainers.image.description\":\"annotatedbythetest\""));
    }

    /**
     * The in-toto statement whose predicate type starts with {@code predicateType} that an image index carries: index -> attestation
     * manifest -> the layer annotated with that predicate type.
     */
    private String attestationStatement(String repo, String index, String predicateType) throws Exception {
        java.util.regex.Matcher attestation = java.util.regex.Pattern
                .compile("\"digest\":\"(sha256:[0-9a-f]{64})\"[^}]*\\{[^}]*\"vnd.docker.reference.type\":\"attestation-manifest\"")
                .matcher(index);
        assertTrue(index, attestation.find());
        RegistryClient registry = new RegistryClient(env);
        String manifest = registry.manifest(repo, attestation.group(1)).body().replaceAll("\\s", "");
        java.util.regex.Matcher layer = java.util.regex.Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"[^}]*\"in-toto.io/predicate-type\":\""
                + java.util.regex.Pattern.quote(predicateType) + "[^\"]*\"").matcher(manifest);
        assertTrue(manifest, layer.find());
        return registry.blob(repo, layer.group(1));
    }

    /** As with Buildx: a minimal provenance attestation by default, none with provenance=false, the full one with mode=max. */
    @Test
    public void provenanceAttestationsFollowBuildx() throws Exception {
        String repo = "it/attest";
        String attestationManifest = "\"vnd.docker.reference.type\":\"attestation-manifest\"";
        assertThat(pushAndFetch(repo, "default", BuildSpec.builder()), containsString(attestationManifest));

        String off = pushAndFetch(repo, "off", BuildSpec.builder().provenance("false"));
        assertThat(off, not(containsString("attestation-manifest")));
        assertThat("a plain image manifest", off, containsString("\"layers\""));

        String max = pushAndFetch(repo, "max", BuildSpec.builder().provenance("mode=max"));
        String statement = attestationStatement(repo, max, "https://slsa.dev/provenance/");
        assertThat(statement, containsString("https://slsa.dev/provenance/"));
        assertThat("mode=max records the build's definition", statement, containsString("\"buildConfig\""));
    }

    /**
     * An SBOM from a scanner image of our own (BuildKit's SBOM generator protocol: an in-toto
     * statement with an SPDX predicate in {@code $BUILDKIT_SCAN_DESTINATION/<name>.spdx.json} for
     * {@code $BUILDKIT_SCAN_SOURCE}), since the default scanner cannot be pulled here.
     */
    @Test
    public void sbomAttestationComesFromTheGivenGenerator() throws Exception {
        Path scanner = tmp.newFolder("scanner").toPath();
        ContextFixtures.writeSbomScanner(scanner, env.busybox);
        String scannerImage = env.registry + "/it/scanner:" + System.nanoTime();
        build(BuildSpec.builder().context(scanner.toString()).tag(scannerImage).push(true).provenance("false")
                .registryCredential(env.registry, new RegistryCredential(env.registryUser, env.registryPassword)).build(), SecretMasker.NONE);

        String repo = "it/sbom";
        String index = pushAndFetch(repo, "sbom", BuildSpec.builder().provenance("false").sbom("generator=" + scannerImage));
        String statement = attestationStatement(repo, index, "https://spdx.dev/Document");
        assertThat(statement, containsString("scanned-by-the-test"));
        assertThat("the scanner saw the image's one file", statement, containsString("files-1"));
    }

    /** A named local context, an extra hosts line, no network, an insecure step the daemon allows, ulimit and shm size. */
    @Test
    public void namedContextsHostsNetworkAndEntitlementsReachTheBuild() throws Exception {
        Path extra = tmp.newFolder("shared-files").toPath();
        ContextFixtures.write(extra.resolve("from-extra.txt"), "named context\n");
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\nCOPY --from=shared from-extra.txt /out/\n"
                + "RUN /bin/busybox grep db.internal /etc/hosts > /out/hosts\n"
                + "RUN /bin/busybox ls /sys/class/net > /out/net\n"
                + "RUN /bin/busybox grep CapEff /proc/self/status > /out/caps-default\n"
                + "RUN --security=insecure /bin/busybox grep CapEff /proc/self/status > /out/caps-insecure\n"
                + "RUN ulimit -n > /out/nofile && /bin/busybox df -k /dev/shm | /bin/busybox tail -1 > /out/shm\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        Path out = tmp.newFolder("named-out").toPath();
        build(BuildSpec.builder().context(ctx.toString()).noCache(true).buildContext("shared=" + extra)
                .addHost("db.internal:10.1.2.3").network("none").allow("security.insecure").ulimit("nofile=1234:1234").shmSize("96m")
                .output("type=local,dest=" + out).build(), SecretMasker.NONE);
        assertEquals("named context\n", Files.readString(out.resolve("out/from-extra.txt")));
        assertThat(Files.readString(out.resolve("out/hosts")), containsString("10.1.2.3"));
        assertEquals("network none leaves only the loopback", "lo", Files.readString(out.resolve("out/net")).trim());
        assertEquals("1234", Files.readString(out.resolve("out/nofile")).trim());
        assertThat("/dev/shm has the size asked for", Files.readString(out.resolve("out/shm")), containsString(" 98304 "));
        assertNotEquals("an insecure step has the capabilities a sandboxed one lacks",
                Files.readString(out.resolve("out/caps-default")), Files.readString(out.resolve("out/caps-insecure")));
    }

    @Test
    public void pushWithWrongCredentialsFailsNamingTheRegistry() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "x");
        try {
            build(BuildSpec.builder().context(ctx.toString())
                    .tag(env.registry + "/it/denied:1").push(true)
                    .registryCredential(env.registry, new RegistryCredential(env.registryUser, "wrong-password"))
                    .build(), SecretMasker.NONE);
            fail("push with a wrong password succeeded");
        } catch (BuildKitException e) {
            assertThat(e.getMessage(), containsString(env.registry));
            assertThat(e.getMessage().toLowerCase(), containsString("unauthorized"));
        }
    }

    @Test
    public void failingRunNamesTheStepAndShowsTheTailOfItsLog() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\nRUN echo preparing && echo the-last-words && exit 3\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        try {
            build(BuildSpec.builder().context(ctx.toString()).noCache(true).build(), SecretMasker.NONE);
            fail("a RUN that exits 3 succeeded");
        } catch (BuildKitException e) {
            assertThat(e.getMessage(), containsString("RUN echo preparing && echo the-last-words && exit 3"));
            assertThat(e.getMessage(), containsString("exit code: 3"));
            assertThat(e.getMessage(), containsString("the-last-words"));
        }
        assertThat(consoleText(), containsString("ERROR:"));
    }

    @Test
    public void secondIdenticalBuildIsCached() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\nCOPY marker /\nRUN echo cached-run > /f\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        ContextFixtures.write(ctx.resolve("marker"), "unique " + System.nanoTime());
        BuildSpec spec = BuildSpec.builder().context(ctx.toString())
                .output("type=local,dest=" + tmp.getRoot().toPath().resolve("out")).build();
        SolveResult first = build(spec, SecretMasker.NONE);
        console.reset();
        SolveResult second = build(spec, SecretMasker.NONE);
        assertThat(consoleText(), containsString("CACHED"));
        assertTrue("second build reports cached steps", second.cachedSteps() > first.cachedSteps());
    }

    @Test
    public void tarAndOciExportsLandInFiles() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "in a tarball");
        Path tar = tmp.getRoot().toPath().resolve("exports/out.tar");
        build(BuildSpec.builder().context(ctx.toString()).output("type=tar,dest=" + tar).build(), SecretMasker.NONE);
        List<String> names = TarEntries.names(tar);
        assertTrue(names.toString(), names.contains("data.txt"));

        Path oci = tmp.getRoot().toPath().resolve("exports/out-oci.tar");
        build(BuildSpec.builder().context(ctx.toString()).output("type=oci,dest=" + oci).build(), SecretMasker.NONE);
        List<String> ociNames = TarEntries.names(oci);
        assertTrue(ociNames.toString(), ociNames.contains("index.json"));
        assertTrue(ociNames.toString(), ociNames.contains("oci-layout"));
    }

    @Test
    public void contentIsStreamedNotHeld() throws Exception {
        byte[] head = "streamed".getBytes(StandardCharsets.UTF_8);
        Path ctx = newContext("FROM scratch\nCOPY rootfs/ /\nCOPY huge.bin /huge.bin\nRUN wc -c < /huge.bin\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        ContextFixtures.writeRandomFile(ctx.resolve("huge.bin"), 16L * 1024 * 1024, 7);
        Path out = tmp.getRoot().toPath().resolve("out");
        build(BuildSpec.builder().context(ctx.toString()).noCache(true).output("type=local,dest=" + out).build(), SecretMasker.NONE);
        assertArrayEquals(Files.readAllBytes(ctx.resolve("huge.bin")), Files.readAllBytes(out.resolve("huge.bin")));
        assertThat(consoleText(), containsString("16777216"));
        assertEquals(8, head.length);
    }

    /** {@code --load} from a daemon outside Docker: the image lands in this machine's engine, as buildx's remote driver does. */
    @Test
    public void loadPutsTheImageIntoThisMachinesEngine() throws Exception {
        Path ctx = newContext("FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "loaded from a remote daemon " + System.nanoTime());
        String tag = "buildkit-it/remote-load:" + System.nanoTime();
        try (io.jenkins.plugins.buildkit.driver.docker.DockerEngine engine = new io.jenkins.plugins.buildkit.driver.docker.DockerEngine(
                new io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint(null, null), java.time.Duration.ofSeconds(20))) {
            try {
                SolveResult result = build(BuildSpec.builder().context(ctx.toString()).tag(tag).output("type=docker").build(), SecretMasker.NONE);
                assertEquals(result.exporterResponse().get("containerimage.config.digest"), engine.api().inspectImageCmd(tag).exec().getId());
            } finally {
                try {
                    engine.api().removeImageCmd(tag).withForce(true).exec();
                } catch (RuntimeException notLoaded) {
                    // the assertion says why
                }
            }
        }
    }
}
