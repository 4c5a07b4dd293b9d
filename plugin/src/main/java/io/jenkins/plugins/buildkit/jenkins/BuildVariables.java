package io.jenkins.plugins.buildkit.jenkins;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The freestyle step's {@code $VAR}/{@code ${VAR}} expansion of the build's variables. */
final class BuildVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private BuildVariables() {
    }

    /** Expands the build's variables; unknown ones stay as written, as Jenkins does. */
    static String expand(Map<String, String> env, String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = env.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
