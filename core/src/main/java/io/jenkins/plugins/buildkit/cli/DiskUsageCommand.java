package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.wire.control.UsageRecord;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code buildkit du}: the build cache's records and their sizes. */
final class DiskUsageCommand implements Callable<Integer> {
    private final CommandSpec spec = BuilderOptions.declare(CommandModel.command(this, "du", "Show the builder's disk usage."))
            .list("FILTER", "e.g. type=regular", "--filter")
            .spec();

    static CommandSpec model() {
        return new DiskUsageCommand().spec;
    }

    @Override
    public Integer call() throws Exception {
        BuilderOptions builder = BuilderOptions.of(spec);
        List<String> filters = CommandModel.list(spec, "--filter");
        try (Driver driver = builder.driver(); BuildKitClient client = driver.connect()) {
            long total = 0;
            System.out.printf("%-28s %-8s %12s  %s%n", "ID", "RECLAIM", "SIZE", "DESCRIPTION");
            for (UsageRecord r : client.diskUsage(filters)) {
                total += r.getSize();
                System.out.printf("%-28s %-8s %12d  %s%n", r.getID(), r.getInUse() ? "false" : "true", r.getSize(), r.getDescription());
            }
            System.out.println("Total: " + total + " bytes");
        }
        return 0;
    }
}
