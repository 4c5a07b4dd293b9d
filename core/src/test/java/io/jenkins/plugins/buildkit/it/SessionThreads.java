package io.jenkins.plugins.buildkit.it;

import static org.junit.Assert.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * The threads a build session and a stream connection run on (their loops, services and readers),
 * which must end with them: a test notes those alive before it and checks that none of its own remain.
 */
public final class SessionThreads {
    private SessionThreads() {
    }

    public static Set<Thread> alive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().matches("buildkit-(session|stream)-.*") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /** Waits up to 5 s for the threads started since {@code before} to end. */
    public static void assertNoneLeftSince(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Set<Thread> left = alive();
            left.removeAll(before);
            if (left.isEmpty()) {
                return;
            }
            assertTrue("threads left: " + left.stream().map(Thread::getName).sorted().toList(), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }
}
