package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
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

    @Override
    public Integer call() throws Exception {
        AtomicLong reclaimed = new AtomicLong();
        try (BuildKitClient client = builder.driver().connect()) {
            client.prune(PruneRequest.newBuilder().setAll(all).addAllFilter(filters)
                    .setKeepDuration(Duration.ofSeconds(keepSeconds).toNanos()).build(), r -> {
                        reclaimed.addAndGet(r.getSize());
                        System.out.println("removed " + r.getID() + " " + r.getSize() + " bytes");
                    });
        }
        System.out.println("Total reclaimed: " + reclaimed.get() + " bytes");
        return 0;
    }
}
