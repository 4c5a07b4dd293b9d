package io.jenkins.plugins.buildkit.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import hudson.model.Item;
import hudson.model.Job;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/** Manage Jenkins > System > BuildKit: the builders and the default one. */
@Extension
@Symbol("buildkit")
public class BuildKitGlobalConfiguration extends GlobalConfiguration {
    private List<BuilderConfig> builders = new ArrayList<>();
    private String defaultBuilder;
    /** Set while the form binds: its setters then leave saving to {@link #configure}. */
    private transient boolean binding;

    public BuildKitGlobalConfiguration() {
        load();
    }

    public static BuildKitGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(BuildKitGlobalConfiguration.class);
    }

    public List<BuilderConfig> getBuilders() {
        return builders == null ? List.of() : List.copyOf(builders);
    }

    @DataBoundSetter
    public void setBuilders(List<BuilderConfig> builders) {
        this.builders = builders == null ? new ArrayList<>() : new ArrayList<>(builders);
        saveUnlessBinding();
    }

    public String getDefaultBuilder() {
        return defaultBuilder;
    }

    @DataBoundSetter
    public void setDefaultBuilder(String defaultBuilder) {
        this.defaultBuilder = DriverConfig.blankToNull(defaultBuilder);
        saveUnlessBinding();
    }

    /** The builder a build asks for (or the default one); the error names the builders there are. */
    public BuilderConfig builder(String requested) throws InvalidRequestException {
        return BuilderConfig.select(getBuilders(), defaultBuilder, requested);
    }

    /**
     * The builders for a step's form: the default first, then each by name. Only to those who may see
     * the job's configuration (outside of a job, who may configure jobs at all); others see only the
     * value already chosen.
     */
    public static ListBoxModel builderItems(Item context, String current) {
        ListBoxModel items = new ListBoxModel();
        boolean allowed = context == null ? Jenkins.get().hasPermission(Item.CONFIGURE) : context.hasPermission(Item.EXTENDED_READ);
        if (!allowed) {
            String value = current == null ? "" : current.trim();
            items.add(value.isEmpty() ? "(default)" : value, value);
            return items;
        }
        BuildKitGlobalConfiguration config = get();
        items.add("(default" + (config.defaultBuilder == null ? "" : ": " + config.defaultBuilder) + ")", "");
        for (BuilderConfig b : config.getBuilders()) {
            // A job sees only the builders it may use.
            if (!(context instanceof Job<?, ?> job) || b.allows(job.getFullName())) {
                items.add(b.getName(), b.getName());
            }
        }
        return items;
    }

    /** Every problem with a set of builders and a default: names, each builder's fields, the default. */
    static List<String> problems(List<BuilderConfig> builders, String defaultBuilder) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (BuilderConfig b : builders) {
            problems.addAll(b.problems());
            if (b.getName() != null && !names.add(b.getName())) {
                problems.add("builder \"" + b.getName() + "\": name: used by more than one builder");
            }
        }
        if (defaultBuilder != null && !defaultBuilder.isBlank() && !names.contains(defaultBuilder.trim())) {
            problems.add("defaultBuilder: no builder is named \"" + defaultBuilder.trim() + "\"");
        }
        return problems;
    }

    /** Refuses a configuration with problems, keeping the one in force and on disk. */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        List<BuilderConfig> oldBuilders = builders;
        String oldDefault = defaultBuilder;
        builders = new ArrayList<>();
        defaultBuilder = null;
        binding = true;
        try {
            req.bindJSON(this, json);
        } finally {
            binding = false;
        }
        List<String> problems = problems(getBuilders(), defaultBuilder);
        if (!problems.isEmpty()) {
            builders = oldBuilders;
            defaultBuilder = oldDefault;
            throw new FormException(String.join("; ", problems), "builders");
        }
        save();
        return true;
    }

    /** Configuration as Code sets properties one by one, each kept at once; the form saves once when bound. */
    private void saveUnlessBinding() {
        if (!binding) {
            save();
        }
    }
}
