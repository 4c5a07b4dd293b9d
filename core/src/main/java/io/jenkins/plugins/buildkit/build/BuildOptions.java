package io.jenkins.plugins.buildkit.build;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The values given for {@link BuildOption}s, as text: what the command line or a Jenkins step
 * received, before it becomes a {@link BuildSpec}. Serializable, so that a Jenkins controller can hand
 * it to the agent that holds the workspace, where relative paths mean something.
 */
public final class BuildOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final EnumMap<BuildOption, List<String>> values = new EnumMap<>(BuildOption.class);

    /**
     * Adds a value: one entry of a list, {@code KEY=VALUE} of a map, the text of a text option (which
     * replaces an earlier one) or {@code true} of a flag. Null and blank values are ignored, as are
     * flags that are off.
     */
    public BuildOptions add(BuildOption option, String value) {
        if (value == null || value.isBlank() || option.kind() == BuildOption.Kind.FLAG && !Boolean.parseBoolean(value.trim())) {
            return this;
        }
        List<String> list = values.computeIfAbsent(option, o -> new ArrayList<>());
        if (option.kind() == BuildOption.Kind.TEXT || option.kind() == BuildOption.Kind.FLAG) {
            list.clear();
        }
        list.add(option.kind() == BuildOption.Kind.MAP ? value : value.trim());
        return this;
    }

    public boolean has(BuildOption option) {
        return values.containsKey(option);
    }

    /** The same values with each one rewritten, such as the freestyle step's {@code $VARIABLE} expansion. */
    public BuildOptions map(UnaryOperator<String> rewrite) {
        BuildOptions out = new BuildOptions();
        values.forEach((option, list) -> list.forEach(v -> out.add(option, rewrite.apply(v))));
        return out;
    }

    /** Adds every value to a spec, in the table's order: a later option may refine an earlier one. */
    public BuildSpec.Builder applyTo(BuildSpec.Builder spec) {
        for (Map.Entry<BuildOption, List<String>> e : values.entrySet()) {
            e.getValue().forEach(v -> e.getKey().applyTo(spec, v));
        }
        return spec;
    }
}
