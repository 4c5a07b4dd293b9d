package io.jenkins.plugins.buildkit.jenkins;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildkit.build.BuildOption;
import io.jenkins.plugins.buildkit.build.BuildOptions;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.progress.ProgressMode;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.lang.Klass;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code buildkitBuild}: {@code docker buildx build} as a Pipeline step, with Buildx's option names.
 * Returns a map: {@code digest}, {@code imageNames}, {@code metadata} (the exporter response, as
 * Buildx's {@code --metadata-file}), {@code builder} and {@code platforms}. The freestyle step holds one
 * of these as its parameters, so both share one form, one set of help and one model.
 *
 * <p>The plain parameters are declared in {@link BuildOption}; they have accessors here only because
 * Pipeline's and Stapler's data binding find parameters by their accessors. Each stores its value
 * under its name, as the option's kind says: text, a flag, a list or a map.
 */
public final class BuildKitStep extends Step {
    private String builder;
    private Map<String, Object> options = new TreeMap<>();
    private List<BuildSecret> secrets = new ArrayList<>();
    private List<SshForward> ssh = new ArrayList<>();
    private List<RegistryCredential> registryCredentials = new ArrayList<>();
    private String progress = "plain";

    @DataBoundConstructor
    public BuildKitStep() {
    }

    protected Object readResolve() {
        options = options == null ? new TreeMap<>() : options;
        secrets = secrets == null ? new ArrayList<>() : secrets;
        ssh = ssh == null ? new ArrayList<>() : ssh;
        registryCredentials = registryCredentials == null ? new ArrayList<>() : registryCredentials;
        return this;
    }

    // One accessor pair per BuildOption, in its order.

    @DataBoundSetter public void setContext(String value) { set(BuildOption.CONTEXT, value); }
    public String getContext() { return text(BuildOption.CONTEXT, "."); }
    @DataBoundSetter public void setFile(String value) { set(BuildOption.FILE, value); }
    public String getFile() { return text(BuildOption.FILE, null); }
    @DataBoundSetter public void setTarget(String value) { set(BuildOption.TARGET, value); }
    public String getTarget() { return text(BuildOption.TARGET, null); }
    @DataBoundSetter public void setBuildArgs(Object value) { set(BuildOption.BUILD_ARGS, value); }
    public Map<String, String> getBuildArgs() { return map(BuildOption.BUILD_ARGS); }
    @DataBoundSetter public void setLabels(Object value) { set(BuildOption.LABELS, value); }
    public Map<String, String> getLabels() { return map(BuildOption.LABELS); }
    @DataBoundSetter public void setPlatforms(Object value) { set(BuildOption.PLATFORMS, value); }
    public List<String> getPlatforms() { return list(BuildOption.PLATFORMS); }
    @DataBoundSetter public void setTags(Object value) { set(BuildOption.TAGS, value); }
    public List<String> getTags() { return list(BuildOption.TAGS); }
    @DataBoundSetter public void setOutputs(Object value) { set(BuildOption.OUTPUTS, value); }
    public List<String> getOutputs() { return list(BuildOption.OUTPUTS); }
    @DataBoundSetter public void setPush(boolean value) { set(BuildOption.PUSH, value); }
    public boolean isPush() { return flag(BuildOption.PUSH); }
    @DataBoundSetter public void setLoad(boolean value) { set(BuildOption.LOAD, value); }
    public boolean isLoad() { return flag(BuildOption.LOAD); }
    @DataBoundSetter public void setCacheFrom(Object value) { set(BuildOption.CACHE_FROM, value); }
    public List<String> getCacheFrom() { return list(BuildOption.CACHE_FROM); }
    @DataBoundSetter public void setCacheTo(Object value) { set(BuildOption.CACHE_TO, value); }
    public List<String> getCacheTo() { return list(BuildOption.CACHE_TO); }
    @DataBoundSetter public void setNoCache(boolean value) { set(BuildOption.NO_CACHE, value); }
    public boolean isNoCache() { return flag(BuildOption.NO_CACHE); }
    @DataBoundSetter public void setPull(boolean value) { set(BuildOption.PULL, value); }
    public boolean isPull() { return flag(BuildOption.PULL); }
    @DataBoundSetter public void setAttestations(Object value) { set(BuildOption.ATTESTATIONS, value); }
    public List<String> getAttestations() { return list(BuildOption.ATTESTATIONS); }
    @DataBoundSetter public void setProvenance(String value) { set(BuildOption.PROVENANCE, value); }
    public String getProvenance() { return text(BuildOption.PROVENANCE, null); }
    @DataBoundSetter public void setSbom(String value) { set(BuildOption.SBOM, value); }
    public String getSbom() { return text(BuildOption.SBOM, null); }
    @DataBoundSetter public void setBuildContexts(Object value) { set(BuildOption.BUILD_CONTEXTS, value); }
    public Map<String, String> getBuildContexts() { return map(BuildOption.BUILD_CONTEXTS); }
    @DataBoundSetter public void setNetwork(String value) { set(BuildOption.NETWORK, value); }
    public String getNetwork() { return text(BuildOption.NETWORK, null); }
    @DataBoundSetter public void setAddHosts(Object value) { set(BuildOption.ADD_HOSTS, value); }
    public List<String> getAddHosts() { return list(BuildOption.ADD_HOSTS); }
    @DataBoundSetter public void setAllow(Object value) { set(BuildOption.ALLOW, value); }
    public List<String> getAllow() { return list(BuildOption.ALLOW); }
    @DataBoundSetter public void setShmSize(String value) { set(BuildOption.SHM_SIZE, value); }
    public String getShmSize() { return text(BuildOption.SHM_SIZE, null); }
    @DataBoundSetter public void setUlimits(Object value) { set(BuildOption.ULIMITS, value); }
    public List<String> getUlimits() { return list(BuildOption.ULIMITS); }
    @DataBoundSetter public void setCgroupParent(String value) { set(BuildOption.CGROUP_PARENT, value); }
    public String getCgroupParent() { return text(BuildOption.CGROUP_PARENT, null); }
    @DataBoundSetter public void setAnnotations(Object value) { set(BuildOption.ANNOTATIONS, value); }
    public List<String> getAnnotations() { return list(BuildOption.ANNOTATIONS); }
    @DataBoundSetter public void setNoCacheFilter(Object value) { set(BuildOption.NO_CACHE_FILTER, value); }
    public List<String> getNoCacheFilter() { return list(BuildOption.NO_CACHE_FILTER); }

    // The parameters that are Jenkins' own: the builder, credentials and how progress is shown.

    @DataBoundSetter public void setBuilder(String value) { builder = Util.fixEmptyAndTrim(value); }
    public String getBuilder() { return builder; }
    @DataBoundSetter public void setSecrets(List<BuildSecret> value) { secrets = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    public List<BuildSecret> getSecrets() { return secrets; }
    @DataBoundSetter public void setSsh(List<SshForward> value) { ssh = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    public List<SshForward> getSsh() { return ssh; }
    @DataBoundSetter public void setRegistryCredentials(List<RegistryCredential> value) { registryCredentials = value == null ? new ArrayList<>() : new ArrayList<>(value); }
    public List<RegistryCredential> getRegistryCredentials() { return registryCredentials; }
    @DataBoundSetter public void setProgress(String value) { progress = value == null || value.isBlank() ? "plain" : value.trim(); }
    public String getProgress() { return progress; }

    /** Sets a parameter from a Pipeline value or form text, kept as {@link BuildOption#normalize} says. */
    void set(BuildOption option, Object value) {
        Object normalized = option.normalize(value);
        if (normalized == null) {
            options.remove(option.parameter());
        } else {
            options.put(option.parameter(), normalized);
        }
    }

    private String text(BuildOption option, String absent) {
        Object v = options.get(option.parameter());
        return v == null ? absent : v.toString();
    }

    private boolean flag(BuildOption option) {
        return Boolean.TRUE.equals(options.get(option.parameter()));
    }

    @SuppressWarnings("unchecked")
    private List<String> list(BuildOption option) {
        return new ArrayList<>((List<String>) options.getOrDefault(option.parameter(), List.of()));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> map(BuildOption option) {
        return new LinkedHashMap<>((Map<String, String>) options.getOrDefault(option.parameter(), Map.of()));
    }

    /** The plain parameters as text, each string passed through {@code rewrite} (the freestyle step expands variables). */
    BuildOptions options(UnaryOperator<String> rewrite) {
        BuildOptions out = new BuildOptions();
        for (BuildOption option : BuildOption.values()) {
            option.entriesOf(options.get(option.parameter())).forEach(entry -> out.add(option, rewrite.apply(entry)));
        }
        return out;
    }

    /** The progress mode; a bad value names the {@code progress} parameter. */
    ProgressMode progressMode() {
        try {
            return ProgressMode.parse(progress);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(BuildSpec.Problem.of(e.getMessage())));
        }
    }

    /** Runs the build from a job: the Pipeline step, or the freestyle step with its variables expanded. */
    BuildOutcome run(Run<?, ?> run, FilePath workspace, EnvVars env, TaskListener listener, UnaryOperator<String> rewrite)
            throws IOException, InterruptedException {
        return BuildKitRunner.run(run, workspace, env, listener, builder == null ? null : rewrite.apply(builder), this,
                options(rewrite));
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
            return step.run(c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class), c.get(TaskListener.class),
                    UnaryOperator.identity()).toStepResult();
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
            return Messages.BuildKitStep_DisplayName();
        }

        /** The form's fields of a group, in the table's order. */
        public List<BuildOption> options(String group) {
            return Arrays.stream(BuildOption.values()).filter(o -> o.group().name().equals(group)).toList();
        }

        /** A parameter's value as the form shows it: one list entry or {@code KEY=VALUE} per line. */
        public String formText(BuildKitStep step, BuildOption option) {
            Object value = step == null ? null : step.options.get(option.parameter());
            return value == null && option == BuildOption.CONTEXT ? "." : String.join("\n", option.entriesOf(value));
        }

        /** The help of a table parameter is its description; the others have help files. */
        @Override
        public String getHelpFile(Klass<?> clazz, String fieldName) {
            return BuildOption.named(fieldName).isPresent() ? "/descriptor/" + getId() + "/help/" + fieldName
                    : super.getHelpFile(clazz, fieldName);
        }

        @Override
        public void doHelp(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
            var option = BuildOption.named(req.getRestOfPath().replaceFirst("^/", ""));
            if (option.isEmpty()) {
                super.doHelp(req, rsp);
                return;
            }
            String how = switch (option.get().kind()) {
                case TEXT, FLAG -> "";
                case LIST, LIST_OR_COMMAS -> " In the form: one per line. In a Pipeline script: a list, or one string.";
                case MAP -> " In the form: KEY=VALUE per line. In a Pipeline script: a map such as [KEY: 'value'].";
            };
            rsp.setContentType("text/html;charset=UTF-8");
            rsp.getWriter().print("<div>" + Util.escape(option.get().description() + how) + "</div>");
        }

        public ListBoxModel doFillBuilderItems(@AncestorInPath Item item, @QueryParameter String builder) {
            return BuildKitGlobalConfiguration.builderItems(item, builder);
        }

        /**
         * Where the form checks a field of the table; none for paths, which mean something only in
         * the workspace the build runs in.
         */
        public String optionCheckUrl(BuildOption option) {
            return Set.of(BuildOption.CONTEXT, BuildOption.FILE, BuildOption.BUILD_CONTEXTS).contains(option) ? null
                    : getDescriptorUrl() + "/checkOption/" + option.parameter();
        }

        /** Checks the table field the rest of the path names, as the build will judge it. */
        @POST
        public FormValidation doCheckOption(StaplerRequest2 req, @QueryParameter String value) {
            return BuildOption.named(req.getRestOfPath().replaceFirst("^/", "")).map(o -> check(o, value))
                    .orElse(FormValidation.ok());
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
         * One field as the build will judge it. A value with a build variable is judged when the
         * build has expanded it, so its problems wait until then.
         */
        static FormValidation check(BuildOption option, String value) {
            BuildOptions given = new BuildOptions();
            option.entriesOf(option.normalize(value)).forEach(entry -> given.add(option, entry));
            BuildSpec spec = given.applyTo(BuildSpec.builder()).build();
            return spec.problemsOf(option.parameter()).stream().map(BuildSpec.Problem::toString)
                    .filter(m -> !m.contains("$")).findFirst().map(FormValidation::error).orElse(FormValidation.ok());
        }
    }
}
