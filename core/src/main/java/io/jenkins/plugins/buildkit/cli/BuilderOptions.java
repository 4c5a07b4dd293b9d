package io.jenkins.plugins.buildkit.cli;

import io.jenkins.plugins.buildkit.client.SecretValue;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverKind;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Which builder a command uses. {@code --builder} is {@code docker} (the default: the engine that
 * {@code DOCKER_HOST} or {@code /var/run/docker.sock} names), {@code docker:ENDPOINT}, or
 * {@code remote:ENDPOINT} for a buildkitd of your own, with TLS files as buildctl takes them.
 */
final class BuilderOptions {
    private String builder;
    private Path kubeconfig;
    private Path caCert;
    private Path cert;
    private Path key;
    private String serverName;
    private long timeoutSeconds;
    private List<String> driverOpts;

    /** Adds the options of every command that uses a builder. */
    static CommandModel declare(CommandModel command) {
        return command
                .option(String.class, "BUILDER", "${env:" + BuilderArgument.ENVIRONMENT_VARIABLE + ":-docker}",
                        "docker | docker:ENDPOINT | container:NAME | kubernetes:NAME | remote:ENDPOINT (default: ${DEFAULT-VALUE})",
                        "--builder")
                .option(Path.class, "FILE", null, "kubeconfig of a kubernetes builder's cluster (default: $KUBECONFIG, then ~/.kube/config)",
                        "--kubeconfig")
                .option(Path.class, "FILE", null, "CA certificate of a remote builder", "--tlscacert")
                .option(Path.class, "FILE", null, "client certificate for a remote builder", "--tlscert")
                .option(Path.class, "FILE", null, "client key for a remote builder", "--tlskey")
                .option(String.class, "NAME", null, "server name to verify for a remote builder", "--tlsservername")
                .option(int.class, "SECONDS", "20", "connect timeout (default: ${DEFAULT-VALUE})", "--timeout")
                .list("KEY=VALUE", "option of a container:NAME or kubernetes:NAME builder, as buildx's --driver-opt", "--driver-opt");
    }

    /** The builder options as parsed for {@code command}. */
    static BuilderOptions of(CommandSpec command) {
        BuilderOptions o = new BuilderOptions();
        o.builder = CommandModel.text(command, "--builder");
        o.kubeconfig = CommandModel.path(command, "--kubeconfig");
        o.caCert = CommandModel.path(command, "--tlscacert");
        o.cert = CommandModel.path(command, "--tlscert");
        o.key = CommandModel.path(command, "--tlskey");
        o.serverName = CommandModel.text(command, "--tlsservername");
        o.timeoutSeconds = CommandModel.number(command, "--timeout");
        o.driverOpts = CommandModel.list(command, "--driver-opt");
        return o;
    }

    /**
     * The driver, made by {@link DriverKind}. {@code --builder} is {@code KIND[:ARGUMENT]}, Buildx's
     * driver name with {@code container} short for docker-container: the argument is the endpoint of
     * a docker or remote builder, and the name of a docker-container builder.
     */
    Driver driver() throws IOException {
        String b = builder.trim();
        int colon = b.indexOf(':');
        String kindName = colon < 0 ? b : b.substring(0, colon);
        String argument = colon < 0 ? null : b.substring(colon + 1);
        DriverKind kind;
        try {
            kind = DriverKind.named(kindName.equals("default") ? "docker" : kindName.equals("container") ? "docker-container" : kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--builder: unknown builder \"" + builder
                    + "\" (expected docker, docker:ENDPOINT, container:NAME, kubernetes:NAME or remote:ENDPOINT)", e);
        }
        boolean named = kind == DriverKind.DOCKER_CONTAINER || kind == DriverKind.KUBERNETES;
        if (named && argument == null || kind == DriverKind.REMOTE && argument == null) {
            throw new IllegalArgumentException("--builder: \"" + builder + "\" needs " + (named ? ":NAME" : ":ENDPOINT"));
        }
        String name = named ? argument : argument == null ? "default" : b;
        Duration timeout = Duration.ofSeconds(named ? Math.max(60, timeoutSeconds) : timeoutSeconds);
        TlsConfig tls = kind == DriverKind.REMOTE ? new TlsConfig(TlsConfig.read(caCert, "--tlscacert"),
                TlsConfig.read(cert, "--tlscert"), TlsConfig.read(key, "--tlskey"), serverName) : null;
        SecretValue kubeconfigText = kubeconfig == null ? null : SecretValue.of(TlsConfig.read(kubeconfig, "--kubeconfig"));
        return kind.create(new DriverKind.Settings(name, named ? null : argument, tls, driverOptions(), null, System.getenv(),
                timeout, kubeconfigText, null, List.of()));
    }

    private Map<String, String> driverOptions() {
        Map<String, String> opts = new LinkedHashMap<>();
        for (String o : driverOpts) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--driver-opt: \"" + o + "\" is not KEY=VALUE");
            }
            opts.put(o.substring(0, eq), o.substring(eq + 1));
        }
        return opts;
    }
}
