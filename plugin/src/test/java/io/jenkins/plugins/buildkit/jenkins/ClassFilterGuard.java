package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;

/**
 * JEP-200: Jenkins refuses to write or read (XStream, Remoting) any class its filter does not trust.
 * Outside of tests only plugin jars and Jenkins's own are trusted: a class of core's jar (a plain
 * library inside the plugin) would be refused, and the refusal is only logged where the caller
 * swallows the exception (a descriptor's save does). This rule fails the test on any such log line.
 */
final class ClassFilterGuard implements TestRule {
    private final List<String> refusals = new ArrayList<>();

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String text = describe(r);
            boolean filter = "jenkins.security.ClassFilterImpl".equals(r.getLoggerName()) && r.getLevel().intValue() >= Level.WARNING.intValue();
            if (filter || text.contains("class-filter") || text.contains("Refusing to marshal") || text.contains("Refusing to unmarshal")
                    || text.contains("might be dangerous") || text.contains("io.jenkins.plugins.buildkit") && text.contains("rejected")) {
                synchronized (refusals) {
                    refusals.add(r.getLoggerName() + " " + r.getLevel() + ": " + text);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static String describe(LogRecord r) {
        StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
        if (r.getParameters() != null) {
            for (Object p : r.getParameters()) {
                b.append(' ').append(p);
            }
        }
        for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
            b.append(" / ").append(t);
        }
        return b.toString();
    }

    List<String> refusals() {
        synchronized (refusals) {
            return List.copyOf(refusals);
        }
    }

    /** Forgets what was seen: for a test that provokes a refusal on purpose. */
    void clear() {
        synchronized (refusals) {
            refusals.clear();
        }
    }

    @Override
    public Statement apply(Statement base, Description description) {
        return new Statement() {
            @Override
            public void evaluate() throws Throwable {
                Logger root = Logger.getLogger("");
                root.addHandler(handler);
                try {
                    base.evaluate();
                } finally {
                    root.removeHandler(handler);
                }
                List<String> seen = refusals();
                if (!seen.isEmpty()) {
                    fail("Jenkins's class filter (JEP-200) refused classes:\n" + String.join("\n", seen));
                }
            }
        };
    }
}
