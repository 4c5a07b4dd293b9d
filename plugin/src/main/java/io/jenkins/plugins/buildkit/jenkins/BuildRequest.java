package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidBuildSpecException;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import java.io.File;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@code buildkitBuild} step or the freestyle step asks for, in the step's parameter names,
 * without credentials. It travels to the agent, where paths are resolved against the workspace.
 */
public final class BuildRequest implements Serializable {
    private static final long serialVersionUID = 1L;

    String context = ".";
    String file;
    String target;
    final Map<String, String> buildArgs = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<String> platforms = new ArrayList<>();
    final List<String> tags = new ArrayList<>();
    boolean push;
    boolean load;
    final List<String> outputs = new ArrayList<>();
    final List<String> cacheFrom = new ArrayList<>();
    final List<String> cacheTo = new ArrayList<>();
    final List<String> attestations = new ArrayList<>();
    String provenance;
    final Map<String, String> buildContexts = new LinkedHashMap<>();
    final List<String> allow = new ArrayList<>();
    String network;
    final List<String> addHosts = new ArrayList<>();
    final List<String> annotations = new ArrayList<>();
    String shmSize;
    final List<String> ulimits = new ArrayList<>();
    String cgroupParent;
    String sbom;
    boolean noCache;
    boolean pull;
    String progress = "plain";

    /** The progress mode; a bad value names the {@code progress} parameter. */
    public ProgressMode progressMode() throws InvalidBuildSpecException {
        try {
            return ProgressMode.parse(progress == null || progress.isBlank() ? "plain" : progress);
        } catch (IllegalArgumentException e) {
            throw new InvalidBuildSpecException(List.of(e.getMessage()));
        }
    }

    /**
     * The build spec for a workspace: every relative path ({@code context}, {@code file}, output and
     * cache directories, directory build contexts) is taken from the workspace, as Buildx takes them
     * from its working directory.
     *
     * @param defaultPlatforms the builder's fixed platforms, used when the request names none
     */
    public BuildSpec toSpec(File workspace, ResolvedCredentials credentials, List<String> defaultPlatforms)
            throws InvalidBuildSpecException {
        progressMode();
        BuildSpec.Builder spec = BuildSpec.builder()
                .workingDirectory(workspace.toPath())
                .context(context == null || context.isBlank() ? "." : context)
                .dockerfile(file == null || file.isBlank() ? null : file)
                .target(DriverConfig.blankToNull(target))
                .noCache(noCache).pull(pull).push(push);
        buildArgs.forEach(spec::buildArg);
        labels.forEach(spec::label);
        (platforms.isEmpty() ? defaultPlatforms : platforms).forEach(spec::platform);
        tags.forEach(spec::tag);
        outputs.forEach(spec::output);
        if (load) {
            spec.output("type=docker");
        }
        cacheFrom.forEach(spec::cacheFrom);
        cacheTo.forEach(spec::cacheTo);
        attestations.forEach(spec::attest);
        buildContexts.forEach((name, value) -> spec.buildContext(name + "=" + value));
        allow.forEach(spec::allow);
        addHosts.forEach(spec::addHost);
        annotations.forEach(spec::annotation);
        ulimits.forEach(spec::ulimit);
        spec.shmSize(shmSize).cgroupParent(cgroupParent);
        spec.network(network);
        spec.provenance(provenance).sbom(sbom);
        credentials.applyTo(spec);
        BuildSpec built = spec.build();
        built.validate();
        return built;
    }

}
