package io.jenkins.plugins.buildkit.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.jenkins.plugins.buildkit.build.BuildOption;
import java.io.IOException;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The freestyle "Build a container image with BuildKit" step. Its parameters are a
 * {@link BuildKitStep}'s, with the same form and help; lists take one entry per line, maps
 * {@code KEY=VALUE} per line, and {@code $VARIABLES} of the build are expanded (by Jenkins' own rule: an unknown one stays as written).
 */
public final class BuildKitBuilder extends Builder implements SimpleBuildStep {
    private BuildKitStep parameters = new BuildKitStep();

    /*
     * Until the freestyle step shared the Pipeline step's model, each parameter was a field of its own
     * here, with lists as text. XStream still fills these from such a config.xml; readResolve moves
     * them into the parameters, and they are never written again.
     */
    private String builder, context, file, target, buildArgs, labels, platforms, tags, outputs, cacheFrom, cacheTo,
            attestations, buildContexts, allow, network, addHosts, annotations, shmSize, ulimits, cgroupParent, provenance,
            sbom, progress;
    private Boolean push, load, noCache, pull;
    private List<BuildSecret> secrets;
    private List<SshForward> ssh;
    private List<RegistryCredential> registryCredentials;

    @DataBoundConstructor
    public BuildKitBuilder() {
    }

    protected Object readResolve() {
        if (parameters != null) {
            return this;
        }
        parameters = new BuildKitStep();
        parameters.setBuilder(builder);
        parameters.setProgress(progress);
        parameters.setSecrets(secrets);
        parameters.setSsh(ssh);
        parameters.setRegistryCredentials(registryCredentials);
        String[] texts = {context, file, target, buildArgs, labels, platforms, tags, outputs, cacheFrom, cacheTo, attestations,
            buildContexts, allow, network, addHosts, annotations, shmSize, ulimits, cgroupParent, provenance, sbom};
        String[] names = {"context", "file", "target", "buildArgs", "labels", "platforms", "tags", "outputs", "cacheFrom",
            "cacheTo", "attestations", "buildContexts", "allow", "network", "addHosts", "annotations", "shmSize", "ulimits",
            "cgroupParent", "provenance", "sbom"};
        for (int i = 0; i < names.length; i++) {
            parameters.set(BuildOption.named(names[i]).orElseThrow(), texts[i]);
        }
        Boolean[] flags = {push, load, noCache, pull};
        BuildOption[] flagOptions = {BuildOption.PUSH, BuildOption.LOAD, BuildOption.NO_CACHE, BuildOption.PULL};
        for (int i = 0; i < flags.length; i++) {
            parameters.set(flagOptions[i], flags[i]);
        }
        builder = context = file = target = buildArgs = labels = platforms = tags = outputs = cacheFrom = cacheTo = null;
        attestations = buildContexts = allow = network = addHosts = annotations = shmSize = ulimits = cgroupParent = null;
        provenance = sbom = progress = null;
        push = load = noCache = pull = null;
        secrets = null;
        ssh = null;
        registryCredentials = null;
        return this;
    }

    @DataBoundSetter public void setParameters(BuildKitStep value) { parameters = value == null ? new BuildKitStep() : value; }
    public BuildKitStep getParameters() { return parameters; }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        parameters.run(run, workspace, env, listener, env::expand);
    }

    @Extension
    @Symbol("buildkitImage")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Messages.BuildKitStep_DisplayName();
        }
    }
}
