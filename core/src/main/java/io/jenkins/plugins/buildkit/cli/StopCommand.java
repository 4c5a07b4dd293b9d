package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code buildkit stop}: stop a builder's daemon, keeping it and its state, as {@code buildx stop}. */
final class StopCommand implements Callable<Integer> {
    private final CommandSpec spec = BuilderOptions.declare(CommandModel.command(this, "stop",
            "Stop a builder's daemon (container:NAME).")).spec();

    static CommandSpec model() {
        return new StopCommand().spec;
    }

    @Override
    public Integer call() throws Exception {
        try (Driver driver = BuilderOptions.of(spec).driver()) {
            return stop(driver);
        }
    }

    private static int stop(Driver driver) throws Exception {
        if (!driver.features().contains(DriverFeature.OWN_DAEMON)) {
            // The docker and remote drivers use a daemon that someone else runs.
            System.err.println(driver.builderName() + ": the " + driver.driverName() + " driver's daemon is not ours; nothing stopped");
            return 0;
        }
        driver.stop();
        System.err.println(driver.builderName() + " stopped");
        return 0;
    }
}
