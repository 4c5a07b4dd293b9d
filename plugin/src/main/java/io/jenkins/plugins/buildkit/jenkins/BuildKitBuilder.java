package io.jenkins.plugins.buildkit.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import java.io.IOException;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The freestyle "Build a container image with BuildKit" step: the Pipeline step's options as form
 * fields. Lists take one entry per line (platforms also comma-separated); {@code buildArgs} and
 * {@code labels} take {@code KEY=VALUE} per line; {@code $VARIABLES} of the build are expanded.
 */
public final class BuildKitBuilder extends Builder implements SimpleBuildStep {
    private String builder;
    private String context = ".";
    private String file;
    private String target;
    private String buildArgs;
    private String labels;
    private String platforms;
    private String tags;
    private boolean push;
    private boolean load;
    private String outputs;
    private String cacheFrom;
    private String cacheTo;
    private String attestations;
    private String buildContexts;
    private String allow;
    private String network;
    private String addHosts;
    private String annotations;
    private String shmSize;
    private String ulimits;
    private String cgroupParent;
    private String provenance;
    private String sbom;
    private List<BuildSecret> secrets = new ArrayList<>();
    private List<SshForward> ssh = new ArrayList<>();
    private List<RegistryCredential> registryCredentials = new ArrayList<>();
    private boolean noCache;
    private boolean pull;
    private String progress = "plain";

    @DataBoundConstructor
    public BuildKitBuilder() {
    }

    /**
     * XStream sets only the fields a config.xml holds: one written by hand, by a script or by an
     * older version may lack the credential lists, which every build and form reads.
     */
    protected Object readResolve() {
        if (secrets == null) {
            secrets = new ArrayList<>();
        }
        if (ssh == null) {
            ssh = new ArrayList<>();
        }
        if (registryCredentials == null) {
            registryCredentials = new ArrayList<>();
        }
        return this;
    }

    public String getBuilder() {
        return builder;
    }

    @DataBoundSetter
    public void setBuilder(String builder) {
        this.builder = DriverConfig.blankToNull(builder);
    }

    public String getContext() {
        return context;
    }

    @DataBoundSetter
    public void setContext(String context) {
        this.context = context == null || context.isBlank() ? "." : context.trim();
    }

    public String getFile() {
        return file;
    }

    @DataBoundSetter
    public void setFile(String file) {
        this.file = DriverConfig.blankToNull(file);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = DriverConfig.blankToNull(target);
    }

    public String getBuildArgs() {
        return buildArgs;
    }

