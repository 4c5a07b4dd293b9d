package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.wire.types.WorkerRecord;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code buildkit inspect}: the builder, its driver, status, BuildKit version and platforms. */
@Command(name = "inspect", description = "Show a builder's driver, status, BuildKit version and platforms.",
        mixinStandardHelpOptions = true)
final class InspectCommand implements Callable<Integer> {
    @Mixin
    BuilderOptions builder;

    @Override
    public Integer call() throws Exception {
        Driver driver = builder.driver();
        System.out.println("Name:      " + driver.builderName());
        System.out.println("Driver:    " + driver.driverName());
        System.out.println("Status:    " + driver.status());
        try (BuildKitClient client = driver.connect()) {
            String version = client.info().getBuildkitVersion().getVersion();
            System.out.println("BuildKit:  " + (version.isEmpty() ? "(too old to report its version)" : version));
            for (WorkerRecord w : client.listWorkers()) {
                System.out.println("Platforms: " + w.getPlatformsList().stream()
                        .map(p -> p.getOS() + "/" + p.getArchitecture() + (p.getVariant().isEmpty() ? "" : "/" + p.getVariant()))
                        .collect(Collectors.joining(", ")));
            }
        }
        return 0;
    }
}
