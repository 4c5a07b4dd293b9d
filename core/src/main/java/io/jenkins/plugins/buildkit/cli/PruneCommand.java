package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.build.GoDuration;
import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.wire.control.PruneRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code buildkit prune}: remove build cache. */
@Command(name = "prune", description = "Remove build cache.", mixinStandardHelpOptions = true)
final class PruneCommand implements Callable<Integer> {
    @Mixin
    BuilderOptions builder;

    @Option(names = {"-a", "--all"}, description = "include internal and frontend records")
    boolean all;

    @Option(names = "--filter", paramLabel = "FILTER", description = "e.g. until=24h or type=regular")
    List<String> filters = new ArrayList<>();

    @Option(names = "--keep-duration", paramLabel = "SECONDS", description = "keep records used within this many seconds")
    long keepSeconds;

    @Option(names = {"--reserved-space", "--keep-storage"}, paramLabel = "SIZE",
            description = "cache to keep in any case, e.g. 10gb (--keep-storage is Buildx's older name)")
    String reservedSpace;

    @Option(names = "--max-used-space", paramLabel = "SIZE", description = "the most the cache may use, e.g. 50gb")
    String maxUsedSpace;

    @Option(names = "--min-free-space", paramLabel = "SIZE", description = "disk space to leave free, e.g. 20gb")
    String minFreeSpace;

    private static long bytes(String flag, String value) {
        if (value == null) {
            return 0;
        }
        Long bytes = io.jenkins.plugins.buildkit.build.ByteSize.parse(value);
        if (bytes == null) {
            throw new IllegalArgumentException(flag + ": \"" + value + "\" is not a size such as 512mb or 10gb");
        }
        return bytes;
    }

    @Override
    public Integer call() throws Exception {
        AtomicLong reclaimed = new AtomicLong();
        Duration keep = Duration.ofSeconds(keepSeconds);
        List<String> daemonFilters = new ArrayList<>();
        for (String f : filters) {
            // As in buildx, until=DURATION is not a daemon filter but the age to keep.
            if (f.startsWith("until=")) {
                String until = f.substring("until=".length());
                keep = GoDuration.parse(until);
                if (keep == null) {
                    throw new IllegalArgumentException("--filter: until=\"" + until + "\" is not a duration such as 24h or 30m");
                }
            } else {
                daemonFilters.add(f);
            }
        }
        PruneRequest request = PruneRequest.newBuilder().setAll(all).addAllFilter(daemonFilters).setKeepDuration(keep.toNanos())
                .setReservedSpace(bytes("--reserved-space", reservedSpace)).setMaxUsedSpace(bytes("--max-used-space", maxUsedSpace))
                .setMinFreeSpace(bytes("--min-free-space", minFreeSpace)).build();
        try (Driver driver = builder.driver(); BuildKitClient client = driver.connect()) {
            client.prune(request, r -> {
                        reclaimed.addAndGet(r.getSize());
                        System.out.println("removed " + r.getID() + " " + r.getSize() + " bytes");
                    });
        }
        System.out.println("Total reclaimed: " + reclaimed.get() + " bytes");
        return 0;
    }
}
