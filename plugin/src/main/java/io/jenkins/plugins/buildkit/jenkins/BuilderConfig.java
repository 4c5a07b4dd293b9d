package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.driver.DriverSpec;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.driver.Driver;
import io.jenkins.plugins.buildkit.driver.FeatureCheck;
import io.jenkins.plugins.buildkit.driver.UnsupportedFeatureException;
import io.jenkins.plugins.buildkit.fs.PatternMatcher;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One BuildKit builder of Manage Jenkins: a name, a driver, optional fixed platforms (what a build
 * that names none is built for), and the daemon's buildkitd.toml and flags where the driver starts
 * the daemon itself.
 */
public final class BuilderConfig extends AbstractDescribableImpl<BuilderConfig> {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private final String name;
    private final DriverConfig driver;
    private String platforms;
    private String buildkitdConfig;
    private String buildkitdFlags;
    private String allowedJobs;
    private transient volatile CompiledPatterns allowedJobsCompiled;

    @DataBoundConstructor
    public BuilderConfig(String name, DriverConfig driver) {
        this.name = name == null ? null : name.trim();
        this.driver = driver;
    }

    public String getName() {
        return name;
    }

    public DriverConfig getDriver() {
        return driver;
    }

    /** Comma-separated, as Buildx's {@code --platform}. */
    @DataBoundSetter public void setPlatforms(String value) { platforms = DriverConfig.blankToNull(value); }
    public String getPlatforms() { return platforms; }
    @DataBoundSetter public void setBuildkitdConfig(String value) { buildkitdConfig = DriverConfig.blankToNull(value); }
    public String getBuildkitdConfig() { return buildkitdConfig; }
    @DataBoundSetter public void setBuildkitdFlags(String value) { buildkitdFlags = DriverConfig.blankToNull(value); }
    public String getBuildkitdFlags() { return buildkitdFlags; }

    /**
     * Which jobs may build on this builder, by full name, one pattern per line (or comma-separated),
     * as {@code .dockerignore} patterns: a folder's name covers every job inside it, {@code *} stays
     * within one name, {@code **} spans folders, {@code !} takes back. None: every job.
     */
    @DataBoundSetter public void setAllowedJobs(String value) { allowedJobs = DriverConfig.blankToNull(value); }
    public String getAllowedJobs() { return allowedJobs; }

    private List<String> allowedJobPatterns() {
        List<String> patterns = new ArrayList<>();
        if (allowedJobs != null) {
            for (String p : allowedJobs.split("[,\n]")) {
                if (!p.isBlank()) {
                    patterns.add(p.trim());
                }
            }
        }
        return patterns;
    }

    /** Whether the job of this full name may build on this builder. */
    public boolean allows(String jobFullName) {
        List<String> patterns = allowedJobPatterns();
        return patterns.isEmpty() || allowedJobsMatcher().matches(jobFullName);
    }

    /**
     * The allowed-jobs patterns compiled, kept for as long as the text stays the same: the builder list
     * of every job's configuration page asks each builder.
     */
    private PatternMatcher allowedJobsMatcher() {
        CompiledPatterns compiled = allowedJobsCompiled;
        if (compiled == null || !java.util.Objects.equals(compiled.text, allowedJobs)) {
            compiled = new CompiledPatterns(allowedJobs, PatternMatcher.compile(allowedJobPatterns()));
            allowedJobsCompiled = compiled;
        }
        return compiled.matcher;
    }

    private record CompiledPatterns(String text, PatternMatcher matcher) {
    }

    /**
     * Refuses a job this builder is not for, before anything runs: the builder's credentials are
     * resolved on the controller and handed to the agent of whatever job builds on it.
     */
    void checkAllowed(String jobFullName) throws InvalidRequestException {
        if (!allows(jobFullName)) {
            throw new InvalidRequestException("builder", "builder \"" + name + "\" is not available to job \""
                    + jobFullName + "\": an administrator allows it only for other jobs (Manage Jenkins > System > BuildKit,"
                    + " \"Jobs allowed to use it\")");
        }
    }

    List<String> platformList() {
        List<String> list = new ArrayList<>();
        if (platforms != null) {
            for (String p : platforms.split("[,\\s]+")) {
                if (!p.isBlank()) {
                    list.add(p.trim());
                }
            }
        }
        return list;
    }

