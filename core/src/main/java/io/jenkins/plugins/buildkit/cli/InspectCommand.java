package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.driver.BuilderInfo;
import io.jenkins.plugins.buildkit.driver.Driver;
import java.util.concurrent.Callable;
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
        BuilderInfo info;
        try (Driver driver = builder.driver()) {
            info = BuilderInfo.inspect(driver);
        }
        System.out.println("Name:      " + info.builderName());
        System.out.println("Driver:    " + info.driverName());
        System.out.println("Status:    " + info.status());
        System.out.println("BuildKit:  " + info.buildkitVersion());
        System.out.println("Platforms: " + String.join(", ", info.platforms()));
        if (!info.nodes().isEmpty()) {
            System.out.println("Nodes:");
            for (BuilderInfo.Node node : info.nodes()) {
                System.out.println("  " + node.name() + ": " + node.state()
                        + (node.platforms().isEmpty() ? "" : ", platforms: " + String.join(", ", node.platforms())));
            }
        }
        return 0;
    }
}
