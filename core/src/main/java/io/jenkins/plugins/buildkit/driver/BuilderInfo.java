package io.jenkins.plugins.buildkit.driver;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.wire.types.WorkerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code buildx inspect} tells of a running builder: its daemon's version and platforms, and,
 * for a builder with several daemons (kubernetes pods), each one's state and platforms.
 */
public record BuilderInfo(String builderName, String driverName, DriverStatus status, String buildkitVersion,
        List<String> platforms, List<Node> nodes) {

    /** One daemon of several: its name, its state, and its platforms when it answered. */
    public record Node(String name, String state, List<String> platforms) {
    }

    /** Connects to the builder (a managed driver may first create and start its daemon) and asks it. */
    public static BuilderInfo inspect(Driver driver) throws BuildKitException, InterruptedException {
        // Connect first: an unreachable daemon then costs one connect timeout, not two (status
        // connects too), and its error says why.
        try (BuildKitClient client = driver.connect()) {
            DriverStatus status = driver.status();
            String version = client.info().getBuildkitVersion().getVersion();
            List<Node> nodes = new ArrayList<>();
            for (Map.Entry<String, String> node : driver.nodes().entrySet()) {
                nodes.add(inspectNode(driver, node.getKey(), node.getValue()));
            }
            return new BuilderInfo(driver.builderName(), driver.driverName(), status,
                    version.isEmpty() ? "(too old to report its version)" : version, platforms(client), nodes);
        }
    }

    private static Node inspectNode(Driver driver, String name, String state) throws InterruptedException {
        if (!state.equals("Running")) {
            return new Node(name, state, List.of());
        }
        try (BuildKitClient client = driver.connectNode(name)) {
            return new Node(name, state, platforms(client));
        } catch (BuildKitException e) {
            return new Node(name, state + ", not answering: " + e.getMessage(), List.of());
        }
    }

    private static List<String> platforms(BuildKitClient client) throws BuildKitException {
        List<String> platforms = new ArrayList<>();
        for (WorkerRecord w : client.listWorkers()) {
            w.getPlatformsList().forEach(p -> {
                String name = p.getOS() + "/" + p.getArchitecture() + (p.getVariant().isEmpty() ? "" : "/" + p.getVariant());
                if (!platforms.contains(name)) {
                    platforms.add(name);
                }
            });
        }
        return platforms;
    }

    public String describe() {
        StringBuilder text = new StringBuilder("BuildKit " + buildkitVersion + " on " + driverName + " builder " + builderName
                + ", platforms: " + String.join(", ", platforms));
        for (Node n : nodes) {
            text.append("; ").append(n.name()).append(": ").append(n.state())
                    .append(n.platforms().isEmpty() ? "" : " (" + String.join(", ", n.platforms()) + ")");
        }
        return text.toString();
    }
}
