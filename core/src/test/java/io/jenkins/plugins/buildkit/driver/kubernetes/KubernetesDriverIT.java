package io.jenkins.plugins.buildkit.driver.kubernetes;

import io.jenkins.plugins.buildkit.it.ContextFixtures;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.DriverKind;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.docker.DockerEngine;
import io.jenkins.plugins.buildkit.progress.PlainRenderer;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** BuildKit pods made, used and removed on a real single-node Kubernetes (ci/k8s). */
public class KubernetesDriverIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final String builder = "it-" + Long.toHexString(System.nanoTime());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private String kubeconfig;
    private KubernetesClient cluster;
    private Driver driver;

    @Before
    public void setUp() throws Exception {
        kubeconfig = TestCluster.kubeconfig();
        threadsBefore = io.jenkins.plugins.buildkit.it.SessionThreads.alive();
        cluster = new KubernetesClientBuilder().withConfig(ClusterAccess.fromKubeconfig(kubeconfig, "test")).build();
    }

    @After
    public void cleanUp() throws Exception {
        try {
            if (driver != null) {
                try (Driver removed = driver) {
                    removed.remove(false, false);
                }
                assertTrue("rm left pods behind", cluster.pods().withLabel("app", builder).list().getItems().isEmpty());
                assertNull(cluster.apps().deployments().withName(builder).get());
                assertNull(cluster.configMaps().withName(builder + "-config").get());
                assertNull(cluster.secrets().withName(builder + "-keys").get());
                assertNull(cluster.secrets().withName(builder + "-pull").get());
            }
            // an exec stream's reader thread must end with its connection
            io.jenkins.plugins.buildkit.it.SessionThreads.assertNoneLeftSince(threadsBefore);
        } finally {
            cluster.close();
        }
    }

    private java.util.Set<Thread> threadsBefore;

    private Driver driver(Map<String, String> extra, String buildkitdConfig) throws java.io.IOException {
        return driver(extra, buildkitdConfig, Map.of());
    }

    /** @param environment the build machine's, where a load finds its Docker Engine */
    private Driver driver(Map<String, String> extra, String buildkitdConfig, Map<String, String> environment) throws java.io.IOException {
        Map<String, String> options = new HashMap<>();
        options.put("image", System.getenv().getOrDefault("BUILDKIT_TEST_K8S_BUILDKIT_IMAGE", "docker.io/moby/buildkit:buildx-stable-1"));
        options.putAll(extra);
        driver = DriverKind.KUBERNETES.create(new DriverKind.Settings(builder, null, null, options, buildkitdConfig,
                environment, null, SecretValue.of(kubeconfig), null, List.of("linux/amd64")));
        return driver;
    }

    private PrintStream log() {
        return new PrintStream(console, true, StandardCharsets.UTF_8);
    }

    private SolveResult build(BuildSpec spec) throws Exception {
        try {
            return DriverBuild.run(driver, spec, new PlainRenderer(log(), SecretMasker.NONE), log());
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    public void twoReplicasRunAStepExportItsFilesAndKeepAContextOnOnePod() throws Exception {
        driver(Map.of("replicas", "2"), "debug = true\n");
        driver.bootstrap(log(), Map.of());
        assertThat(console.toString(StandardCharsets.UTF_8), containsString("created deployment default/" + builder));
        assertThat(console.toString(StandardCharsets.UTF_8), containsString("created configmap default/" + builder + "-config"));
        assertEquals(DriverStatus.RUNNING, driver.status());
        List<String> pods = cluster.pods().withLabel("app", builder).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList();
        assertEquals(2, pods.size());
        // inspect lists both pods, each asked for its own platforms
        io.jenkins.plugins.buildkit.driver.BuilderInfo info = io.jenkins.plugins.buildkit.driver.BuilderInfo.inspect(driver);
        assertEquals(pods.stream().sorted().toList(), info.nodes().stream().map(io.jenkins.plugins.buildkit.driver.BuilderInfo.Node::name).toList());
        info.nodes().forEach(n -> assertTrue(n.toString(), n.state().equals("Running") && n.platforms().contains("linux/amd64")));

        Path ctx = tmp.newFolder("ctx").toPath();
        ContextFixtures.addBusyboxRootfs(ctx, Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX", "/bin/busybox")));
        byte[] payload = new byte[300_000];
        new java.util.Random(7).nextBytes(payload);
        Files.write(ctx.resolve("payload.bin"), payload);
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch AS work\nCOPY rootfs/ /\nCOPY payload.bin /in/\n"
                + "RUN mkdir /out && cp /in/payload.bin /out/\n"
                + "FROM scratch\nCOPY --from=work /out/ /\n");
        Path first = tmp.newFolder("first").toPath();
        Path second = tmp.newFolder("second").toPath();
        build(BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + first).build());
        int firstEnd = console.size();
        build(BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + second).build());
        String secondLog = console.toString(StandardCharsets.UTF_8).substring(firstEnd);

        assertArrayEquals("the file the RUN step wrote came back byte for byte", payload, Files.readAllBytes(first.resolve("payload.bin")));
        assertArrayEquals(payload, Files.readAllBytes(second.resolve("payload.bin")));
        // Each pod has a cache of its own: only the pod that ran the RUN step has it cached.
        assertTrue("sticky load balancing sends the same context to the same pod, whose cache has the RUN step:\n" + secondLog,
                cachedRun("work 3/3", secondLog));
    }

    @Test
    public void theOptionsLandOnTheObjects() throws Exception {
        driver(Map.ofEntries(Map.entry("nodeselector", "kubernetes.io/hostname=localhost"),
                Map.entry("tolerations", "key=ci,operator=Equal,value=yes,effect=NoSchedule;key=spot,operator=Exists"),
                Map.entry("requests.cpu", "100m"), Map.entry("requests.memory", "64Mi"),
                Map.entry("requests.ephemeral-storage", "100Mi"), Map.entry("limits.memory", "2Gi"),
                Map.entry("labels", "team=ci,tier=build"), Map.entry("annotations", "owner=jenkins"),
                Map.entry("serviceaccount", "default"), Map.entry("env.BUILDKIT_STEP_LOG_MAX_SIZE", "1048576"),
                Map.entry("timeout", "90")), null);
        driver.bootstrap(log(), Map.of());
        Deployment d = cluster.apps().deployments().withName(builder).get();
        assertEquals("ci", d.getMetadata().getLabels().get("team"));
        assertEquals(builder, d.getMetadata().getLabels().get("app"));
        assertEquals("jenkins", d.getMetadata().getAnnotations().get("owner"));
        assertEquals("linux/amd64", d.getMetadata().getAnnotations().get("buildx.docker.com/platform"));
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        assertEquals(Map.of("kubernetes.io/hostname", "localhost"), pod.getNodeSelector());
        assertEquals(2, pod.getTolerations().size());
        assertEquals("Exists", pod.getTolerations().get(1).getOperator());
        assertEquals("default", pod.getServiceAccountName());
        Container c = pod.getContainers().get(0);
        assertEquals("buildkitd", c.getName());
        assertTrue(c.getSecurityContext().getPrivileged());
        assertEquals("100m", c.getResources().getRequests().get("cpu").toString());
        assertEquals("ephemeral-storage is a request, where it was asked for", "100Mi",
                c.getResources().getRequests().get("ephemeral-storage").toString());
        assertEquals("2Gi", c.getResources().getLimits().get("memory").toString());
        assertEquals("1048576", c.getEnv().stream().filter(e -> e.getName().equals("BUILDKIT_STEP_LOG_MAX_SIZE")).findFirst().orElseThrow().getValue());
        assertEquals(List.of("buildctl", "debug", "workers"), c.getReadinessProbe().getExec().getCommand());
        assertEquals("ready pods carry the template's labels", 1,
                cluster.pods().withLabel("tier", "build").withLabel("app", builder).list().getItems().size());
    }

    @Test
    public void podsThatNeverGetReadyFailWithinTheTimeoutShowingWhy() throws Exception {
        driver(Map.of("schedulername", "no-such-scheduler", "timeout", "6"), null);
        long start = System.nanoTime();
        BuildKitException e = assertThrows(BuildKitException.class, () -> driver.bootstrap(log(), Map.of()));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue("gave up after " + seconds + "s", seconds < 20);
        assertThat(e.getMessage(), containsString("0/1 pods ready after 6s"));
        assertThat(e.getMessage(), containsString("Pending"));
        assertThat(console.toString(StandardCharsets.UTF_8), containsString("waiting for 0/1 pods ready"));
    }

    /**
     * {@code --load} and {@code default-load}: the image built in a pod lands in the Docker Engine of
     * the machine that runs the build (the local socket), with the config digest the build reported.
     */
    @Test
    public void loadAndDefaultLoadPutThePodsImageIntoTheBuildMachinesEngine() throws Exception {
        Path ctx = tmp.newFolder("load-ctx").toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(ctx.resolve("data.txt"), "loaded from a pod " + builder + "\n");
        String loaded = "buildkit-it/k8s-load:" + builder;
        String byDefault = "buildkit-it/k8s-default-load:" + builder;
        driver(Map.of(), null);
        try (DockerEngine engine = new DockerEngine(new DockerEndpoint(null, null), java.time.Duration.ofSeconds(20))) {
            try {
                SolveResult result = build(BuildSpec.builder().context(ctx.toString()).tag(loaded).output("type=docker").build());
                assertEquals(result.exporterResponse().get("containerimage.config.digest"), engine.api().inspectImageCmd(loaded).exec().getId());
                // the same pods: default-load is the client's, not part of the objects
                driver(Map.of("default-load", "true"), null);
                build(BuildSpec.builder().context(ctx.toString()).tag(byDefault).build());
                assertTrue(engine.api().inspectImageCmd(byDefault).exec().getRepoTags().contains(byDefault));
            } finally {
                for (String image : List.of(loaded, byDefault)) {
                    try {
                        engine.api().removeImageCmd(image).withForce(true).exec();
                    } catch (RuntimeException notLoaded) {
                        // the assertion above says why
                    }
                }
            }
        }
    }

    /** A load with no engine answering on the build machine is refused before any pod is made. */
    @Test
    public void loadWithoutAnEngineIsRefusedBeforeAnythingIsMade() throws Exception {
        driver(Map.of(), null, Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        Path ctx = tmp.newFolder("noload-ctx").toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\n");
        io.jenkins.plugins.buildkit.build.InvalidRequestException e = assertThrows(io.jenkins.plugins.buildkit.build.InvalidRequestException.class,
                () -> build(BuildSpec.builder().context(ctx.toString()).tag("x:1").output("type=docker").build()));
        assertThat(e.getMessage(), containsString("none answers at unix:///nonexistent/docker.sock"));
        assertNull(cluster.apps().deployments().withName(builder).get());
    }

    @Test
    public void badOptionsAreRefusedNamingTheOptionBeforeAnythingIsMade() throws Exception {
        Map<String, String> bad = Map.of("replicas", "zero", "requests.cpu", "lots", "loadbalance", "roundrobin",
                "labels", "app=mine", "annotations", "buildx.docker.com/platform=linux/arm64", "tolerations", "operator=Maybe",
                "rootless", "yes", "namespace", "Not_A_Namespace", "no-such-option", "1");
        for (Map.Entry<String, String> option : bad.entrySet()) {
            IllegalArgumentException e = assertThrows(option.toString(), IllegalArgumentException.class,
                    () -> driver(Map.of(option.getKey(), option.getValue()), null));
            assertThat(e.getMessage(), containsString(option.getKey()));
        }
        driver = null;
        assertTrue(cluster.apps().deployments().list().getItems().stream().noneMatch(d -> d.getMetadata().getName().equals(builder)));
    }

    @Test
    public void aWrongTokenIsAClearError() throws Exception {
        String server = cluster.getConfiguration().getMasterUrl();
        String ca = new String(java.util.Base64.getDecoder().decode(cluster.getConfiguration().getCaCertData() == null
                ? java.util.Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(cluster.getConfiguration().getCaCertFile())))
                : cluster.getConfiguration().getCaCertData()), StandardCharsets.US_ASCII);
        Driver wrong = DriverKind.KUBERNETES.create(new DriverKind.Settings(builder, server,
                new io.jenkins.plugins.buildkit.client.TlsConfig(ca, null, null, null), Map.of(), null, Map.of(), null, null,
                SecretValue.of("not-a-token"), List.of()));
        BuildKitException e = assertThrows(BuildKitException.class, () -> wrong.bootstrap(log(), Map.of()));
        assertThat(e.getMessage(), containsString(builder));
        assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT), containsString("unauthorized"));
    }

    /**
     * A push with a login, from a pod to the test registry. The registry listens on this machine's
     * loopback; {@code hostnetwork=true} (our option, not Buildx's) puts the pod on the node's network,
     * so the push never leaves loopback. buildkitd.toml names the registry's CA and a client key pair
     * by their paths on this machine: the files reach the pod through the ConfigMap and a Secret.
     */
    @Test
    public void aPodPushesToTheRegistryWithALogin() throws Exception {
        io.jenkins.plugins.buildkit.it.TestEnvironment env = io.jenkins.plugins.buildkit.it.TestEnvironment.require();
        driver(Map.of("hostnetwork", "true"), "[registry.\"" + env.registry + "\"]\n  http = false\n  ca = [\"" + env.certs.resolve("ca.pem") + "\"]\n"
                + "  [[registry.\"" + env.registry + "\".keypair]]\n    key = \"" + env.certs.resolve("client-key.pem") + "\"\n"
                + "    cert = \"" + env.certs.resolve("client.pem") + "\"\n");
        Path ctx = tmp.newFolder("push-ctx").toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        ContextFixtures.write(ctx.resolve("hello.txt"), builder + "\n");
        String repository = "it/k8s-" + builder;
        SolveResult result = build(BuildSpec.builder().context(ctx.toString()).tag(env.registry + "/" + repository + ":1").push(true)
                .registryCredential(env.registry, new io.jenkins.plugins.buildkit.client.RegistryCredential(env.registryUser, env.registryPassword))
                .build());
        java.net.http.HttpResponse<String> manifest = new io.jenkins.plugins.buildkit.it.RegistryClient(env).manifest(repository, "1");
        assertEquals(200, manifest.statusCode());
        assertEquals(result.imageDigest(), manifest.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertTrue(cluster.apps().deployments().withName(builder).get().getSpec().getTemplate().getSpec().getHostNetwork());
        // the certificate is in the ConfigMap, the private key only in the Secret
        Map<String, String> certificates = cluster.configMaps().withName(builder + "-config").get().getData();
        assertTrue(certificates.toString(), certificates.values().stream().anyMatch(v -> v.equals(env.pem("ca.pem"))));
        assertTrue(certificates.values().stream().noneMatch(v -> v.contains("PRIVATE KEY")));
        assertEquals(1, cluster.secrets().withName(builder + "-keys").get().getData().size());
    }

    /**
     * The BuildKit image in a private registry: the build's login for that registry becomes the pods'
     * image pull secret, as the container driver pulls with it. The cluster's containerd trusts the
     * test registry's CA (ci/k8s/up.sh); the registry asks every client for the login.
     */
    @Test
    public void theImageIsPulledFromAPrivateRegistryWithTheBuildsLogin() throws Exception {
        io.jenkins.plugins.buildkit.it.TestEnvironment env = io.jenkins.plugins.buildkit.it.TestEnvironment.require();
        String local = System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local");
        String repository = env.registry + "/it/k8s-buildkit";
        com.github.dockerjava.api.model.AuthConfig auth = new com.github.dockerjava.api.model.AuthConfig()
                .withRegistryAddress(env.registry).withUsername(env.registryUser).withPassword(env.registryPassword);
        try (DockerEngine engine = new DockerEngine(new DockerEndpoint(null, null), java.time.Duration.ofSeconds(20))) {
            engine.api().tagImageCmd(local, repository, builder).exec();
            try {
                engine.api().pushImageCmd(repository + ":" + builder).withAuthConfig(auth).start().awaitCompletion();
            } finally {
                engine.api().removeImageCmd(repository + ":" + builder).exec();
            }
        }
        driver(Map.of("image", repository + ":" + builder), null);
        driver.bootstrap(log(), Map.of("registry.example.com", new io.jenkins.plugins.buildkit.client.RegistryCredential("someone", "else"),
                env.registry, new io.jenkins.plugins.buildkit.client.RegistryCredential(env.registryUser, env.registryPassword)));
        System.out.print(console.toString(StandardCharsets.UTF_8));
        assertThat(console.toString(StandardCharsets.UTF_8), containsString("created secret default/" + builder + "-pull"));
        assertEquals(DriverStatus.RUNNING, driver.status());
        assertEquals(List.of(builder + "-pull"), cluster.apps().deployments().withName(builder).get().getSpec().getTemplate().getSpec()
                .getImagePullSecrets().stream().map(io.fabric8.kubernetes.api.model.LocalObjectReference::getName).toList());
        // only the image's registry is in it
        String config = new String(java.util.Base64.getDecoder().decode(
                cluster.secrets().withName(builder + "-pull").get().getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
        assertThat(config, containsString("\"" + env.registry + "\""));
        assertTrue(config, !config.contains("registry.example.com"));
    }

    /** Interrupting the build cancels the solve in the pod: its RUN step's process goes away (pods run on this host). */
    @Test
    public void interruptingABuildCancelsTheSolveInThePod() throws Exception {
        driver(Map.of(), null);
        driver.bootstrap(log(), Map.of());
        String marker = "sleep " + (200 + System.nanoTime() % 700);
        Path ctx = tmp.newFolder("cancel-ctx").toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        ContextFixtures.addBusyboxRootfs(ctx, Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX", "/bin/busybox")));
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                        io.jenkins.plugins.buildkit.client.ProgressListener.NONE);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        build.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!io.jenkins.plugins.buildkit.it.Processes.running(marker)) {
            assertTrue("the RUN step did not start in the pod", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
        build.interrupt();
        build.join(10_000);
        assertTrue("the build ended with an interruption: " + outcome.get(), outcome.get() instanceof InterruptedException);
        long gone = System.nanoTime() + 5_000_000_000L;
        while (io.jenkins.plugins.buildkit.it.Processes.running(marker) && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        assertTrue("the RUN step still runs in the pod 5 s after the cancel", !io.jenkins.plugins.buildkit.it.Processes.running(marker));
    }

    /**
     * With a volume claim the builder is a StatefulSet whose cache outlives {@code rm} with the state
     * kept. The cluster has no provisioner, so the test offers a hostPath volume for the claim to bind.
     */
    @Test
    public void aStatefulSetKeepsItsCacheAcrossRmWithTheStateKept() throws Exception {
        String volume = builder + "-pv";
        Path hostDir = tmp.newFolder("pv").toPath();
        cluster.persistentVolumes().resource(new io.fabric8.kubernetes.api.model.PersistentVolumeBuilder()
                .withNewMetadata().withName(volume).endMetadata().withNewSpec()
                .addToCapacity("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi")).withAccessModes("ReadWriteOnce")
                .withStorageClassName("").withNewHostPath().withPath(hostDir.toString()).withType("DirectoryOrCreate").endHostPath()
                .endSpec().build()).create();
        try {
            driver(Map.of("persistent-volume-claim.requests.storage", "1Gi"), null);
            driver.bootstrap(log(), Map.of());
            assertThat(console.toString(StandardCharsets.UTF_8), containsString("created statefulset default/" + builder));
            Path ctx = tmp.newFolder("pvc-ctx").toPath();
            ContextFixtures.addBusyboxRootfs(ctx, Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX", "/bin/busybox")));
            ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN echo " + builder + " > /made\n");
            build(BuildSpec.builder().context(ctx.toString()).output("type=cacheonly").build());

            driver.remove(true, false);
            assertTrue("the claim is kept with the state", cluster.persistentVolumeClaims().list().getItems().stream()
                    .anyMatch(c -> c.getMetadata().getName().equals("buildkitd-" + builder + "-0")));
            int mark = console.size();
            driver.bootstrap(log(), Map.of());
            build(BuildSpec.builder().context(ctx.toString()).output("type=cacheonly").build());
            String again = console.toString(StandardCharsets.UTF_8).substring(mark);
            assertTrue("the re-created pod found the RUN step in its kept cache:\n" + again,
                    cachedRun("2/2", again));
        } finally {
            if (driver != null) {
                try (Driver removed = driver) {
                    removed.remove(false, false);
                }
                driver = null;
            }
            assertTrue("rm without keeping the state deletes the claim", cluster.persistentVolumeClaims().list().getItems().stream()
                    .noneMatch(c -> c.getMetadata().getName().startsWith("buildkitd-" + builder)));
            cluster.persistentVolumes().withName(volume).delete();
        }
    }

    /** The command line makes, uses, inspects and removes a kubernetes builder as buildx would. */
    @Test
    public void theCommandLineBuildsInspectsAndRemovesAKubernetesBuilder() throws Exception {
        Path ctx = tmp.newFolder("cli-ctx").toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
        ContextFixtures.write(ctx.resolve("hello.txt"), "hello from a pod\n");
        Path out = tmp.newFolder("cli-out").toPath();
        String kubeconfigPath = System.getenv("BUILDKIT_TEST_KUBECONFIG");
        String image = "image=" + System.getenv().getOrDefault("BUILDKIT_TEST_K8S_BUILDKIT_IMAGE", "docker.io/moby/buildkit:buildx-stable-1");
        try {
            String built = cli("build", "--builder", "kubernetes:" + builder, "--kubeconfig", kubeconfigPath, "--driver-opt", image,
                    "--progress", "plain", "-o", "type=local,dest=" + out, ctx.toString());
            assertThat(built, containsString("using kubernetes driver"));
            assertEquals("hello from a pod\n", Files.readString(out.resolve("hello.txt")));
            String inspected = cli("inspect", "--builder", "kubernetes:" + builder, "--kubeconfig", kubeconfigPath, "--driver-opt", image);
            assertThat(inspected, containsString("running"));
            // each pod, with its platforms, as buildx lists a builder's nodes
            String pod = cluster.pods().withLabel("app", builder).list().getItems().get(0).getMetadata().getName();
            assertThat(inspected, containsString("Nodes:\n  " + pod + ": Running, platforms: linux/amd64"));
        } finally {
            cli("rm", "--builder", "kubernetes:" + builder, "--kubeconfig", kubeconfigPath, "--driver-opt", image);
        }
        assertNull(cluster.apps().deployments().withName(builder).get());
        assertTrue(cluster.pods().withLabel("app", builder).list().getItems().isEmpty());
    }

    /** Whether the plain progress shows the RUN step numbered {@code step} as taken from the cache. */
    private static boolean cachedRun(String step, String progress) {
        return java.util.regex.Pattern.compile("#(\\d+) \\[" + java.util.regex.Pattern.quote(step) + "\\] RUN .*#\\1 CACHED",
                java.util.regex.Pattern.DOTALL).matcher(progress).find();
    }

    /** Runs buildkit-cli.jar; returns its stdout and stderr, failing on a non-zero exit. */
    private String cli(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                System.getProperty("buildkit.cli.jar", "target/buildkit-cli.jar")));
        cmd.addAll(List.of(args));
        Path output = tmp.newFile().toPath();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue("the CLI finished", p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS));
        String text = Files.readString(output);
        System.out.println("$ buildkit " + String.join(" ", args) + "\n" + text);
        assertEquals(text, 0, p.exitValue());
        return text;
    }
}
