package io.jenkins.plugins.buildkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.buildkit.build.BuildOption;
import io.jenkins.plugins.buildkit.build.BuildOptions;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.build.SecretSource;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.progress.MaskingOutputStream;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code buildkit build}: the flags of {@code docker buildx build}. */
final class BuildCommand implements Callable<Integer> {
    private final CommandSpec command = model(this);

    static CommandSpec model() {
        return new BuildCommand().command;
    }

    private static CommandSpec model(BuildCommand build) {
        CommandModel model = BuilderOptions.declare(CommandModel.command(build, "build", "Build an image from a Dockerfile."))
                .parameter("PATH", "build context directory")
                .list("SECRET", "id=ID,src=FILE or id=ID,env=VAR", "--secret")
                .list("ID=KEYFILE", "SSH keys to forward, id=keyfile[,keyfile]", "--ssh")
                .option(String.class, "MODE", "plain", "plain, rawjson or quiet (default: ${DEFAULT-VALUE})", "--progress")
                .flag("no progress; print only the image digest", "-q", "--quiet")
                .option(Path.class, "FILE", null, "write the image ID (its config digest) to the file", "--iidfile")
                .option(Path.class, "FILE", null, "write the build result metadata as JSON", "--metadata-file");
        addTableOptions(model.spec());
        return model.spec();
    }

