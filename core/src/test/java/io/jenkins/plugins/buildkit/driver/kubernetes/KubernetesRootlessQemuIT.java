package io.jenkins.plugins.buildkit.driver.kubernetes;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.DriverKind;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.it.ContextFixtures;
import io.jenkins.plugins.buildkit.it.SessionThreads;
import io.jenkins.plugins.buildkit.progress.PlainRenderer;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The kubernetes driver's {@code rootless=true} and {@code qemu.install=true} on the real single-node
 * cluster of ci/k8s, with the images ci/k8s/build.sh makes for them (no registry). Pods run on this
 * host, so the test checks the daemon's user and the kernel's binfmt_misc entries here directly.
 */
public class KubernetesRootlessQemuIT {
    private static final String ROOTLESS_STATE_DIR = "/home/user/.local/share/buildkit";
    /** The uid rootlesskit and the rootless buildkitd run as (the rootless image's USER). */
    private static final int ROOTLESS_UID = 1000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final String builder = "it-" + Long.toHexString(System.nanoTime());
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private String kubeconfig;
    private KubernetesClient cluster;
    private Driver driver;
    private Set<Thread> threadsBefore;

    @Before
    public void setUp() throws Exception {
        kubeconfig = TestCluster.kubeconfig();
        threadsBefore = SessionThreads.alive();
        cluster = new KubernetesClientBuilder().withConfig(ClusterAccess.fromKubeconfig(kubeconfig, "test")).build();
    }

    @After
    public void cleanUp() throws Exception {
        try {
            removeBuilder();
            SessionThreads.assertNoneLeftSince(threadsBefore);
        } finally {
            cluster.close();
        }
    }

    private void removeBuilder() throws Exception {
        if (driver == null) {
            return;
        }
        driver.remove(false, false);
        driver = null;
        assertTrue("rm left pods behind", cluster.pods().withLabel("app", builder).list().getItems().isEmpty());
        assertNull(cluster.apps().deployments().withName(builder).get());
    }

    private Driver driver(Map<String, String> options) throws IOException {
        driver = DriverKind.KUBERNETES.create(new DriverKind.Settings(builder, null, null, new HashMap<>(options), null,
                Map.of(), null, SecretValue.of(kubeconfig), null, List.of()));
        return driver;
    }

    private PrintStream log() {
        return new PrintStream(console, true, StandardCharsets.UTF_8);
    }

    private void build(BuildSpec spec) throws Exception {
        try {
            DriverBuild.run(driver, spec, new PlainRenderer(log(), SecretMasker.NONE), log());
        } finally {
            System.out.print(console.toString(StandardCharsets.UTF_8));
            console.reset();
        }
    }

    private Pod onlyPod() {
        List<Pod> pods = cluster.pods().withLabel("app", builder).list().getItems();
        assertEquals(1, pods.size());
        return pods.get(0);
    }

