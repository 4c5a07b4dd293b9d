package io.jenkins.plugins.buildkit.it;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/** A build on a thread of its own, for a test that acts on it while it runs: cancels it, breaks its connection. */
final class BackgroundBuild {
    private final Thread thread;
    private final AtomicReference<Throwable> outcome = new AtomicReference<>();

    private BackgroundBuild(Driver driver, BuildSpec spec, ProgressListener progress) {
        thread = new Thread(() -> {
            try {
                DriverBuild.run(driver, spec, progress);
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "background-build-" + driver.builderName());
        thread.start();
    }

    static BackgroundBuild start(Driver driver, BuildSpec spec, ProgressListener progress) {
        return new BackgroundBuild(driver, spec, progress);
    }

    /** What the build threw; null while it runs or when it succeeded. */
    Throwable outcome() {
        return outcome.get();
    }

    /** Waits for the build to end, at most {@code millis}; whether it ended. */
    boolean endsWithin(long millis) throws InterruptedException {
        thread.join(millis);
        return !thread.isAlive();
    }

    void interrupt() {
        thread.interrupt();
    }

    /** Waits until a process with this command line runs on this machine (a RUN step's, say). */
    static void awaitProcess(String cmdline, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Processes.running(cmdline)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no process \"" + cmdline + "\" within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