    @DataBoundSetter
    public void setBuildArgs(String buildArgs) {
        this.buildArgs = DriverConfig.blankToNull(buildArgs);
    }

    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = DriverConfig.blankToNull(labels);
    }

    public String getPlatforms() {
        return platforms;
    }

    @DataBoundSetter
    public void setPlatforms(String platforms) {
        this.platforms = DriverConfig.blankToNull(platforms);
    }

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = DriverConfig.blankToNull(tags);
    }

    public boolean isPush() {
        return push;
    }

    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    public boolean isLoad() {
        return load;
    }

    @DataBoundSetter
    public void setLoad(boolean load) {
        this.load = load;
    }

    public String getOutputs() {
        return outputs;
    }

    @DataBoundSetter
    public void setOutputs(String outputs) {
        this.outputs = DriverConfig.blankToNull(outputs);
    }

    public String getCacheFrom() {
        return cacheFrom;
    }

    @DataBoundSetter
    public void setCacheFrom(String cacheFrom) {
        this.cacheFrom = DriverConfig.blankToNull(cacheFrom);
    }

    public String getCacheTo() {
        return cacheTo;
    }

    @DataBoundSetter
    public void setCacheTo(String cacheTo) {
        this.cacheTo = DriverConfig.blankToNull(cacheTo);
    }

    public String getBuildContexts() {
        return buildContexts;
    }

    /** NAME=VALUE per line, as {@code --build-context}. */
    @DataBoundSetter
    public void setBuildContexts(String buildContexts) {
        this.buildContexts = DriverConfig.blankToNull(buildContexts);
    }

    public String getAllow() {
        return allow;
    }

    /** Entitlements, one per line. */
    @DataBoundSetter
    public void setAllow(String allow) {
        this.allow = DriverConfig.blankToNull(allow);
    }

    public String getNetwork() {
        return network;
    }

    /** {@code default}, {@code host} or {@code none}. */
    @DataBoundSetter
    public void setNetwork(String network) {
        this.network = DriverConfig.blankToNull(network);
    }

    public String getAddHosts() {
        return addHosts;
    }

    /** {@code HOST:IP} per line. */
    @DataBoundSetter
    public void setAddHosts(String addHosts) {
        this.addHosts = DriverConfig.blankToNull(addHosts);
    }

    public String getShmSize() {
        return shmSize;
    }

    /** Buildx's {@code --shm-size}. */
    @DataBoundSetter
    public void setShmSize(String shmSize) {
        this.shmSize = DriverConfig.blankToNull(shmSize);
    }

    public String getUlimits() {
        return ulimits;
    }

    /** Buildx's {@code --ulimit} values, one per line. */
    @DataBoundSetter
    public void setUlimits(String ulimits) {
        this.ulimits = DriverConfig.blankToNull(ulimits);
    }

    public String getCgroupParent() {
        return cgroupParent;
    }

    /** Buildx's {@code --cgroup-parent}. */
    @DataBoundSetter
    public void setCgroupParent(String cgroupParent) {
        this.cgroupParent = DriverConfig.blankToNull(cgroupParent);
    }

    public String getAnnotations() {
        return annotations;
    }

    /** Buildx's {@code --annotation} values, one per line. */
    @DataBoundSetter
    public void setAnnotations(String annotations) {
        this.annotations = DriverConfig.blankToNull(annotations);
    }

    public String getAttestations() {
        return attestations;
    }

    /** Buildx's {@code --attest} values, one per line. */
    @DataBoundSetter
    public void setAttestations(String attestations) {
        this.attestations = DriverConfig.blankToNull(attestations);
    }

    public String getProvenance() {
        return provenance;
    }

    @DataBoundSetter
    public void setProvenance(String provenance) {
        this.provenance = DriverConfig.blankToNull(provenance);
    }

    public String getSbom() {
        return sbom;
    }

    @DataBoundSetter
    public void setSbom(String sbom) {
        this.sbom = DriverConfig.blankToNull(sbom);
    }

    public List<BuildSecret> getSecrets() {
        return secrets;
    }

    @DataBoundSetter
    public void setSecrets(List<BuildSecret> secrets) {
        this.secrets = secrets == null ? new ArrayList<>() : new ArrayList<>(secrets);
    }

    public List<SshForward> getSsh() {
        return ssh;
    }

    @DataBoundSetter
    public void setSsh(List<SshForward> ssh) {
        this.ssh = ssh == null ? new ArrayList<>() : new ArrayList<>(ssh);
    }

    public List<RegistryCredential> getRegistryCredentials() {
        return registryCredentials;
    }

    @DataBoundSetter
    public void setRegistryCredentials(List<RegistryCredential> registryCredentials) {
        this.registryCredentials = registryCredentials == null ? new ArrayList<>() : new ArrayList<>(registryCredentials);
    }

    public boolean isNoCache() {
        return noCache;
    }

    @DataBoundSetter
    public void setNoCache(boolean noCache) {
        this.noCache = noCache;
    }

    public boolean isPull() {
        return pull;
    }

    @DataBoundSetter
    public void setPull(boolean pull) {
        this.pull = pull;
    }

    public String getProgress() {
        return progress;
    }

    @DataBoundSetter
    public void setProgress(String progress) {
        this.progress = progress == null || progress.isBlank() ? "plain" : progress.trim();
    }

    /** The request in the step's parameter names, with the build's variables expanded. */
    BuildRequest toRequest(Map<String, String> env) {
        BuildRequest r = new BuildRequest();
        r.context = expand(env, context);
        r.file = expand(env, file);
        r.target = expand(env, target);
        r.buildArgs.putAll(TextLists.keyValues(expand(env, buildArgs)));
        r.labels.putAll(TextLists.keyValues(expand(env, labels)));
        r.platforms.addAll(TextLists.items(expand(env, platforms), true));
        r.tags.addAll(TextLists.items(expand(env, tags), false));
        r.push = push;
        r.load = load;
        r.outputs.addAll(TextLists.items(expand(env, outputs), false));
        r.cacheFrom.addAll(TextLists.items(expand(env, cacheFrom), false));
        r.cacheTo.addAll(TextLists.items(expand(env, cacheTo), false));
        r.attestations.addAll(TextLists.items(expand(env, attestations), false));
        r.buildContexts.putAll(TextLists.keyValues(expand(env, buildContexts)));
        r.allow.addAll(TextLists.items(expand(env, allow), true));
        r.network = expand(env, network);
        r.addHosts.addAll(TextLists.items(expand(env, addHosts), false));
        r.annotations.addAll(TextLists.items(expand(env, annotations), false));
        r.shmSize = expand(env, shmSize);
        r.ulimits.addAll(TextLists.items(expand(env, ulimits), false));
        r.cgroupParent = expand(env, cgroupParent);
        r.provenance = expand(env, provenance);
        r.sbom = expand(env, sbom);
        r.noCache = noCache;
        r.pull = pull;
        r.progress = progress;
        return r;
    }

    private static String expand(Map<String, String> env, String text) {
        return text == null ? null : TextLists.expand(env, text);
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        BuildKitRunner.run(run, workspace, env, listener, expand(env, builder), toRequest(env), secrets, ssh,
                registryCredentials);
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
            return "Build a container image with BuildKit";
        }

        public ListBoxModel doFillBuilderItems(@AncestorInPath Item item, @QueryParameter String builder) {
            return BuildKitGlobalConfiguration.builderItems(item, builder);
        }

        public FormValidation doCheckPlatforms(@QueryParameter String value) {
            return check("platforms", spec -> TextLists.items(value, true).forEach(spec::platform));
        }

        public FormValidation doCheckTags(@QueryParameter String value) {
            return check("tags", spec -> TextLists.items(value, false).forEach(spec::tag));
        }

        public FormValidation doCheckOutputs(@QueryParameter String value) {
            return check("outputs", spec -> TextLists.items(value, false).forEach(spec::output));
        }

        public FormValidation doCheckCacheFrom(@QueryParameter String value) {
            return check("cacheFrom", spec -> TextLists.items(value, false).forEach(spec::cacheFrom));
        }

        public FormValidation doCheckCacheTo(@QueryParameter String value) {
            return check("cacheTo", spec -> TextLists.items(value, false).forEach(spec::cacheTo));
        }

        public FormValidation doCheckProgress(@QueryParameter String value) {
            try {
                ProgressMode.parse(value);
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        /**
         * One field as the build will judge it (values with build variables are judged when the build
         * expands them).
         */
        private static FormValidation check(String field, java.util.function.Consumer<BuildSpec.Builder> fill) {
            String problem = problem(field, fill);
            return problem == null ? FormValidation.ok() : FormValidation.error(problem);
        }

        static String problem(String field, java.util.function.Consumer<BuildSpec.Builder> fill) {
            BuildSpec.Builder spec = BuildSpec.builder().context(".");
            fill.accept(spec);
            for (String problem : spec.build().problems()) {
                if (problem.startsWith(field) && !problem.contains("$")) {
                    return problem;
                }
            }
            return null;
        }
    }
}