    /**
     * A rootless builder starts from the rootless image (the driver's default name for it), its pod is
     * not privileged, and a RUN step runs: as root of a user namespace whose root is uid 1000 here, and
     * the daemon's own processes belong to uid 1000 on this host.
     */
    @Test
    public void aRootlessBuilderRunsAStepWithoutPrivilegesAndExportsItsFiles() throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("rootless", "true", "timeout", "120"));
        String image = System.getenv("BUILDKIT_TEST_K8S_ROOTLESS_IMAGE");
        if (image != null) {
            options.put("image", image);
        }
        driver(options);
        driver.bootstrap(log(), Map.of());
        assertEquals(DriverStatus.RUNNING, driver.status());

        Deployment deployment = cluster.apps().deployments().withName(builder).get();
        PodSpec template = deployment.getSpec().getTemplate().getSpec();
        Container buildkitd = template.getContainers().get(0);
        assertEquals(image == null ? "moby/buildkit:buildx-stable-1-rootless" : image, buildkitd.getImage());
        assertNotPrivileged(buildkitd);
        assertEquals("Unconfined", buildkitd.getSecurityContext().getSeccompProfile().getType());
        assertEquals("unconfined", deployment.getSpec().getTemplate().getMetadata().getAnnotations()
                .get("container.apparmor.security.beta.kubernetes.io/buildkitd"));
        assertThat(buildkitd.getArgs(), hasItem("--oci-worker-no-process-sandbox"));
        String stateVolume = buildkitd.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(ROOTLESS_STATE_DIR))
                .findFirst().orElseThrow(() -> new AssertionError("nothing is mounted at " + ROOTLESS_STATE_DIR)).getName();
        Volume state = template.getVolumes().stream().filter(v -> v.getName().equals(stateVolume)).findFirst().orElseThrow();
        assertTrue("the state is an emptyDir: " + state, state.getEmptyDir() != null);
        Pod pod = onlyPod();
        assertNotPrivileged(pod.getSpec().getContainers().get(0));

        Path ctx = tmp.newFolder("rootless-ctx").toPath();
        ContextFixtures.addBusyboxRootfs(ctx, Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX", "/bin/busybox")));
        byte[] payload = new byte[200_000];
        new Random(11).nextBytes(payload);
        Files.write(ctx.resolve("payload.bin"), payload);
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch AS work\nCOPY rootfs/ /\nCOPY payload.bin /in/\n"
                + "RUN mkdir /out && cp /in/payload.bin /out/ && id -u > /out/uid && cat /proc/self/uid_map > /out/uid_map\n"
                + "FROM scratch\nCOPY --from=work /out/ /\n");
        Path out = tmp.newFolder("rootless-out").toPath();
        build(BuildSpec.builder().context(ctx.toString()).output("type=local,dest=" + out).build());

        assertArrayEquals("the file the RUN step wrote came back byte for byte", payload, Files.readAllBytes(out.resolve("payload.bin")));
        assertEquals("0", Files.readString(out.resolve("uid")).trim());
        String uidMap = Files.readString(out.resolve("uid_map"));
        assertEquals("the step's root is uid " + ROOTLESS_UID + " outside its user namespace:\n" + uidMap,
                List.of("0", String.valueOf(ROOTLESS_UID), "1"), List.of(uidMap.lines().findFirst().orElse("").trim().split("\\s+")));

        List<Long> daemons = processesOfPod(pod.getMetadata().getUid(), "buildkitd");
        assertTrue("no buildkitd process of pod " + pod.getMetadata().getName() + " on this host", !daemons.isEmpty());
        for (long pid : daemons) {
            assertEquals("real, effective, saved and file-system uid of buildkitd (pid " + pid + ") on this host",
                    List.of(ROOTLESS_UID, ROOTLESS_UID, ROOTLESS_UID, ROOTLESS_UID), uids(pid));
        }
    }

    private static void assertNotPrivileged(Container c) {
        assertNotEquals(c.getName() + " is privileged", Boolean.TRUE, c.getSecurityContext().getPrivileged());
    }

    /**
     * qemu.install runs the binfmt image as a privileged init container, which registers qemu emulators
     * with the kernel; then an amd64 node runs an arm64 RUN step. The registration is machine-wide:
     * the test removes the entries it brought, pass or fail, and leaves any that were there before.
     *
     * <p>The test holds a mount of binfmt_misc from before the pod starts until the end: on this kernel
     * (6.18) the entries go away with the last mount of binfmt_misc, and this VM has none, so without it
     * the init container's entries would vanish with the init container. A node's systemd keeps one at
     * /proc/sys/fs/binfmt_misc; the test's mount plays that part.
     */
    @Test
    public void qemuInstallLetsAnAmd64NodeRunAnArm64Step() throws Exception {
        String binfmtImage = System.getenv().getOrDefault("BUILDKIT_TEST_K8S_BINFMT_IMAGE", "docker.io/buildkit-jenkins-test/binfmt:local");
        Path arm64Busybox = Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX_ARM64", "/var/cache/buildkit-k8s/arm64/busybox"));
        assertTrue(arm64Busybox + " is missing: run ci/k8s/build.sh", Files.isExecutable(arm64Busybox));
        try (HostBinfmt binfmt = HostBinfmt.mount(tmp.newFolder("binfmt_misc").toPath())) {
            Set<String> before = binfmt.entries();
            try {
                Map<String, String> options = new HashMap<>(Map.of("qemu.install", "true", "qemu.image", binfmtImage, "timeout", "120"));
                String image = System.getenv("BUILDKIT_TEST_K8S_BUILDKIT_IMAGE");
                if (image != null) {
                    options.put("image", image);
                }
                driver(options);
                driver.bootstrap(log(), Map.of());

                Container qemu = cluster.apps().deployments().withName(builder).get().getSpec().getTemplate().getSpec()
                        .getInitContainers().get(0);
                assertEquals("qemu", qemu.getName());
                assertEquals(binfmtImage, qemu.getImage());
                assertEquals(List.of("--install", "all"), qemu.getArgs());
                assertEquals(Boolean.TRUE, qemu.getSecurityContext().getPrivileged());
                Pod pod = onlyPod();
                String installLog = cluster.pods().withName(pod.getMetadata().getName()).inContainer("qemu").getLog();
                System.out.println("qemu init container:\n" + installLog);
                ContainerStatus installed = pod.getStatus().getInitContainerStatuses().get(0);
                assertEquals("the init container succeeded:\n" + installLog, Integer.valueOf(0),
                        installed.getState().getTerminated().getExitCode());
                String aarch64 = binfmt.entry("qemu-aarch64");
                assertThat("the kernel has an arm64 emulator:\n" + installLog, aarch64, containsString("enabled"));
                if (!before.contains("qemu-aarch64")) {
                    // Ours: the F flag kept the emulator of the init container's image open for every later exec.
                    assertThat(aarch64, containsString("interpreter /usr/bin/qemu-aarch64"));
                    assertThat(aarch64, containsString("flags: OCF"));
                }

                Path ctx = tmp.newFolder("arm64-ctx").toPath();
                ContextFixtures.addBusyboxRootfs(ctx, arm64Busybox);
                ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch AS work\nCOPY rootfs/ /\n"
                        + "RUN mkdir /out && uname -m > /out/arch\nFROM scratch\nCOPY --from=work /out/ /\n");
                Path out = tmp.newFolder("arm64-out").toPath();
                build(BuildSpec.builder().context(ctx.toString()).platform("linux/arm64").output("type=local,dest=" + out).build());
                assertEquals("aarch64\n", Files.readString(out.resolve("arch")));
            } finally {
                // The pod first: nothing should exec through an entry while it goes.
                removeBuilder();
                Set<String> added = new TreeSet<>(binfmt.entries());
                added.removeAll(before);
                for (String entry : added) {
                    binfmt.remove(entry);
                }
                System.out.println("binfmt_misc entries removed again: " + added);
                assertEquals("binfmt_misc holds what it held before", before, binfmt.entries());
            }
        }
    }

    /** The pids of the host's processes named {@code name} in the pod's cgroup (the kubelet's cgroupfs driver: pod<uid>). */
    private static List<Long> processesOfPod(String podUid, String name) throws IOException {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    if (Files.readString(proc.resolve("comm")).trim().equals(name)
                            && Files.readString(proc.resolve("cgroup")).contains("pod" + podUid)) {
                        pids.add(Long.parseLong(proc.getFileName().toString()));
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return pids;
    }

    /** The Uid line of /proc/PID/status: real, effective, saved, file system, as seen from this host. */
    private static List<Integer> uids(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("Uid:")).findFirst()
                .map(l -> Stream.of(l.substring(4).trim().split("\\s+")).map(Integer::valueOf).toList()).orElseThrow();
    }

    /**
     * The host's binfmt_misc, through a mount of our own: the machine's /proc/sys/fs/binfmt_misc may not
     * be mounted, and a second mount shows the same entries without changing the machine's mounts.
     * While it is mounted, the entries outlive the mount of the container that registered them.
     */
    static final class HostBinfmt implements AutoCloseable {
        private final Path dir;

        private HostBinfmt(Path dir) {
            this.dir = dir;
        }

        static HostBinfmt mount(Path dir) throws Exception {
            run("mount", "-t", "binfmt_misc", "binfmt_misc", dir.toString());
            return new HostBinfmt(dir);
        }

        Set<String> entries() throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("register") && !n.equals("status"))
                        .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
            }
        }

        String entry(String name) throws IOException {
            Path file = dir.resolve(name);
            return Files.exists(file) ? Files.readString(file) : "";
        }

        void remove(String name) throws IOException {
            Files.writeString(dir.resolve(name), "-1");
        }

        @Override
        public void close() throws Exception {
            run("umount", dir.toString());
        }

        private static void run(String... command) throws Exception {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (binfmt_misc is read and cleaned as root): " + output);
            }
        }
    }
}
