package io.jenkins.plugins.buildkit.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code buildkitBuild}: {@code docker buildx build} as a Pipeline step, with Buildx's option names.
 * Returns a map: {@code digest}, {@code imageNames}, {@code metadata} (the exporter response, as
 * Buildx's {@code --metadata-file}), {@code builder} and {@code platforms}.
 */
public final class BuildKitStep extends Step {
    private String builder;
    private String context = ".";
    private String file;
    private String target;
    private Map<String, String> buildArgs = new LinkedHashMap<>();
    private Map<String, String> labels = new LinkedHashMap<>();
    private List<String> platforms = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private boolean push;
    private boolean load;
    private List<String> outputs = new ArrayList<>();
    private List<String> cacheFrom = new ArrayList<>();
    private List<String> cacheTo = new ArrayList<>();
    private List<String> attestations = new ArrayList<>();
    private Map<String, String> buildContexts = new LinkedHashMap<>();
    private List<String> allow = new ArrayList<>();
    private String network;
    private List<String> addHosts = new ArrayList<>();
    private List<String> annotations = new ArrayList<>();
    private String shmSize;
    private List<String> ulimits = new ArrayList<>();
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
    public BuildKitStep() {
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

    public Map<String, String> getBuildArgs() {
        return buildArgs;
    }

    @DataBoundSetter
    public void setBuildArgs(Object buildArgs) {
        this.buildArgs = keyValues("buildArgs", buildArgs);
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(Object labels) {
        this.labels = keyValues("labels", labels);
    }

    public List<String> getPlatforms() {
        return platforms;
    }

    @DataBoundSetter
    public void setPlatforms(Object platforms) {
        this.platforms = strings("platforms", platforms);
    }

    public List<String> getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(Object tags) {
        this.tags = strings("tags", tags);
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

    public List<String> getOutputs() {
        return outputs;
    }

    @DataBoundSetter
    public void setOutputs(Object outputs) {
        this.outputs = strings("outputs", outputs);
    }

    public List<String> getCacheFrom() {
        return cacheFrom;
    }

    @DataBoundSetter
    public void setCacheFrom(Object cacheFrom) {
        this.cacheFrom = strings("cacheFrom", cacheFrom);
    }

    public List<String> getCacheTo() {
        return cacheTo;
    }

    @DataBoundSetter
    public void setCacheTo(Object cacheTo) {
        this.cacheTo = strings("cacheTo", cacheTo);
    }

    public Map<String, String> getBuildContexts() {
        return buildContexts;
    }

    /** Buildx's {@code --build-context}: name to a directory (from the workspace), {@code docker-image://REF}, {@code target:STAGE} or a URL. */
    @DataBoundSetter
    public void setBuildContexts(Object buildContexts) {
        this.buildContexts = keyValues("buildContexts", buildContexts);
    }

    public List<String> getAllow() {
        return allow;
    }

    /** Buildx's {@code --allow}: {@code network.host}, {@code security.insecure}. */
    @DataBoundSetter
    public void setAllow(Object allow) {
        this.allow = strings("allow", allow);
    }

    public String getNetwork() {
        return network;
    }

    /** Buildx's {@code --network}: {@code default}, {@code host} or {@code none}. */
    @DataBoundSetter
    public void setNetwork(String network) {
        this.network = DriverConfig.blankToNull(network);
    }

    public List<String> getAddHosts() {
        return addHosts;
    }

    /** Buildx's {@code --add-host}: {@code HOST:IP} entries. */
    @DataBoundSetter
    public void setAddHosts(Object addHosts) {
        this.addHosts = strings("addHosts", addHosts);
    }

    public String getShmSize() {
        return shmSize;
    }

    /** Buildx's {@code --shm-size}, such as {@code 128m}. */
    @DataBoundSetter
    public void setShmSize(String shmSize) {
        this.shmSize = DriverConfig.blankToNull(shmSize);
    }

    public List<String> getUlimits() {
        return ulimits;
    }

    /** Buildx's {@code --ulimit}: {@code NAME=SOFT[:HARD]}. */
    @DataBoundSetter
    public void setUlimits(Object ulimits) {
        this.ulimits = strings("ulimits", ulimits);
    }

    public String getCgroupParent() {
        return cgroupParent;
    }

    /** Buildx's {@code --cgroup-parent}. */
    @DataBoundSetter
    public void setCgroupParent(String cgroupParent) {
        this.cgroupParent = DriverConfig.blankToNull(cgroupParent);
    }

    public List<String> getAnnotations() {
        return annotations;
    }

    /** Buildx's {@code --annotation}: {@code [TYPE:]KEY=VALUE}. */
    @DataBoundSetter
    public void setAnnotations(Object annotations) {
        this.annotations = strings("annotations", annotations);
    }

    public List<String> getAttestations() {
        return attestations;
    }

    /** Buildx's {@code --attest}: {@code type=provenance,mode=max}, {@code type=sbom}. */
    @DataBoundSetter
    public void setAttestations(Object attestations) {
        this.attestations = strings("attestations", attestations);
    }

    public String getProvenance() {
        return provenance;
    }

    /** Buildx's {@code --provenance}: true, false, or attributes such as {@code mode=max}. */
    @DataBoundSetter
    public void setProvenance(String provenance) {
        this.provenance = DriverConfig.blankToNull(provenance);
    }

    public String getSbom() {
        return sbom;
    }

    /** Buildx's {@code --sbom}: true, false, or attributes such as {@code generator=IMAGE}. */
    @DataBoundSetter
    public void setSbom(String sbom) {
        this.sbom = DriverConfig.blankToNull(sbom);
    }

    public List<BuildSecret> getSecrets() {
        return secrets;
    }

    @DataBoundSetter
    public void setSecrets(List<BuildSecret> secrets) {
        this.secrets = list(secrets);
    }

    public List<SshForward> getSsh() {
        return ssh;
    }

    @DataBoundSetter
    public void setSsh(List<SshForward> ssh) {
        this.ssh = list(ssh);
    }

    public List<RegistryCredential> getRegistryCredentials() {
        return registryCredentials;
    }

    @DataBoundSetter
    public void setRegistryCredentials(List<RegistryCredential> registryCredentials) {
        this.registryCredentials = list(registryCredentials);
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

    /**
     * A map parameter. Typed {@code Object} because Pipeline's data binding hands a Groovy map through
     * only to such a parameter; a list of {@code KEY=VALUE} strings or one per line is taken too.
     */
    private static Map<String, String> keyValues(String parameter, Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            // Pipeline maps may carry GStrings and numbers: a build argument is text.
            map.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> out.putAll(TextLists.keyValues(String.valueOf(item))));
        } else if (value instanceof CharSequence text) {
            out.putAll(TextLists.keyValues(text.toString()));
        } else {
            throw new IllegalArgumentException(parameter + ": expected a map such as [VERSION: '1.0'], got a "
                    + value.getClass().getSimpleName());
        }
        return out;
    }

    /**
     * A list parameter: a Pipeline list, or one string (a single value, or one per line, as a form's
     * text area gives). Typed {@code Object} so that {@code tags: "app:${BUILD_NUMBER}"} works too.
     */
    private static List<String> strings(String parameter, Object value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (value instanceof CharSequence text) {
            out.addAll(TextLists.items(text.toString(), false));
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                if (item != null && !String.valueOf(item).isBlank()) {
                    out.add(String.valueOf(item).trim());
                }
            }
        } else {
            throw new IllegalArgumentException(parameter + ": expected a list of strings or a string, got a "
                    + value.getClass().getSimpleName());
        }
        return out;
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }

    /** The request without credentials, in the step's parameter names. */
    public BuildRequest toRequest() {
        BuildRequest r = new BuildRequest();
        r.context = context;
        r.file = file;
        r.target = target;
        r.buildArgs.putAll(buildArgs);
        r.labels.putAll(labels);
        r.platforms.addAll(platforms);
        r.tags.addAll(tags);
        r.push = push;
        r.load = load;
        r.outputs.addAll(outputs);
        r.cacheFrom.addAll(cacheFrom);
        r.cacheTo.addAll(cacheTo);
        r.attestations.addAll(attestations);
        r.buildContexts.putAll(buildContexts);
        r.allow.addAll(allow);
        r.network = network;
        r.addHosts.addAll(addHosts);
        r.annotations.addAll(annotations);
        r.shmSize = shmSize;
        r.ulimits.addAll(ulimits);
        r.cgroupParent = cgroupParent;
        r.provenance = provenance;
        r.sbom = sbom;
        r.noCache = noCache;
        r.pull = pull;
        r.progress = progress;
        return r;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(context, this);
    }

    /** Runs off the CPS thread; aborting the build interrupts it, which cancels the solve on the agent. */
    private static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;

        private final transient BuildKitStep step;

        Execution(StepContext context, BuildKitStep step) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext c = getContext();
            return BuildKitRunner.run(c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class), c.get(TaskListener.class),
                    step.builder, step.toRequest(), step.secrets, step.ssh, step.registryCredentials).toStepResult();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, EnvVars.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "buildkitBuild";
        }

        @Override
        public String getDisplayName() {
            return "Build a container image with BuildKit";
        }

        public ListBoxModel doFillBuilderItems(@AncestorInPath Item item, @QueryParameter String builder) {
            return BuildKitGlobalConfiguration.builderItems(item, builder);
        }
    }
}
