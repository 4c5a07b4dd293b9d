package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.wire.control.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code buildkit du}: the build cache's records and their sizes. */
@Command(name = "du", description = "Show the builder's disk usage.", mixinStandardHelpOptions = true)
final class DiskUsageCommand implements Callable<Integer> {
    @Mixin
    BuilderOptions builder;

    @Option(names = "--filter", paramLabel = "FILTER", description = "e.g. type=regular")
    List<String> filters = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
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
