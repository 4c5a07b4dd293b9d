package io.jenkins.plugins.buildkit.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Interrupting the thread that runs a build ends the build's process on the daemon's machine. */
public class CancelIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void interruptCancelsTheSolveOnTheDaemon() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        String marker = "sleep " + (200 + System.nanoTime() % 700);
        Path ctx = tmp.newFolder().toPath();
        ContextFixtures.write(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN " + marker + "\n");
        ContextFixtures.addBusyboxRootfs(ctx, env.busybox);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                DriverBuild.run(env.driver(), BuildSpec.builder().context(ctx.toString()).noCache(true).build(), ProgressListener.NONE);
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
        build.interrupt();
        build.join(5000);
        assertFalse("the build thread returned", build.isAlive());
        assertTrue("the build ended with an interruption: " + outcome.get(), outcome.get() instanceof InterruptedException);
        long gone = System.nanoTime() + 2_000_000_000L;
        while (Processes.running(marker) && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        assertFalse("the RUN step still runs 2 s after the cancel", Processes.running(marker));
    }
}
