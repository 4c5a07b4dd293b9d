package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.driver.BuilderInfo;
import io.jenkins.plugins.buildkit.driver.Driver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code buildkit inspect}: the builder, its driver, status, BuildKit version and platforms. */
final class InspectCommand implements Callable<Integer> {
    private final CommandSpec spec = BuilderOptions.declare(CommandModel.command(this, "inspect",
            "Show a builder's driver, status, BuildKit version and platforms.")).spec();

    static CommandSpec model() {
        return new InspectCommand().spec;
    }

    @Override
    public Integer call() throws Exception {
        BuilderInfo info;
        try (Driver driver = BuilderOptions.of(spec).driver()) {
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
