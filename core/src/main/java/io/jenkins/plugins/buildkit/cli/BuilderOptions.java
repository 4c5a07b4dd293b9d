package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Which builder a command uses. {@code --builder} is {@code docker} (the default: the engine that
 * {@code DOCKER_HOST} or {@code /var/run/docker.sock} names), {@code docker:ENDPOINT}, or
 * {@code remote:ENDPOINT} for a buildkitd of your own, with TLS files as buildctl takes them.
 */
final class BuilderOptions {
    @Option(names = "--builder", paramLabel = "BUILDER", defaultValue = "${env:BUILDKIT_BUILDER:-docker}",
            description = "docker | docker:ENDPOINT | container:NAME | remote:ENDPOINT (default: ${DEFAULT-VALUE})")
    String builder;

    @Option(names = "--tlscacert", paramLabel = "FILE", description = "CA certificate of a remote builder")
    Path caCert;

    @Option(names = "--tlscert", paramLabel = "FILE", description = "client certificate for a remote builder")
    Path cert;

    @Option(names = "--tlskey", paramLabel = "FILE", description = "client key for a remote builder")
    Path key;

    @Option(names = "--tlsservername", paramLabel = "NAME", description = "server name to verify for a remote builder")
    String serverName;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", description = "connect timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--driver-opt", paramLabel = "KEY=VALUE", description = "option of a container:NAME builder, as buildx's --driver-opt")
    java.util.List<String> driverOpts = new java.util.ArrayList<>();

    Driver driver() throws IOException {
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        String b = builder.trim();
        if (b.equals("docker") || b.equals("default")) {
            return new DockerDriver("default", DockerEndpoint.fromEnvironment(System.getenv()), timeout);
        }
        if (b.startsWith("docker:")) {
            return new DockerDriver(b, new DockerEndpoint(b.substring("docker:".length()), null), timeout);
        }
        if (b.startsWith("container:")) {
            java.util.Map<String, String> opts = new java.util.LinkedHashMap<>();
            for (String o : driverOpts) {
                int eq = o.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--driver-opt: \"" + o + "\" is not KEY=VALUE");
                }
                opts.put(o.substring(0, eq), o.substring(eq + 1));
            }
            return new ContainerDriver(b.substring("container:".length()), DockerEndpoint.fromEnvironment(System.getenv()),
                    ContainerDriverOptions.parse(opts), Duration.ofSeconds(Math.max(60, timeoutSeconds)));
        }
        if (b.startsWith("remote:")) {
            return new RemoteDriver(b, new RemoteDriverOptions(b.substring("remote:".length()),
                    TlsConfig.read(caCert, "--tlscacert"), TlsConfig.read(cert, "--tlscert"), TlsConfig.read(key, "--tlskey"), serverName, timeout));
        }
        throw new IllegalArgumentException("--builder: unknown builder \"" + builder + "\" (expected docker, docker:ENDPOINT, container:NAME or remote:ENDPOINT)");
    }

}
