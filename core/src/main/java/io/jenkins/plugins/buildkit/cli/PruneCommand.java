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
import picocli.CommandLine.Model.CommandSpec;

/** {@code buildkit prune}: remove build cache. */
final class PruneCommand implements Callable<Integer> {
    private final CommandSpec spec = BuilderOptions.declare(CommandModel.command(this, "prune", "Remove build cache."))
            .flag("include internal and frontend records", "-a", "--all")
            .list("FILTER", "e.g. until=24h or type=regular", "--filter")
            .option(long.class, "SECONDS", null, "keep records used within this many seconds", "--keep-duration")
            .option(String.class, "SIZE", null, "cache to keep in any case, e.g. 10gb (--keep-storage is Buildx's older name)",
                    "--reserved-space", "--keep-storage")
            .option(String.class, "SIZE", null, "the most the cache may use, e.g. 50gb", "--max-used-space")
            .option(String.class, "SIZE", null, "disk space to leave free, e.g. 20gb", "--min-free-space")
            .spec();

    static CommandSpec model() {
        return new PruneCommand().spec;
    }

    private long bytes(String flag) {
        String value = CommandModel.text(spec, flag);
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
        Duration keep = Duration.ofSeconds(CommandModel.number(spec, "--keep-duration"));
        List<String> daemonFilters = new ArrayList<>();
        for (String f : CommandModel.list(spec, "--filter")) {
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
        PruneRequest request = PruneRequest.newBuilder().setAll(CommandModel.flag(spec, "--all")).addAllFilter(daemonFilters)
                .setKeepDuration(keep.toNanos()).setReservedSpace(bytes("--reserved-space")).setMaxUsedSpace(bytes("--max-used-space"))
                .setMinFreeSpace(bytes("--min-free-space")).build();
        try (Driver driver = BuilderOptions.of(spec).driver(); BuildKitClient client = driver.connect()) {
            client.prune(request, r -> {
                        reclaimed.addAndGet(r.getSize());
                        System.out.println("removed " + r.getID() + " " + r.getSize() + " bytes");
                    });
        }
        System.out.println("Total reclaimed: " + reclaimed.get() + " bytes");
        return 0;
    }
}
