package io.jenkins.plugins.buildkit.client;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Class initialisers a short-lived process runs on its second core while its main thread reads the
 * arguments. Each named piece runs once per JVM, on a daemon thread of that name; a failure is left for
 * the first real use to meet and report.
 */
public final class BackgroundInitialisation {
    /** One piece of the work; it may throw, and is then abandoned. */
    public interface Step {
        void run() throws Exception;
    }

    private static final Set<String> STARTED = ConcurrentHashMap.newKeySet();

    private BackgroundInitialisation() {
    }

    /** Starts {@code steps} in order on a thread named {@code threadName}, unless that name ran already. */
    public static void startOnce(String threadName, Step... steps) {
        if (!STARTED.add(threadName)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                for (Step step : steps) {
                    step.run();
                }
            } catch (Exception | LinkageError e) {
                // the first real use meets the same problem and says what it is
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }
}
