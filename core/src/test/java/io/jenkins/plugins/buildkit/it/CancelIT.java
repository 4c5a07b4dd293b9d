package io.jenkins.plugins.buildkit.it;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import java.nio.file.Path;
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
        BackgroundBuild build = BackgroundBuild.start(env.driver(), BuildSpec.builder().context(ctx.toString()).noCache(true).build(),
                ProgressListener.NONE);
        BackgroundBuild.awaitProcess(marker, 60);
        build.interrupt();
        assertTrue("the build thread returned", build.endsWithin(5000));
        assertTrue("the build ended with an interruption: " + build.outcome(), build.outcome() instanceof InterruptedException);
        long gone = System.nanoTime() + 2_000_000_000L;
        while (Processes.running(marker) && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        assertFalse("the RUN step still runs 2 s after the cancel", Processes.running(marker));
    }
}
