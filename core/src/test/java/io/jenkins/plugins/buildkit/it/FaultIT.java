package io.jenkins.plugins.buildkit.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Faults under a running build end it with a clear error within a bound, leaving nothing behind. */
public class FaultIT {
    private static final String SILENCE_LIMIT = "buildkit.sessionSilenceLimitSeconds";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @After
    public void restoreLimit() {
        System.clearProperty(SILENCE_LIMIT);
    }

    @Test
    public void aConnectionThatStopsCarryingBytesEndsTheBuild() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        System.setProperty(SILENCE_LIMIT, "8");
        URI daemon = URI.create(env.address);
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        try (FreezingProxy proxy = new FreezingProxy(new InetSocketAddress(daemon.getHost(), daemon.getPort()))) {
            RemoteDriver viaProxy = new RemoteDriver("behind-proxy", new RemoteDriverOptions(proxy.address(),
                    env.pem("ca.pem"), env.pem("client.pem"), env.pem("client-key.pem"), null, Duration.ofSeconds(20)));
            BackgroundBuild build = BackgroundBuild.start(viaProxy, BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                    ProgressListener.NONE);
            BackgroundBuild.awaitProcess(marker, 60);
            proxy.freeze();
            // 8 s of silence (the daemon's health checks come every 5 s), then a second between looks:
            // the build ends within 10 s of the fault. Outside tests the limit is 30 s.
            assertTrue("the build still waits 10 s after its connection went silent", build.endsWithin(10_000));
            Throwable error = build.outcome();
            assertTrue("a BuildKitException: " + error, error instanceof BuildKitException);
            assertTrue(error.getMessage(), error.getMessage().startsWith("lost contact with BuildKit at " + proxy.address()));
            assertTrue(error.getMessage(), error.getMessage().contains("nothing heard for"));
        }
        // Closing the proxy ends the daemon's side of the connection, which cancels the solve there.
        long gone = System.nanoTime() + 10_000_000_000L;
        while (Processes.running(marker) && System.nanoTime() < gone) {
            Thread.sleep(100);
        }
        assertFalse("the RUN step still runs 10 s after the connection closed", Processes.running(marker));
        assertNoSessionThreadsLeft();
    }

    @Test
    public void anEngineStalledMidUploadHoldsUpNoBuildOnAnotherEngine() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        String tlsHost = System.getenv("BUILDKIT_TEST_DOCKER_TLS_HOST");
        if (tlsHost == null || tlsHost.isEmpty()) {
            assumeTrue("the Docker Engine was not started by ci/test-env.sh, so it has no TLS port", System.getenv("CI") != null);
            fail("BUILDKIT_TEST_DOCKER_TLS_HOST is not set under CI");
        }
        System.setProperty(SILENCE_LIMIT, "8");
        Path certs = tmp.newFolder("docker-certs").toPath();
        Files.copy(env.certs.resolve("ca.pem"), certs.resolve("ca.pem"));
        Files.copy(env.certs.resolve("client.pem"), certs.resolve("cert.pem"));
        Files.copy(env.certs.resolve("client-key.pem"), certs.resolve("key.pem"));
        Path big = tmp.newFolder().toPath();
        ContextFixtures.write(big.resolve("Dockerfile"), "FROM scratch\nCOPY big.bin /\n");
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(big.resolve("big.bin"),
                java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            f.write(java.nio.ByteBuffer.allocate(1), 64L * 1024 * 1024 - 1);
        }
        Path small = tmp.newFolder().toPath();
        ContextFixtures.write(small.resolve("Dockerfile"), "FROM scratch\nCOPY data.txt /\n");
        ContextFixtures.write(small.resolve("data.txt"), "built while another engine is stalled " + System.nanoTime());
        URI tls = URI.create(tlsHost);
        try (FreezingProxy proxy = new FreezingProxy(new InetSocketAddress(tls.getHost(), tls.getPort()))) {
            proxy.freezeAfterUpstreamBytes(8L * 1024 * 1024);
            DockerEndpoint stalled = DockerEndpoint.fromEnvironment(Map.of(
                    "DOCKER_HOST", proxy.address(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
            BackgroundBuild stalledBuild = BackgroundBuild.start(new DockerDriver("stalled-engine", stalled, Duration.ofSeconds(20)),
                    BuildSpec.builder().context(big.toString()).build(), ProgressListener.NONE);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!proxy.isFrozen()) {
                assertTrue("the upload did not reach 8 MiB", System.nanoTime() < deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            BackgroundBuild otherBuild = BackgroundBuild.start(new DockerDriver("local-engine", new DockerEndpoint(null, null),
                    Duration.ofSeconds(20)), BuildSpec.builder().context(small.toString()).build(), ProgressListener.NONE);
            assertTrue("the build on the healthy engine waits on the stalled one", otherBuild.endsWithin(60_000));
            assertNull("the build on the healthy engine succeeded", otherBuild.outcome());
            assertTrue("the build on the stalled engine still waits", stalledBuild.endsWithin(10_000));
            assertTrue(String.valueOf(stalledBuild.outcome()), stalledBuild.outcome() instanceof BuildKitException);
            assertTrue(stalledBuild.outcome().getMessage(), stalledBuild.outcome().getMessage().contains("lost contact with"));
        }
        assertNoSessionThreadsLeft();
    }

    @Test
    public void aSilentEndpointFailsTheBuildNamingIt() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\n");
        try (SilentEndpoint silent = new SilentEndpoint()) {
            Driver remote = new RemoteDriver("silent-remote", new RemoteDriverOptions(silent.address(), env.pem("ca.pem"),
                    env.pem("client.pem"), env.pem("client-key.pem"), null, Duration.ofSeconds(3)));
            assertFailsWithin(remote, ctx, 15, silent.address());
            Driver docker = new DockerDriver("silent-docker", new DockerEndpoint(silent.address(), null), Duration.ofSeconds(3));
            assertFailsWithin(docker, ctx, 15, silent.address());
        }
        assertNoSessionThreadsLeft();
    }

    /** A unix socket has no read timeout: the engine's silence is bounded by closing the connection. */
    @Test
    public void aSilentEngineOnAUnixSocketFailsTheBuildNamingIt() throws Exception {
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\n");
        Path socket = tmp.newFolder("silent-engine").toPath().resolve("docker.sock");
        java.util.List<java.nio.channels.SocketChannel> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (java.nio.channels.ServerSocketChannel listener = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            listener.bind(java.net.UnixDomainSocketAddress.of(socket));
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(listener.accept());
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            }, "silent-engine-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            Driver docker = new DockerDriver("silent-unix", new DockerEndpoint("unix://" + socket, null), Duration.ofSeconds(2));
            assertFailsWithin(docker, ctx, 10, "unix://" + socket);
        } finally {
            for (java.nio.channels.SocketChannel c : accepted) {
                c.close();
            }
        }
        assertNoSessionThreadsLeft();
    }

    private static void assertFailsWithin(Driver driver, Path ctx, int seconds, String address) throws Exception {
        BackgroundBuild build = BackgroundBuild.start(driver, BuildSpec.builder().context(ctx.toString()).build(), ProgressListener.NONE);
        assertTrue(driver.driverName() + ": the build still waits on a silent endpoint after " + seconds + " s",
                build.endsWithin(seconds * 1000L));
        Throwable error = build.outcome();
        assertTrue(driver.driverName() + ": a BuildKitException: " + error, error instanceof BuildKitException);
        System.out.println(driver.driverName() + " on a silent endpoint: " + error.getMessage());
        assertTrue(error.getMessage(), error.getMessage().contains(address.replace("tcp://", "")));
    }

    /** A buildkitd of this test's own, killed while a RUN step runs: the build fails at once, naming the daemon. */
    @Test
    public void aDaemonKilledMidBuildFailsTheBuildNamingIt() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        Path state = tmp.newFolder("own-buildkitd").toPath();
        Path socket = state.resolve("buildkitd.sock");
        Process daemon = new ProcessBuilder(System.getenv().getOrDefault("BUILDKIT_TEST_BUILDKITD", "/opt/buildkit-test/bin/buildkitd"),
                "--root", state.resolve("root").toString(), "--addr", "unix://" + socket, "--oci-worker-net", "host")
                .redirectErrorStream(true).redirectOutput(state.resolve("buildkitd.log").toFile()).start();
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        try {
            long ready = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(socket)) {
                assertTrue("buildkitd did not start: " + Files.readString(state.resolve("buildkitd.log")), System.nanoTime() < ready);
                Thread.sleep(100);
            }
            Path ctx = tmp.newFolder().toPath();
            ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
            ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
            Driver own = new RemoteDriver("own-daemon", new RemoteDriverOptions("unix://" + socket, null, null, null, null,
                    Duration.ofSeconds(20)));
            BackgroundBuild build = BackgroundBuild.start(own, BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                    ProgressListener.NONE);
            BackgroundBuild.awaitProcess(marker, 60);
            daemon.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue("the build still waits 10 s after its daemon was killed", build.endsWithin(10_000));
            Throwable error = build.outcome();
            assertTrue("a BuildKitException: " + error, error instanceof BuildKitException);
            System.out.println("daemon killed: " + error.getMessage());
            assertTrue(error.getMessage(), error.getMessage().contains("lost connection to BuildKit at unix://" + socket
                    + ": the connection closed (did the daemon stop or restart?)"));
        } finally {
            daemon.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            // what a killed buildkitd leaves: the step's process and the mounts under its root
            new ProcessBuilder("pkill", "-9", "-f", marker).start().waitFor();
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String mountPoint = line.split(" ")[1];
                if (mountPoint.startsWith(state.toString())) {
                    new ProcessBuilder("umount", "-l", mountPoint).start().waitFor();
                }
            }
        }
        assertNoSessionThreadsLeft();
    }

    /** A registry of this test's own (plain HTTP on loopback), stopped while the image is pushed to it. */
    @Test
    public void aRegistryStoppedDuringThePushFailsTheBuildNamingIt() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        Path state = tmp.newFolder("own-registry").toPath();
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Files.writeString(state.resolve("config.yml"), "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + state.resolve("data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        Process registry = new ProcessBuilder("docker-registry", "serve", state.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(state.resolve("registry.log").toFile()).start();
        try {
            long ready = System.nanoTime() + 30_000_000_000L;
            while (!answers(port)) {
                assertTrue("the registry did not start", System.nanoTime() < ready);
                Thread.sleep(100);
            }
            Path ctx = tmp.newFolder().toPath();
            ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY big.bin /\n");
            ContextFixtures.writeRandomFile(ctx.resolve("big.bin"), 256L * 1024 * 1024, System.nanoTime());
            java.util.concurrent.CountDownLatch pushing = new java.util.concurrent.CountDownLatch(1);
            ProgressListener watch = status -> {
                for (io.jenkins.plugins.buildkit.client.SolveStatus.VertexStatus st : status.statuses()) {
                    if (st.id().startsWith("pushing") || st.id().startsWith("sha256:") && st.current() > 0 && st.total() > 1024 * 1024) {
                        pushing.countDown();
                    }
                }
            };
            String image = "127.0.0.1:" + port + "/fault/push:" + System.nanoTime();
            BackgroundBuild build = BackgroundBuild.start(env.driver(), BuildSpec.builder().context(ctx.toString()).noCache(true)
                    .output("type=image,name=" + image + ",push=true,registry.insecure=true,compression=uncompressed").build(), watch);
            assertTrue("the push did not start within 120 s", pushing.await(120, java.util.concurrent.TimeUnit.SECONDS));
            registry.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue("the build still runs 10 s after its registry stopped", build.endsWithin(10_000));
            Throwable error = build.outcome();
            assertTrue("a BuildKitException: " + error, error instanceof BuildKitException);
            System.out.println("registry stopped: " + error.getMessage());
            assertTrue(error.getMessage(), error.getMessage().contains("127.0.0.1:" + port));
        } finally {
            registry.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertNoSessionThreadsLeft();
    }

    private static boolean answers(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The docker-container builder's container removed under a running build: the build fails at once. */
    @Test
    public void theBuildersContainerRemovedUnderARunningBuildFailsIt() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        io.jenkins.plugins.buildkit.driver.container.ContainerDriver builder = new io.jenkins.plugins.buildkit.driver.container.ContainerDriver(
                "fault-" + System.nanoTime(), new DockerEndpoint(null, null),
                io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions.parse(new java.util.HashMap<>(Map.of(
                        "image", env.buildkitImage, "network", "host", "privileged", "false",
                        "buildkitd-flags", "--oci-worker-net=host"))), Duration.ofSeconds(30));
        try (io.jenkins.plugins.buildkit.driver.docker.DockerEngine engine = new io.jenkins.plugins.buildkit.driver.docker.DockerEngine(
                new DockerEndpoint(null, null), Duration.ofSeconds(20))) {
            BackgroundBuild build = BackgroundBuild.start(builder, BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                    ProgressListener.NONE);
            BackgroundBuild.awaitProcess(marker, 120);
            engine.api().removeContainerCmd(builder.containerName()).withForce(true).exec();
            assertTrue("the build still runs 10 s after its builder's container was removed", build.endsWithin(10_000));
            Throwable error = build.outcome();
            assertTrue("a BuildKitException: " + error, error instanceof BuildKitException);
            System.out.println("container removed: " + error.getMessage());
            assertTrue(error.getMessage(), error.getMessage().contains("lost connection to BuildKit in container " + builder.containerName()));
        } finally {
            builder.remove(false, false);
        }
        assertNoSessionThreadsLeft();
    }

    /** Eight builds at once on one builder each get their own result. */
    @Test
    public void eightConcurrentBuildsOnOneBuilderEachGetTheirOwnResult() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        int builds = 8;
        List<BackgroundBuild> running = new java.util.ArrayList<>();
        List<Path> outputs = new java.util.ArrayList<>();
        for (int i = 0; i < builds; i++) {
            Path ctx = tmp.newFolder("concurrent-" + i).toPath();
            ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN echo build-" + i + "-" + System.nanoTime()
                    + " > /result && sleep 1\n");
            ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
            Path out = tmp.getRoot().toPath().resolve("concurrent-out-" + i);
            outputs.add(out);
            running.add(BackgroundBuild.start(env.driver(), BuildSpec.builder().context(ctx.toString())
                    .output("type=local,dest=" + out).build(), ProgressListener.NONE));
        }
        for (int i = 0; i < builds; i++) {
            assertTrue("build " + i + " is still running after 3 minutes", running.get(i).endsWithin(180_000));
            assertEquals("build " + i, null, running.get(i).outcome());
            assertTrue(Files.readString(outputs.get(i).resolve("result")).startsWith("build-" + i + "-"));
        }
        assertNoSessionThreadsLeft();
    }

    /** Interrupting a build while its context is on the way ends it at once, leaving no session behind. */
    @Test
    public void cancellingDuringTheContextUploadEndsTheBuild() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY big.bin /\n");
        ContextFixtures.writeRandomFile(ctx.resolve("big.bin"), 512L * 1024 * 1024, System.nanoTime());
        java.util.concurrent.CountDownLatch uploading = new java.util.concurrent.CountDownLatch(1);
        ProgressListener watch = new ProgressListener() {
            @Override
            public void onStatus(io.jenkins.plugins.buildkit.client.SolveStatus status) {
                for (io.jenkins.plugins.buildkit.client.SolveStatus.VertexStatus st : status.statuses()) {
                    if (st.id().startsWith("transferring") && st.current() > 1024 * 1024 && st.completed() == null) {
                        uploading.countDown();
                    }
                }
            }

            @Override
            public void onFinish(Throwable error) {
            }
        };
        BackgroundBuild build = BackgroundBuild.start(env.driver(), BuildSpec.builder().context(ctx.toString()).noCache(true).build(), watch);
        assertTrue("the upload did not start within 60 s", uploading.await(60, java.util.concurrent.TimeUnit.SECONDS));
        build.interrupt();
        assertTrue("the build still runs 10 s after it was interrupted", build.endsWithin(10_000));
        assertTrue("ended by the interruption: " + build.outcome(), build.outcome() instanceof InterruptedException);
        assertNoSessionThreadsLeft();
    }

    /** Other tests of this JVM may still hold clients: only this test's threads count. */
    private java.util.Set<Thread> threadsBefore;

    @org.junit.Before
    public void noteThreads() {
        threadsBefore = SessionThreads.alive();
    }

    void assertNoSessionThreadsLeft() throws InterruptedException {
        SessionThreads.assertNoneLeftSince(threadsBefore);
    }
}
