package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A dedicated BuildKit container, created and managed through the real engine's API. */
public class ContainerDriverIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private DockerEngine engine;
    private final String builder = "it" + Long.toHexString(System.nanoTime());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        engine = new DockerEngine(new DockerEndpoint(null, null), Duration.ofSeconds(20));
    }

    @After
    public void cleanUp() throws Exception {
        driver(Map.of()).remove(false, false);
        if (secondBuilder != null) {
            secondBuilder.remove(false, false);
        }
        engine.close();
    }

    private ContainerDriver secondBuilder;

    /** A builder whose buildkitd.toml trusts the test registry's CA: the file on this machine, copied into the container. */
    private ContainerDriver trustingDriver(String name) {
        Map<String, String> opts = testOptions();
        String toml = "[registry.\"" + env.registry + "\"]\n  http = false\n  ca = [\"" + env.certs.resolve("ca.pem") + "\"]\n";
        return new ContainerDriver(name, new DockerEndpoint(null, null), ContainerDriverOptions.parse(opts), Duration.ofSeconds(30), toml);
    }

    private ContainerDriver driver(Map<String, String> extra) {
        Map<String, String> opts = testOptions();
        opts.putAll(extra);
        return new ContainerDriver(builder, new DockerEndpoint(null, null), ContainerDriverOptions.parse(opts), Duration.ofSeconds(30));
    }

    /** The local test image, host networking, and what this sandbox's engine can grant instead of --privileged. */
    private static Map<String, String> testOptions() {
        return new HashMap<>(Map.of("image", System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local"),
                "network", "host", "privileged", "false", "buildkitd-flags", "--oci-worker-net=host"));
    }

    private boolean containerExists(String name) {
        return !engine.api().listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec().isEmpty();
    }

    private boolean volumeExists(String name) {
        return engine.api().listVolumesCmd().exec().getVolumes().stream().anyMatch(v -> v.getName().equals(name));
    }

    private String build(ContainerDriver driver, Path ctx) throws Exception {
        console.reset();
        Path out = tmp.getRoot().toPath().resolve("out-" + System.nanoTime());
        DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + out).build(),
                new PlainRenderer(new PrintStream(console, true, StandardCharsets.UTF_8), SecretMasker.NONE));
        System.out.print(console.toString(StandardCharsets.UTF_8));
        return Files.readString(out.resolve("ran"));
    }

    private Path context() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN echo ran-in-container > /ran\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        return ctx;
    }

    @Test
    public void bootstrapBuildStopBuildRemove() throws Exception {
        ContainerDriver driver = driver(Map.of());
        assertEquals(DriverStatus.INACTIVE, driver.status());
        Path ctx = context();

        assertEquals("ran-in-container\n", build(driver, ctx));
        assertEquals(DriverStatus.RUNNING, driver.status());
        assertTrue(containerExists(driver.containerName()));
        assertTrue(volumeExists(driver.volumeName()));

        driver.stop();
        assertEquals(DriverStatus.STOPPED, driver.status());
        assertEquals("ran-in-container\n", build(driver, ctx));
        assertEquals(DriverStatus.RUNNING, driver.status());
        assertThat(console.toString(StandardCharsets.UTF_8), containsString("CACHED"));

        driver.remove(false, false);
        assertFalse(containerExists(driver.containerName()));
        assertFalse(volumeExists(driver.volumeName()));
        assertEquals(DriverStatus.INACTIVE, driver.status());
    }

    @Test
    public void keepStateKeepsTheCacheForTheNextBootstrap() throws Exception {
        ContainerDriver driver = driver(Map.of());
        Path ctx = context();
        build(driver, ctx);
        driver.remove(true, false);
        assertFalse(containerExists(driver.containerName()));
        assertTrue(volumeExists(driver.volumeName()));
        build(driver, ctx);
        assertThat(console.toString(StandardCharsets.UTF_8), containsString("CACHED"));
    }

    @Test
    public void unknownOptionIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> driver(Map.of("colour", "blue")));
        assertThat(e.getMessage(), containsString("unknown driver option \"colour\" for the docker-container driver"));
        assertThat(assertThrows(IllegalArgumentException.class, () -> driver(Map.of("memory", "lots"))).getMessage(),
                containsString("driver option memory: \"lots\" is not a size"));
    }

    @Test
    public void missingImageIsAClearErrorAndLeavesNothing() throws Exception {
        ContainerDriver driver = driver(Map.of("image", "127.0.0.1:1/no/such-image:1"));
        BuildKitException e = assertThrows(BuildKitException.class, () -> driver.bootstrap(new PrintStream(new ByteArrayOutputStream()), Map.of()));
        assertThat(e.getMessage(), containsString("cannot pull image \"127.0.0.1:1/no/such-image:1\""));
        assertFalse(containerExists(driver.containerName()));
    }

    @Test
    public void twoBuildsFindingTheBuilderMissingCreateOneContainer() throws Exception {
        Path ctx = context();
        ContainerDriver first = driver(Map.of());
        ContainerDriver second = driver(Map.of());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<String>> builds = pool.invokeAll(List.of(
                    () -> buildQuietly(first, ctx), () -> buildQuietly(second, ctx)));
            for (java.util.concurrent.Future<String> b : builds) {
                assertEquals("ran-in-container\n", b.get());
            }
        } finally {
            pool.shutdownNow();
        }
        long containers = engine.api().listContainersCmd().withShowAll(true).exec().stream()
                .filter(c -> java.util.Arrays.stream(c.getNames()).anyMatch(n -> n.contains(first.containerName()))).count();
        assertEquals(1, containers);
    }

    private String buildQuietly(ContainerDriver driver, Path ctx) throws Exception {
        Path out = tmp.getRoot().toPath().resolve("out-" + System.nanoTime());
        DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + out).build(),
                io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        return Files.readString(out.resolve("ran"));
    }

    @Test
    public void ociAndTarOutputsAreValid() throws Exception {
        ContainerDriver driver = driver(Map.of());
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "in the container's export");
        Path tar = tmp.getRoot().toPath().resolve("o.tar");
        Path oci = tmp.getRoot().toPath().resolve("o-oci.tar");
        DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString()).output("type=tar,dest=" + tar).build(),
                io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString()).output("type=oci,dest=" + oci).build(),
                io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        assertTrue(TarEntries.names(tar).contains("data.txt"));
        List<String> ociNames = TarEntries.names(oci);
        assertTrue(ociNames.toString(), ociNames.contains("index.json") && ociNames.contains("oci-layout"));
    }

    @Test
    public void loadAndDefaultLoadPutTheImageIntoTheEngine() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "loaded " + System.nanoTime());
        String loaded = "buildkit-it/container-load:" + System.nanoTime();
        String byDefault = "buildkit-it/container-default-load:" + System.nanoTime();
        try {
            DriverBuild.run(driver(Map.of()), BuildSpec.builder().context(ctx.toString()).tag(loaded).output("type=docker").build(),
                    io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
            assertTrue(engine.api().inspectImageCmd(loaded).exec().getRepoTags().contains(loaded));
            DriverBuild.run(driver(Map.of("default-load", "true")), BuildSpec.builder().context(ctx.toString()).tag(byDefault).build(),
                    io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
            assertTrue(engine.api().inspectImageCmd(byDefault).exec().getRepoTags().contains(byDefault));
        } finally {
            for (String image : List.of(loaded, byDefault)) {
                try {
                    engine.api().removeImageCmd(image).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // not loaded
                }
            }
        }
    }

    @Test
    public void twoPlatformPushYieldsAnIndexWithBoth() throws Exception {
        ContainerDriver driver = trustingDriver(builder);
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nARG TARGETPLATFORM\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "multi " + System.nanoTime());
        String repo = "it/multi";
        String version = "v" + System.nanoTime();
        io.jenkins.plugins.buildkit.client.SolveResult result = DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString())
                .platform("linux/amd64,linux/arm64").tag(env.registry + "/" + repo + ":" + version).push(true)
                .registryCredential(env.registry, new io.jenkins.plugins.buildkit.client.RegistryCredential(env.registryUser, env.registryPassword))
                .build(), io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        java.net.http.HttpResponse<String> index = new RegistryClient(env).manifest(repo, version);
        assertEquals(200, index.statusCode());
        assertEquals(index.headers().firstValue("Docker-Content-Digest").orElseThrow(), result.imageDigest());
        String compact = index.body().replaceAll("\\s", "");
        assertThat(compact, containsString("\"mediaType\":\"application/vnd.oci.image.index.v1+json\""));
        assertThat(compact, containsString("\"architecture\":\"amd64\""));
        assertThat(compact, containsString("\"architecture\":\"arm64\""));
    }

    @Test
    public void registryCacheExportedByOneBuilderIsUsedByAFreshOne() throws Exception {
        ContainerDriver exporter = trustingDriver(builder);
        secondBuilder = trustingDriver(builder + "b");
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nCOPY marker /\nRUN echo cached-from-registry > /ran\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        ContextFixtures.write(ctx.resolve("marker"), "marker " + System.nanoTime());
        String cacheRef = env.registry + "/it/cache:" + System.nanoTime();
        io.jenkins.plugins.buildkit.client.RegistryCredential auth = new io.jenkins.plugins.buildkit.client.RegistryCredential(env.registryUser, env.registryPassword);
        DriverBuild.run(exporter, BuildSpec.builder().context(ctx.toString()).cacheTo("type=registry,ref=" + cacheRef + ",mode=max")
                .registryCredential(env.registry, auth).build(), io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        console.reset();
        DriverBuild.run(secondBuilder, BuildSpec.builder().context(ctx.toString()).cacheFrom("type=registry,ref=" + cacheRef)
                .registryCredential(env.registry, auth).output("type=local,dest=" + tmp.getRoot().toPath().resolve("from-cache")).build(),
                new PlainRenderer(new PrintStream(console, true, StandardCharsets.UTF_8), SecretMasker.NONE));
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text, containsString("RUN echo cached-from-registry > /ran"));
        assertThat(text, containsString("CACHED"));
        assertEquals("cached-from-registry\n", Files.readString(tmp.getRoot().toPath().resolve("from-cache/ran")));
    }

    @Test
    public void readinessTimeoutIsAClearErrorWithTheLogAndLeavesNothing() throws Exception {
        // buildkitd listens where buildctl does not look, so it never answers.
        Map<String, String> opts = testOptions();
        opts.put("buildkitd-flags", "--oci-worker-net=host --addr unix:///run/elsewhere.sock");
        ContainerDriver driver = new ContainerDriver(builder, new DockerEndpoint(null, null), ContainerDriverOptions.parse(opts),
                Duration.ofSeconds(4));
        BuildKitException e = assertThrows(BuildKitException.class, () -> driver.bootstrap(new PrintStream(new ByteArrayOutputStream()), Map.of()));
        assertThat(e.getMessage(), containsString("did not answer within 4s"));
        assertThat(e.getMessage(), containsString("its log ends with:"));
        assertThat(e.getMessage(), containsString("running server on /run/elsewhere.sock"));
        assertFalse(containerExists(driver.containerName()));
        assertFalse(volumeExists(driver.volumeName()));
    }

    @Test
    public void privateImageIsPulledWithCredentials() throws Exception {
        String local = System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local");
        String remoteRepo = env.registry + "/it/buildkit";
        String remoteTag = "t" + System.nanoTime();
        String remote = remoteRepo + ":" + remoteTag;
        com.github.dockerjava.api.model.AuthConfig auth = new com.github.dockerjava.api.model.AuthConfig()
                .withRegistryAddress(env.registry).withUsername(env.registryUser).withPassword(env.registryPassword);
        engine.api().tagImageCmd(local, remoteRepo, remoteTag).exec();
        engine.api().pushImageCmd(remote).withAuthConfig(auth).start().awaitCompletion();
        engine.api().removeImageCmd(remote).exec();
        Map<String, String> opts = testOptions();
        opts.put("image", remote);
        ContainerDriver driver = new ContainerDriver(builder, new DockerEndpoint(null, null), ContainerDriverOptions.parse(opts),
                Duration.ofSeconds(30));
        try {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            // the build's logins: only the one for the image's registry pulls it
            driver.bootstrap(new PrintStream(log, true, StandardCharsets.UTF_8), Map.of(
                    "registry.example.com", new io.jenkins.plugins.buildkit.client.RegistryCredential("someone", "else"),
                    env.registry, new io.jenkins.plugins.buildkit.client.RegistryCredential(env.registryUser, env.registryPassword)));
            assertThat(log.toString(StandardCharsets.UTF_8), containsString("pulling " + remote));
            System.out.print(log.toString(StandardCharsets.UTF_8));
            assertThat("the pull's progress is shown", log.toString(StandardCharsets.UTF_8), containsString("Digest: sha256:"));
            assertEquals(DriverStatus.RUNNING, driver.status());
        } finally {
            driver.remove(false, false);
            try {
                engine.api().removeImageCmd(remote).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // not pulled
            }
        }
    }

    @Test
    public void localCacheExportedByOneBuilderIsUsedByAFreshOne() throws Exception {
        ContainerDriver exporter = driver(Map.of());
        secondBuilder = new ContainerDriver(builder + "c", new DockerEndpoint(null, null), ContainerDriverOptions.parse(testOptions()),
                Duration.ofSeconds(30));
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nCOPY marker /\nRUN echo cached-from-local > /ran\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        ContextFixtures.write(ctx.resolve("marker"), "marker " + System.nanoTime());
        Path cacheDir = tmp.getRoot().toPath().resolve("cache");
        DriverBuild.run(exporter, BuildSpec.builder().context(ctx.toString()).cacheTo("type=local,dest=" + cacheDir + ",mode=max").build(),
                io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
        assertTrue(Files.exists(cacheDir.resolve("index.json")));
        assertTrue(Files.exists(cacheDir.resolve("oci-layout")));
        console.reset();
        DriverBuild.run(secondBuilder, BuildSpec.builder().context(ctx.toString()).cacheFrom("type=local,src=" + cacheDir)
                .output("type=local,dest=" + tmp.getRoot().toPath().resolve("from-local-cache")).build(),
                new PlainRenderer(new PrintStream(console, true, StandardCharsets.UTF_8), SecretMasker.NONE));
        String text = console.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text, containsString("RUN echo cached-from-local > /ran"));
        assertThat(text, containsString("CACHED"));
        assertEquals("cached-from-local\n", Files.readString(tmp.getRoot().toPath().resolve("from-local-cache/ran")));
    }
}
