package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.driver.DriverSpec;
import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.buildkit.build.BuildOption;
import io.jenkins.plugins.buildkit.build.BuildOptions;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.attest.ImageAttestations;
import io.jenkins.plugins.buildkit.attest.RegistryReader;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.SolveResult;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.progress.MaskingOutputStream;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.MasterToSlaveFileCallable;

/**
 * The build itself, run on the agent that holds the workspace: the context streams from local disk,
 * progress goes to the build log as it arrives, every credential value masked. An interrupted
 * thread (the build aborted) cancels the solve on the daemon.
 */
public final class AgentBuild extends MasterToSlaveFileCallable<BuildOutcome> {
    private static final long serialVersionUID = 1L;

    private final DriverSpec driver;
    private final BuildOptions options;
    private final ProgressMode progress;
    private final ResolvedCredentials credentials;
    private final Map<String, String> env;
    private final TaskListener listener;

    public AgentBuild(DriverSpec driver, BuildOptions options, ProgressMode progress, ResolvedCredentials credentials,
            Map<String, String> env, TaskListener listener) {
        this.driver = driver;
        this.options = options;
        this.progress = progress;
        this.credentials = credentials;
        this.env = new TreeMap<>(env);
        this.listener = listener;
    }

    /**
     * The build spec in a workspace. Relative paths are the step's working directory's, as Buildx
     * takes them from its own, and must stay inside the workspace; the builder's fixed platforms
     * apply when the step names none.
     */
    static BuildSpec spec(BuildOptions options, File workingDirectory, Map<String, String> env, ResolvedCredentials credentials,
            List<String> builderPlatforms) throws InvalidRequestException {
        BuildSpec.Builder request = options.applyTo(BuildSpec.builder().workingDirectory(workingDirectory.toPath())
                .confinedTo(workspaceRoot(workingDirectory, env))
                // the provenance says which Jenkins build made the image, unless the step names a builder id
                .defaultBuilderId(env.get("BUILD_URL")));
        if (!options.has(BuildOption.PLATFORMS)) {
            builderPlatforms.forEach(request::platform);
        }
        credentials.applyTo(request);
        BuildSpec spec = request.build();
        spec.validate();
        return spec;
    }

    /**
     * The workspace the step runs in: inside {@code dir('sub')} the working directory is below it,
     * and {@code WORKSPACE} still names it.
     */
    static Path workspaceRoot(File workingDirectory, Map<String, String> env) {
        Path cwd = workingDirectory.toPath().toAbsolutePath().normalize();
        String workspace = env.get("WORKSPACE");
        if (workspace != null && !workspace.isBlank()) {
            Path root = Path.of(workspace).toAbsolutePath().normalize();
            if (cwd.startsWith(root)) {
                return root;
            }
        }
        return cwd;
    }

    @Override
    public BuildOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        List<String> masked = new ArrayList<>(credentials.valuesToMask());
        masked.addAll(driver.valuesToMask());
        SecretMasker masker = new SecretMasker(masked);
        try {
            BuildSpec spec = spec(options, workspace, env, credentials, driver.platforms());
            try (Driver d = driver.create(env)) {
                // what only the made driver knows it must hide (the pieces of a kubeconfig)
                masked.addAll(d.valuesToMask());
                masker = new SecretMasker(masked);
                long start = System.nanoTime();
                // The builder's own log (an image pulled, a container made) is masked as the progress is.
                PrintStream builderLog = new PrintStream(new MaskingOutputStream(listener.getLogger(), masker), true, StandardCharsets.UTF_8);
                TimelineRecorder timeline = new TimelineRecorder(progress.renderer(listener.getLogger(), masker), masker);
                SolveResult result;
                try {
                    result = DriverBuild.run(d, spec, timeline, progress == ProgressMode.PLAIN ? builderLog : null);
                } catch (BuildKitException e) {
                    String message = failure(masker, e);
                    BuildTimeline partial = timeline.timeline();
                    if (partial.getSteps().isEmpty()) {
                        throw new AbortException(message); // nothing ran: there is no timeline to show
                    }
                    // The build page shows a failed build's timeline too: which step failed, and what ran beside it.
                    throw new FailedBuildException(message, d.builderName(), d.driverName(), partial, (System.nanoTime() - start) / 1_000_000);
                } finally {
                    builderLog.close();
                }
                BuildOutcome outcome = BuildOutcome.of(d, spec.platforms(), result, (System.nanoTime() - start) / 1_000_000, timeline.timeline());
                return spec.isPush() ? withAttestations(outcome, masker) : outcome;
            }
        } catch (IllegalArgumentException e) {
            throw new AbortException(failure(masker, e));
        }
    }

    /**
     * The outcome with what the pushed image's attestations say. The image is built and pushed by now,
     * so a registry that cannot be read costs one log line and a note on the build page, never the build.
     */
    private BuildOutcome withAttestations(BuildOutcome outcome, SecretMasker masker) throws InterruptedException {
        if (outcome.digest() == null || outcome.imageNames().isEmpty()) {
            return outcome;
        }
        String image = outcome.imageNames().get(0);
        String registry = io.jenkins.plugins.buildkit.client.RegistryCredential.registryOf(image);
        try {
            String ca = driver.caPem();
            RegistryReader reader = new RegistryReader(registry, credentials.registryCredential(registry), ca == null ? List.of() : List.of(ca));
            List<AttestationSummary> summaries = new ArrayList<>();
            for (ImageAttestations.Platform p : ImageAttestations.read(reader, RegistryReader.repositoryOf(image), outcome.digest())) {
                summaries.add(AttestationSummary.of(p, masker));
            }
            return outcome.withAttestations(summaries, null);
        } catch (IOException | RuntimeException e) {
            String problem = masker.mask("the attestations of " + image + " could not be read from " + registry + ": " + e.getMessage());
            listener.getLogger().println("buildkitBuild: " + problem);
            return outcome.withAttestations(List.of(), problem);
        }
    }

    /** Wrong input, or the engine's own words are the clearest; the agent's stack trace adds nothing for the user. */
    private String failure(SecretMasker masker, Exception e) {
        return masker.mask("buildkitBuild on builder " + driver.builderName() + ": " + e.getMessage());
    }
}
