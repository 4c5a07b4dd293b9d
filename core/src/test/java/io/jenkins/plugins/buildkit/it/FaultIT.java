package io.jenkins.plugins.buildkit.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
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
        System.setProperty(SILENCE_LIMIT, "12");
        URI daemon = URI.create(env.address);
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        try (FreezingProxy proxy = new FreezingProxy(new InetSocketAddress(daemon.getHost(), daemon.getPort()))) {
            RemoteDriver viaProxy = new RemoteDriver("behind-proxy", new RemoteDriverOptions(proxy.address(),
                    env.pem("ca.pem"), env.pem("client.pem"), env.pem("client-key.pem"), null, Duration.ofSeconds(20)));
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread build = new Thread(() -> {
                try {
                    DriverBuild.run(viaProxy, BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                            ProgressListener.NONE);
                } catch (Throwable t) {
                    outcome.set(t);
                }
            });
            build.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Processes.running(marker)) {
                assertTrue("the RUN step did not start", System.nanoTime() < deadline);
                Thread.sleep(100);
            }
            proxy.freeze();
            // 12 s of silence, 1 s between looks, a few seconds to close: well inside 25 s.
            build.join(25_000);
            assertFalse("the build still waits 25 s after its connection went silent", build.isAlive());
            Throwable error = outcome.get();
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
        System.setProperty(SILENCE_LIMIT, "12");
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
            AtomicReference<Throwable> stalledOutcome = new AtomicReference<>();
            Thread stalledBuild = new Thread(() -> {
                try {
                    DriverBuild.run(new DockerDriver("stalled-engine", stalled, Duration.ofSeconds(20)),
                            BuildSpec.builder().context(big.toString()).build(), ProgressListener.NONE);
                } catch (Throwable t) {
                    stalledOutcome.set(t);
                }
            });
            stalledBuild.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!proxy.isFrozen()) {
                assertTrue("the upload did not reach 8 MiB", System.nanoTime() < deadline);
                Thread.sleep(100);
            }
            Thread.sleep(1000);
            AtomicReference<Throwable> otherOutcome = new AtomicReference<>();
            Thread otherBuild = new Thread(() -> {
                try {
                    DriverBuild.run(new DockerDriver("local-engine", new DockerEndpoint(null, null), Duration.ofSeconds(20)),
                            BuildSpec.builder().context(small.toString()).build(), ProgressListener.NONE);
                } catch (Throwable t) {
                    otherOutcome.set(t);
                }
            });
            otherBuild.start();
            otherBuild.join(60_000);
            assertFalse("the build on the healthy engine waits on the stalled one", otherBuild.isAlive());
            assertNull("the build on the healthy engine succeeded", otherOutcome.get());
            stalledBuild.join(25_000);
            assertFalse("the build on the stalled engine still waits", stalledBuild.isAlive());
            assertTrue(String.valueOf(stalledOutcome.get()), stalledOutcome.get() instanceof BuildKitException);
            assertTrue(stalledOutcome.get().getMessage(), stalledOutcome.get().getMessage().contains("lost contact with"));
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

    private static void assertFailsWithin(Driver driver, Path ctx, int seconds, String address) throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                DriverBuild.run(driver, BuildSpec.builder().context(ctx.toString()).build(), ProgressListener.NONE);
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        build.start();
        build.join(seconds * 1000L);
        assertFalse(driver.driverName() + ": the build still waits on a silent endpoint after " + seconds + " s", build.isAlive());
        Throwable error = outcome.get();
        assertTrue(driver.driverName() + ": a BuildKitException: " + error, error instanceof BuildKitException);
        System.out.println(driver.driverName() + " on a silent endpoint: " + error.getMessage());
        assertTrue(error.getMessage(), error.getMessage().contains(address.replace("tcp://", "")));
    }

    /** Each build session runs its services on threads of its own, which must end with it. */
    static void assertNoSessionThreadsLeft() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            long left = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().matches("buildkit-(session|stream)-.*") && t.isAlive()).count();
            if (left == 0) {
                return;
            }
            assertTrue(left + " build-session threads are still alive", System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }
}
