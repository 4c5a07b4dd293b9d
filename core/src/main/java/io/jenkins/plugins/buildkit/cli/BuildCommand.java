package io.jenkins.plugins.buildkit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.SecretSource;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code buildkit build}: the flags of {@code docker buildx build}. */
@Command(name = "build", description = "Build an image from a Dockerfile.", mixinStandardHelpOptions = true)
final class BuildCommand implements Callable<Integer> {
    @Mixin
    BuilderOptions builder;

    @Parameters(index = "0", paramLabel = "PATH", description = "build context directory")
    String context;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Dockerfile (default: PATH/Dockerfile)")
    String file;

    @Option(names = {"-t", "--tag"}, paramLabel = "NAME", description = "image name and tag")
    List<String> tags = new ArrayList<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "build stage to build")
    String target;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "build-time variable")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "image label")
    List<String> labels = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "PLATFORM", description = "target platform(s), comma-separated")
    List<String> platforms = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "output, e.g. type=local,dest=out")
    List<String> outputs = new ArrayList<>();

    @Option(names = "--cache-from", paramLabel = "CACHE", description = "external cache source")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--cache-to", paramLabel = "CACHE", description = "cache export destination")
    List<String> cacheTo = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "SECRET", description = "id=ID,src=FILE or id=ID,env=VAR")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--ssh", paramLabel = "ID=KEYFILE", description = "SSH keys to forward, id=keyfile[,keyfile]")
    List<String> ssh = new ArrayList<>();

    @Option(names = "--shm-size", paramLabel = "SIZE", description = "size of /dev/shm in RUN steps, e.g. 128m")
    String shmSize;

    @Option(names = "--ulimit", paramLabel = "NAME=SOFT[:HARD]", description = "ulimit for RUN steps, e.g. nofile=1024:2048")
    List<String> ulimits = new ArrayList<>();

    @Option(names = "--cgroup-parent", paramLabel = "PARENT", description = "cgroup parent of RUN steps")
    String cgroupParent;

    @Option(names = "--annotation", paramLabel = "[TYPE:]KEY=VALUE", description = "OCI annotation on the image (TYPE: manifest, index, ...)")
    List<String> annotations = new ArrayList<>();

    @Option(names = "--build-context", paramLabel = "NAME=VALUE", description = "additional context: a directory, docker-image://REF, target:STAGE or a URL")
    List<String> buildContexts = new ArrayList<>();

    @Option(names = "--allow", paramLabel = "ENTITLEMENT", description = "network.host or security.insecure")
    List<String> allow = new ArrayList<>();

    @Option(names = "--network", paramLabel = "MODE", description = "network for RUN steps: default, host or none")
    String network;

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "add a line to /etc/hosts of RUN steps")
    List<String> addHosts = new ArrayList<>();

    @Option(names = "--attest", paramLabel = "ATTEST", description = "attestation, e.g. type=provenance,mode=max or type=sbom")
    List<String> attests = new ArrayList<>();

    @Option(names = "--provenance", paramLabel = "VALUE", description = "shorthand for --attest=type=provenance: true, false or attributes")
    String provenance;

    @Option(names = "--sbom", paramLabel = "VALUE", description = "shorthand for --attest=type=sbom: true, false or attributes")
    String sbom;

    @Option(names = "--push", description = "push the image (type=image,push=true)")
    boolean push;

    @Option(names = "--load", description = "load the image into Docker (type=docker)")
    boolean load;

    @Option(names = "--no-cache", description = "do not use cache")
    boolean noCache;

    @Option(names = "--pull", description = "always look for newer base images")
    boolean pull;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "plain", description = "plain, rawjson or quiet (default: ${DEFAULT-VALUE})")
    String progress;

    @Option(names = {"-q", "--quiet"}, description = "no progress; print only the image digest")
    boolean quiet;

    @Option(names = "--iidfile", paramLabel = "FILE", description = "write the image ID (its config digest) to the file")
    Path iidFile;

    @Option(names = "--metadata-file", paramLabel = "FILE", description = "write the build result metadata as JSON")
    Path metadataFile;

    @Override
    public Integer call() throws Exception {
        ProgressMode mode = quiet ? ProgressMode.QUIET : ProgressMode.parse(progress);
        BuildSpec.Builder spec = BuildSpec.builder().context(context).dockerfile(file).target(target)
                .noCache(noCache).pull(pull).push(push);
        tags.forEach(spec::tag);
        for (String arg : buildArgs) {
            String[] kv = keyValue(arg, "--build-arg");
            spec.buildArg(kv[0], kv[1] != null ? kv[1] : System.getenv(kv[0]) == null ? "" : System.getenv(kv[0]));
        }
        for (String label : labels) {
            String[] kv = keyValue(label, "--label");
            spec.label(kv[0], kv[1] == null ? "" : kv[1]);
        }
        platforms.forEach(spec::platform);
        outputs.forEach(spec::output);
        if (load) {
            spec.output("type=docker");
        }
        cacheFrom.forEach(spec::cacheFrom);
        cacheTo.forEach(spec::cacheTo);
        attests.forEach(spec::attest);
        buildContexts.forEach(spec::buildContext);
        annotations.forEach(spec::annotation);
        ulimits.forEach(spec::ulimit);
        spec.shmSize(shmSize).cgroupParent(cgroupParent);
        allow.forEach(spec::allow);
        addHosts.forEach(spec::addHost);
        spec.network(network);
        spec.provenance(provenance).sbom(sbom);
        List<String> secretValues = new ArrayList<>();
        for (String s : secrets) {
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
        for (String s : ssh) {
            try {
                spec.ssh(io.jenkins.plugins.buildkit.build.SshSource.parse(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--ssh: " + e.getMessage(), e);
            }
        }
        SecretMasker masker = new SecretMasker(secretValues);
        SolveResult result;
        try {
            result = DriverBuild.run(builder.driver(), spec.build(), mode.renderer(System.err, masker),
                    mode == ProgressMode.PLAIN ? System.err : null);
        } catch (IOException | RuntimeException e) {
            // The final ERROR line quotes the daemon, which may quote a command holding a secret.
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new IOException(masker.mask(message));
        }
        if (iidFile != null) {
            // As Buildx: the image ID is the config digest where the exporter reports one.
            String id = result.exporterResponse().getOrDefault("containerimage.config.digest", result.imageDigest());
            if (id != null) {
                Files.writeString(iidFile, id, StandardCharsets.UTF_8);
            }
        }
        if (metadataFile != null) {
            writeMetadata(result.exporterResponse());
        }
        if (result.imageDigest() != null && mode != ProgressMode.RAWJSON) {
            System.out.println(result.imageDigest());
        }
        return 0;
    }

    private static String[] keyValue(String text, String option) {
        int eq = text.indexOf('=');
        String key = eq < 0 ? text : text.substring(0, eq);
        if (key.isBlank()) {
            throw new IllegalArgumentException(option + ": \"" + text + "\" has no name");
        }
        return new String[] {key, eq < 0 ? null : text.substring(eq + 1)};
    }

    private void writeMetadata(Map<String, String> response) throws IOException {
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
