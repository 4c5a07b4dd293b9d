package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code buildkit rm}: remove a builder's daemon and, unless kept, its state, as {@code buildx rm}. */
final class RmCommand implements Callable<Integer> {
    private final CommandSpec spec = BuilderOptions.declare(CommandModel.command(this, "rm",
            "Remove a builder's daemon (container:NAME) and its state."))
            .flag("keep the build cache (the state volume)", "--keep-state")
            .flag("keep the daemon running", "--keep-daemon")
            .spec();

    static CommandSpec model() {
        return new RmCommand().spec;
    }

    @Override
    public Integer call() throws Exception {
        try (Driver driver = BuilderOptions.of(spec).driver()) {
            return remove(driver, CommandModel.flag(spec, "--keep-state"), CommandModel.flag(spec, "--keep-daemon"));
        }
    }

    private static int remove(Driver driver, boolean keepState, boolean keepDaemon) throws Exception {
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