    @Override
    public Integer call() throws Exception {
        String context = CommandModel.parameter(command);
        boolean quiet = CommandModel.flag(command, "--quiet");
        String progress = CommandModel.text(command, "--progress");
        Path iidFile = CommandModel.path(command, "--iidfile");
        Path metadataFile = CommandModel.path(command, "--metadata-file");
        ProgressMode mode;
        try {
            mode = quiet ? ProgressMode.QUIET : ProgressMode.parse(progress);
        } catch (IllegalArgumentException e) {
            // The message names the Pipeline parameter, "progress: ..."; here it is the flag.
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
        requireParentDirectory(iidFile, "--iidfile");
        requireParentDirectory(metadataFile, "--metadata-file");
        BuildSpec.Builder spec = options().applyTo(BuildSpec.builder().context(context));
        List<String> secretValues = new ArrayList<>();
        for (String s : CommandModel.list(command, "--secret")) {
            SecretSource source;
            try {
                source = SecretSource.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--secret: " + e.getMessage(), e);
            }
            spec.secret(source);
            try {
                secretValues.add(new String(source.value(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // validation reports the unreadable source
            }
        }
        for (String s : CommandModel.list(command, "--ssh")) {
            try {
                spec.ssh(io.jenkins.plugins.buildkit.build.SshSource.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ssh: " + e.getMessage(), e);
            }
        }
        // As Buildx: the logins of `docker login`, for the registries the build pushes to or reads cache
        // from (a credential helper is asked only for those); every login of the file otherwise.
        java.util.Set<String> registries = new java.util.LinkedHashSet<>();
        spec.build().tags().forEach(t -> registries.add(RegistryCredential.registryOf(t)));
        DockerConfigLogins.read(System.getenv(), registries).forEach((host, login) -> {
            spec.registryCredential(host, login);
            secretValues.add(login.secret());
        });
        SecretMasker masker = new SecretMasker(secretValues);
        // Made outside the try below: a bad --builder or --driver-opt is a usage error, not a failed build.
        Driver driver = BuilderOptions.of(command).driver();
        BuildSpec request = spec.build();
        SolveResult result;
        // The builder's own log (an image pulled, a container made) is masked as the progress is.
        PrintStream builderLog = new PrintStream(new MaskingOutputStream(System.err, masker), true, StandardCharsets.UTF_8);
        try (driver) {
            result = DriverBuild.run(driver, request, mode.renderer(System.err, masker),
                    mode == ProgressMode.PLAIN ? builderLog : null);
        } catch (InvalidRequestException e) {
            // Refused before anything started: still the user's input, so still a usage error.
            throw new IllegalArgumentException(masker.mask(e.getMessage()), e);
        } catch (IOException | BuildKitException | RuntimeException e) {
            // The final ERROR line quotes the daemon, which may quote a command holding a secret.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IOException(masker.mask(message));
        } finally {
            builderLog.close();
        }
        if (iidFile != null) {
            // As Buildx: the image ID is the config digest where the exporter reports one.
            String id = result.exporterResponse().getOrDefault("containerimage.config.digest", result.imageDigest());
            if (id != null) {
                Files.writeString(iidFile, id, StandardCharsets.UTF_8);
            }
        }
        if (metadataFile != null) {
            writeMetadata(metadataFile, result.exporterResponse());
        }
        // standard output may carry the exported tarball itself, which a digest line would corrupt
        boolean tarballToStdout = request.resolvedOutputs().stream().anyMatch(o -> OutputSpec.STANDARD_OUTPUT.equals(o.dest()));
        if (result.imageDigest() != null && mode != ProgressMode.RAWJSON && !tarballToStdout) {
            System.out.println(result.imageDigest());
        }
        return 0;
    }

    /** The file is written after the build: a directory that is not there would lose the build's result. */
    private static void requireParentDirectory(Path file, String flag) {
        if (file == null) {
            return;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(flag + ": " + (Files.exists(dir) ? "not a directory: " : "directory not found: ") + dir);
        }
    }

    /** Adds an option of {@link BuildOption}'s table for each parameter that has a Buildx flag. */
    private static void addTableOptions(CommandSpec command) {
        for (BuildOption o : BuildOption.values()) {
            if (o.flags().isEmpty()) {
                continue;
            }
            OptionSpec.Builder option = OptionSpec.builder(o.flags().toArray(String[]::new)).description(o.description());
            if (o.kind() == BuildOption.Kind.FLAG) {
                option.type(boolean.class);
            } else if (o.kind() == BuildOption.Kind.TEXT) {
                option.type(String.class).paramLabel(o.valueLabel());
            } else {
                option.type(List.class).auxiliaryTypes(String.class).paramLabel(o.valueLabel());
            }
            command.addOption(option.build());
        }
    }

    /** The values of the table's options as given, with Buildx's command-line conventions applied. */
    private BuildOptions options() {
        BuildOptions options = new BuildOptions();
        for (BuildOption o : BuildOption.values()) {
            if (o.flags().isEmpty()) {
                continue;
            }
            Object value = command.findOption(o.flags().get(o.flags().size() - 1)).getValue();
            if (value instanceof List<?> list) {
                for (Object item : list) {
                    String text = String.valueOf(item);
                    for (String entry : o.kind() == BuildOption.Kind.LIST_OR_COMMAS ? text.split(",") : new String[] {text}) {
                        options.add(o, o.kind() == BuildOption.Kind.MAP ? keyValue(entry, o) : entry);
                    }
                }
            } else if (value != null) {
                options.add(o, String.valueOf(value));
            }
        }
        return options;
    }

    /** {@code --build-arg NAME} without a value takes NAME from the environment, as Buildx does. */
    private static String keyValue(String text, BuildOption option) {
        int eq = text.indexOf('=');
        String key = eq < 0 ? text : text.substring(0, eq);
        if (key.isBlank()) {
            throw new IllegalArgumentException(option.flags().get(option.flags().size() - 1) + ": \"" + text + "\" has no name");
        }
        if (eq >= 0) {
            return text;
        }
        String fromEnv = option == BuildOption.BUILD_ARGS ? System.getenv(key) : null;
        return key + "=" + (fromEnv == null ? "" : fromEnv);
    }

    private static void writeMetadata(Path metadataFile, Map<String, String> response) throws IOException {
        try (Writer w = Files.newBufferedWriter(metadataFile, StandardCharsets.UTF_8);
                JsonGenerator json = new JsonFactory().createGenerator(w)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            for (Map.Entry<String, String> e : new TreeMap<>(response).entrySet()) {
                json.writeStringField(e.getKey(), e.getValue());
            }
            json.writeEndObject();
        }
    }
}
