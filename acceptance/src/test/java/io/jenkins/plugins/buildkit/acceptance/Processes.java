package io.jenkins.plugins.buildkit.acceptance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process the acceptance run starts (Jenkins, the agent), so that none outlives the test JVM:
 * the test stops them in its cleanup, and a shutdown hook kills what is left if the JVM ends first
 * (a failsafe timeout, Ctrl-C).
 */
final class Processes {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Processes::killAll, "acceptance-process-reaper"));
    }

    private Processes() {
    }

    static Process track(Process p) {
        RUNNING.add(p);
        return p;
    }

    /** Kills the process and its descendants (the war's Jenkins forks nothing, but an agent's builds may). */
    static void kill(Process p, long waitSeconds) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        try {
            if (!p.waitFor(waitSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(p);
    }

    static void forget(Process p) {
        RUNNING.remove(p);
    }

    static void killAll() {
        for (Process p : RUNNING) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        RUNNING.clear();
    }
}
