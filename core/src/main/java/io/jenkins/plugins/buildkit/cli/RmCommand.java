package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code buildkit rm}: remove a builder's daemon and, unless kept, its state, as {@code buildx rm}. */
@Command(name = "rm", description = "Remove a builder's daemon (container:NAME) and its state.", mixinStandardHelpOptions = true)
final class RmCommand implements Callable<Integer> {
    @Mixin
    BuilderOptions builder;

    @Option(names = "--keep-state", description = "keep the build cache (the state volume)")
    boolean keepState;

    @Option(names = "--keep-daemon", description = "keep the daemon running")
    boolean keepDaemon;

    @Override
    public Integer call() throws Exception {
        try (Driver driver = builder.driver()) {
            return remove(driver);
        }
    }

    private int remove(Driver driver) throws Exception {
        if (!driver.features().contains(DriverFeature.OWN_DAEMON)) {
            // The docker and remote drivers use a daemon that someone else runs.
            System.err.println(driver.builderName() + ": the " + driver.driverName() + " driver's daemon is not ours; nothing removed");
            return 0;
        }
        driver.remove(keepState, keepDaemon);
        System.err.println(driver.builderName() + " removed");
        return 0;
    }
}
