package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.wire.types.WorkerRecord;
import java.util.ArrayList;
import java.util.List;

/** What {@code buildx inspect} tells of a running builder: its daemon's version and platforms. */
public record BuilderInfo(String builderName, String driverName, DriverStatus status, String buildkitVersion,
        List<String> platforms) {

    /** Connects to the builder (a managed driver may first create and start its daemon) and asks it. */
    public static BuilderInfo inspect(Driver driver) throws BuildKitException, InterruptedException {
        // Connect first: an unreachable daemon then costs one connect timeout, not two (status
        // connects too), and its error says why.
        try (BuildKitClient client = driver.connect()) {
            DriverStatus status = driver.status();
            String version = client.info().getBuildkitVersion().getVersion();
            List<String> platforms = new ArrayList<>();
            for (WorkerRecord w : client.listWorkers()) {
                w.getPlatformsList().forEach(p -> {
                    String name = p.getOS() + "/" + p.getArchitecture() + (p.getVariant().isEmpty() ? "" : "/" + p.getVariant());
                    if (!platforms.contains(name)) {
                        platforms.add(name);
                    }
                });
            }
            return new BuilderInfo(driver.builderName(), driver.driverName(), status,
                    version.isEmpty() ? "(too old to report its version)" : version, platforms);
        }
    }

    public String describe() {
        return "BuildKit " + buildkitVersion + " on " + driverName + " builder " + builderName + ", platforms: "
                + String.join(", ", platforms);
    }
}