    /** The fixed platforms, judged as a build's {@code platforms} are. */
    private List<BuildSpec.Problem> platformProblems() {
        BuildSpec.Builder probe = BuildSpec.builder();
        platformList().forEach(probe::platform);
        return probe.build().problemsOf("platforms");
    }

    /** Every problem with this builder, each naming the builder and the field. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        String who = "builder " + (name == null || name.isBlank() ? "(unnamed)" : "\"" + name + "\"");
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(who + ": name: \"" + (name == null ? "" : name)
                    + "\" must start with a letter or digit and hold only letters, digits, '_', '.' and '-'");
        }
        if (driver == null) {
            problems.add(who + ": driver: required");
            return problems;
        }
        driver.problems().forEach(p -> problems.add(who + ": " + p));
        try {
            PatternMatcher.compile(allowedJobPatterns());
        } catch (IllegalArgumentException e) {
            problems.add(who + ": allowedJobs: " + e.getMessage());
        }
        platformProblems().forEach(p -> problems.add(who + ": " + p));
        if (problems.isEmpty()) {
            // Only the driver's identity matters here: nothing is contacted and no credential is read.
            try (Driver d = driver.toSpec(name, buildkitdConfig, buildkitdFlags, List.of(), null).create(Map.of())) {
                FeatureCheck.checkConfiguration(d, buildkitdConfig != null || buildkitdFlags != null);
            } catch (UnsupportedFeatureException e) {
                problems.add(who + ": buildkitdConfig: " + e.getMessage());
            } catch (IOException | IllegalArgumentException e) {
                problems.add(who + ": " + e.getMessage());
            }
        }
        return problems;
    }

    /** The driver's part of a build on this builder, credentials resolved on the controller. */
    public DriverSpec toSpec(CredentialLookup lookup) throws IOException {
        return driver.toSpec(name, buildkitdConfig, buildkitdFlags, platformList(), lookup);
    }

    /**
     * The builder a build asks for, or the default one.
     *
     * @throws InvalidRequestException naming the {@code builder} parameter and the builders there are
     */
    public static BuilderConfig select(Collection<BuilderConfig> builders, String defaultBuilder, String requested)
            throws InvalidRequestException {
        if (builders.isEmpty()) {
            throw new InvalidRequestException("builder", "no BuildKit builders are configured (Manage Jenkins > System > BuildKit)");
        }
        String wanted = requested == null || requested.isBlank() ? defaultBuilder : requested.trim();
        List<String> names = builders.stream().map(BuilderConfig::getName).toList();
        if (wanted == null || wanted.isBlank()) {
            if (builders.size() == 1) {
                return builders.iterator().next();
            }
            throw new InvalidRequestException("builder",
                    "required, as no default builder is set (builders: " + String.join(", ", names) + ")");
        }
        for (BuilderConfig b : builders) {
            if (wanted.equals(b.getName())) {
                return b;
            }
        }
        throw new InvalidRequestException("builder", "no BuildKit builder named \"" + wanted + "\" (builders: "
                + String.join(", ", names) + ")");
    }

    @Extension
    @Symbol("builder")
    public static final class DescriptorImpl extends Descriptor<BuilderConfig> {
        @Override
        public String getDisplayName() {
            return Messages.BuilderConfig_DisplayName();
        }

        public FormValidation doCheckName(@QueryParameter String value) {
            if (value == null || !NAME.matcher(value.trim()).matches()) {
                return FormValidation.error("Letters, digits, '_', '.' and '-', starting with a letter or digit");
            }
            return FormValidation.ok();
        }

        public FormValidation doCheckAllowedJobs(@QueryParameter String value) {
            BuilderConfig b = new BuilderConfig(null, null);
            b.setAllowedJobs(value);
            try {
                PatternMatcher.compile(b.allowedJobPatterns());
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
        }

        public FormValidation doCheckPlatforms(@QueryParameter String value) {
            BuilderConfig b = new BuilderConfig(null, null);
            b.setPlatforms(value);
            return b.platformProblems().stream().findFirst().map(p -> FormValidation.error(p.toString())).orElse(FormValidation.ok());
        }
    }
}
