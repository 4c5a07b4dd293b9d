package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverFeature;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code buildkit stop}: stop a builder's daemon, keeping it and its state, as {@code buildx stop}. */
@Command(name = "stop", description = "Stop a builder's daemon (container:NAME).", mixinStandardHelpOptions = true)
final class StopCommand implements Callable<Integer> {
    @Mixin
    BuilderOptions builder;

    @Override
    public Integer call() throws Exception {
        try (Driver driver = builder.driver()) {
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
