package io.jenkins.plugins.buildkit.cli;

import io.grpc.netty.shaded.io.netty.util.internal.logging.InternalLoggerFactory;
import io.grpc.netty.shaded.io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code buildkit}: build images and look after builders from a shell, with the flags of
 * {@code docker buildx build}. Exit status 0 on success, 1 when the work failed, 2 for a usage error;
 * a failure is reported on stderr, first line first.
 */
public final class BuildKitCli implements Runnable {
    /** Each command's model by name, in the order the usage lists them. */
    private static final Map<String, Supplier<CommandSpec>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("build", BuildCommand::model);
        SUBCOMMANDS.put("inspect", InspectCommand::model);
        SUBCOMMANDS.put("du", DiskUsageCommand::model);
        SUBCOMMANDS.put("prune", PruneCommand::model);
        SUBCOMMANDS.put("stop", StopCommand::model);
        SUBCOMMANDS.put("rm", RmCommand::model);
    }

    /** Netty's switch for its JFR events, under the name gRPC's shading gives it. */
    private static final String NETTY_JFR_PROPERTY = "io.grpc.netty.shaded.io.netty.jfr.enabled";
    /**
     * Commands that talk to a daemon. Only they start initialising the client early: a JVM that exits
     * while that thread loads a native library waits for it.
     */
    private static final java.util.Set<String> CONNECTING_COMMANDS = java.util.Set.of("build", "inspect", "du", "prune");
    /** Commands that call a kubernetes builder's cluster: those that connect, and rm. */
    private static final java.util.Set<String> CLUSTER_COMMANDS = java.util.Set.of("build", "inspect", "du", "prune", "rm");

    private final CommandSpec spec = CommandModel.command(this, "buildkit", "Build container images with BuildKit.").spec()
            .version("buildkit-cli 0.1");

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required: build, inspect, du or prune");
    }

    public static void main(String[] args) {
        // Netty registers JDK Flight Recorder events for its buffers: ~100 classes and 0.1 s of every run.
        if (System.getProperty(NETTY_JFR_PROPERTY) == null) {
            System.setProperty(NETTY_JFR_PROPERTY, "false");
        }
        // Netty would first look for SLF4J, find it without a binding (other libraries bring it), and then
        // settle on java.util.logging: ~20 ms of class loading, half of it from the jar (SLF4J's classes
        // are too old for a class archive), ahead of its first class in every command. It is told the
        // outcome instead.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        String command = args.length > 0 ? args[0] : "";
        if (CONNECTING_COMMANDS.contains(command)) {
            io.jenkins.plugins.buildkit.client.BuildKitClient.initialiseInBackground();
        }
        String driver = BuilderArgument.kind(args, System.getenv(BuilderArgument.ENVIRONMENT_VARIABLE));
        if (CLUSTER_COMMANDS.contains(command) && "kubernetes".equals(driver)) {
            io.jenkins.plugins.buildkit.driver.kubernetes.KubernetesDriver.initialiseInBackground();
        }
        // Ctrl-C: interrupt the command, which cancels a running solve on the daemon, and give it a
        // moment to do so before the JVM goes.
        Thread main = Thread.currentThread();
        AtomicBoolean finished = new AtomicBoolean();
        AtomicBoolean signalled = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!finished.get()) {
                signalled.set(true);
                main.interrupt();
                try {
                    main.join(5000);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }
        }, "buildkit-cli-cancel"));
        int status = run(args, System.out, System.err);
        finished.set(true);
        if (!signalled.get()) {
            // Exiting from inside a shutdown would block: the signal already decides the status.
            System.exit(status);
        }
    }

    /** Runs the command line and returns the exit status; the calling thread may be interrupted to cancel. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new BuildKitCli().spec);
        // A named command gets only its own model, which is all it needs; usage and a mistyped name get them all.
        String named = args.length > 0 && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
        SUBCOMMANDS.forEach((name, model) -> {
            if (named == null || named.equals(name)) {
                cli.addSubcommand(name, new CommandLine(model.get()));
            }
        });
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InterruptedException) {
                err.println("ERROR: cancelled");
                return 130;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            err.println("ERROR: " + message);
            // "Your input is wrong" is an IllegalArgumentException, raised before any work starts: a usage error.
            return e instanceof IllegalArgumentException ? commandLine.getCommandSpec().exitCodeOnInvalidInput() : 1;
        });
        return cli.execute(args);
    }
}
