package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import com.github.dockerjava.api.command.InspectImageResponse;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.SecretSource;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.docker.DockerEngine;
import io.jenkins.plugins.buildkit.progress.PlainRenderer;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Builds with the Docker Engine's own BuildKit (Debian's docker.io). */
public class DockerDriverIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private DockerEngine engine;
    private final String tag = "buildkit-it/docker-driver:" + System.nanoTime();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        assumeTrue("no Docker Engine", Files.exists(Path.of("/var/run/docker.sock")) || System.getenv("CI") != null);
        engine = new DockerEngine(new DockerEndpoint(null, null), Duration.ofSeconds(20));
    }

    @After
    public void removeImage() throws Exception {
        if (engine != null) {
            try {
                engine.api().removeImageCmd(tag).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // not built
            }
            engine.close();
        }
    }

    private DockerDriver driver() {
        return new DockerDriver("local-engine", new DockerEndpoint(null, null), Duration.ofSeconds(20));
    }

    private SolveResult build(BuildSpec spec, SecretMasker masker) throws Exception {
        try {
            return DriverBuild.run(driver(), spec, new PlainRenderer(new PrintStream(console, true, StandardCharsets.UTF_8), masker));
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void buildLandsInTheEngineUnderItsTagWithRunSecretAndInlineCache() throws Exception {
        String secret = "engine-secret-" + System.nanoTime();
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n"
                + "RUN echo ran-in-engine > /ran\n"
                + "RUN --mount=type=secret,id=token cp /run/secrets/token /seen && echo \"secret is $(cat /run/secrets/token)\"\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        SolveResult result = build(BuildSpec.builder().context(ctx.toString()).tag(tag).noCache(true)
                .secret(SecretSource.ofValue("token", secret.getBytes(StandardCharsets.UTF_8)))
                .cacheTo("type=inline").build(), new SecretMasker(List.of(secret)));
        assertEquals("the names, as Buildx's metadata gives them", tag, result.imageName());

        InspectImageResponse image = engine.api().inspectImageCmd(tag).exec();
        assertNotNull(image.getId());
        assertTrue(image.getRepoTags().toString(), image.getRepoTags().contains(tag));
        String text = console.toString(StandardCharsets.UTF_8);
        assertThat(text, containsString("RUN echo ran-in-engine > /ran"));
        assertThat(text, containsString("secret is ****"));
        assertThat(text, not(containsString(secret)));
    }

    @Test
    public void pushGoesThroughTheEngineAndReturnsTheRegistryDigest() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "pushed by the engine " + System.nanoTime());
        String repo = "it/engine-push";
        String version = "v" + System.nanoTime();
        String pushed = env.registry + "/" + repo + ":" + version;
        try {
            SolveResult result = build(BuildSpec.builder().context(ctx.toString()).tag(pushed).push(true)
                    .registryCredential(env.registry, new io.jenkins.plugins.buildkit.client.RegistryCredential(env.registryUser, env.registryPassword))
                    .build(), new SecretMasker(List.of(env.registryPassword)));
            java.net.http.HttpResponse<String> manifest = new RegistryClient(env).manifest(repo, version);
            assertEquals(200, manifest.statusCode());
            assertEquals(manifest.headers().firstValue("Docker-Content-Digest").orElseThrow(), result.imageDigest());
        } finally {
            try {
                engine.api().removeImageCmd(pushed).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // not built
            }
        }
    }

    @Test
    public void localOutputWorksThroughTheEngine() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "exported by the engine");
        Path out = tmp.getRoot().toPath().resolve("out");
        // Buildx stores no image when only local files are asked for, tags or not; nor does the result name one.
        SolveResult result = build(BuildSpec.builder().context(ctx.toString()).tag(tag).output("type=local,dest=" + out).build(),
                SecretMasker.NONE);
        assertEquals("exported by the engine", Files.readString(out.resolve("data.txt")));
        assertEquals(null, result.imageName());
    }

    /** The docker driver, counting connections: a refused build must not even connect. */
    private static final class CountingDriver implements io.jenkins.plugins.buildkit.driver.Driver {
        final DockerDriver inner;
        int connects;

        CountingDriver(DockerDriver inner) {
            this.inner = inner;
        }

        @Override public String builderName() { return inner.builderName(); }
        @Override public String driverName() { return inner.driverName(); }
        @Override public void bootstrap(PrintStream log, java.util.Map<String, io.jenkins.plugins.buildkit.client.RegistryCredential> auth)
                throws io.jenkins.plugins.buildkit.client.BuildKitException {
            inner.bootstrap(log, auth);
        }
        @Override public io.jenkins.plugins.buildkit.driver.DriverStatus status() { return inner.status(); }
        @Override public io.jenkins.plugins.buildkit.client.BuildKitClient connect() throws io.jenkins.plugins.buildkit.client.BuildKitException {
            connects++;
            return inner.connect();
        }
        @Override public void stop() { }
        @Override public void remove(boolean keepState, boolean keepDaemon) { }
        @Override public java.util.Set<io.jenkins.plugins.buildkit.driver.DriverFeature> features() { return inner.features(); }
        @Override public List<io.jenkins.plugins.buildkit.build.OutputSpec> outputs(BuildSpec spec) { return inner.outputs(spec); }
    }

    @Test
    public void refusedFeaturesNameBuilderDriverFeatureAndAlternativeBeforeAnySolve() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\n");
        Path dir = tmp.getRoot().toPath();
        Object[][] cases = {
            {BuildSpec.builder().context(ctx.toString()).cacheTo("type=registry,ref=" + env.registry + "/c:1"), "cache export other than inline (asked for type=registry)"},
            {BuildSpec.builder().context(ctx.toString()).cacheTo("type=local,dest=" + dir.resolve("cache")), "cache export other than inline (asked for type=local)"},
            {BuildSpec.builder().context(ctx.toString()).output("type=tar,dest=" + dir.resolve("o.tar")), "tar, oci and docker outputs (asked for type=tar)"},
            {BuildSpec.builder().context(ctx.toString()).output("type=oci,dest=" + dir.resolve("o.oci")), "tar, oci and docker outputs (asked for type=oci)"},
            {BuildSpec.builder().context(ctx.toString()).output("type=docker,dest=" + dir.resolve("o.docker")), "tar, oci and docker outputs (asked for type=docker)"},
            {BuildSpec.builder().context(ctx.toString()).platform("linux/amd64,linux/arm64"), "building for several platforms (asked for linux/amd64,linux/arm64)"},
            {BuildSpec.builder().context(ctx.toString()).provenance("mode=max"), "attestations (provenance, SBOM) (asked for type=provenance)"},
            {BuildSpec.builder().context(ctx.toString()).attest("type=sbom"), "attestations (provenance, SBOM) (asked for type=sbom)"},
        };
        for (Object[] c : cases) {
            CountingDriver driver = new CountingDriver(driver());
            try {
                DriverBuild.run(driver, ((BuildSpec.Builder) c[0]).build(), io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
                org.junit.Assert.fail("accepted: " + c[1]);
            } catch (io.jenkins.plugins.buildkit.driver.UnsupportedFeatureException e) {
                assertThat(e.getMessage(), containsString("builder \"local-engine\" (driver docker) does not support " + c[1]));
                assertThat(e.getMessage(), containsString("use a builder with the docker-container driver instead"));
            }
            assertEquals("no connection for a refused build", 0, driver.connects);
        }
    }

    @Test
    public void dockerHostWithTlsFromTheDockerEnvironment() throws Exception {
        String tlsHost = System.getenv("BUILDKIT_TEST_DOCKER_TLS_HOST");
        if (tlsHost == null || tlsHost.isEmpty()) {
            assumeTrue("the Docker Engine was not started by ci/test-env.sh, so it has no TLS port", System.getenv("CI") != null);
            org.junit.Assert.fail("BUILDKIT_TEST_DOCKER_TLS_HOST is not set under CI");
        }
        Path certs = tmp.newFolder("docker-certs").toPath();
        Files.copy(env.certs.resolve("ca.pem"), certs.resolve("ca.pem"));
        Files.copy(env.certs.resolve("client.pem"), certs.resolve("cert.pem"));
        Files.copy(env.certs.resolve("client-key.pem"), certs.resolve("key.pem"));
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment(java.util.Map.of(
                "DOCKER_HOST", tlsHost, "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
        assertNotNull(endpoint.tls());
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "over tcp with TLS");
        DriverBuild.run(new DockerDriver("tls-engine", endpoint, Duration.ofSeconds(20)),
                BuildSpec.builder().context(ctx.toString()).tag(tag).build(), io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        assertTrue(engine.api().inspectImageCmd(tag).exec().getRepoTags().contains(tag));
    }
}
