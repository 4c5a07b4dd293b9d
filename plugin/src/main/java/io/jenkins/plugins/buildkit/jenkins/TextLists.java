package io.jenkins.plugins.buildkit.jenkins;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Form text as lists: one entry per line, {@code KEY=VALUE} lines, {@code $VAR}/{@code ${VAR}} expansion. */
final class TextLists {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private TextLists() {
    }

    /** Entries one per line; with {@code commas}, also split at commas. Blank lines are skipped. */
    static List<String> items(String text, boolean commas) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String item : text.split(commas ? "[\\r\\n,]+" : "\\r?\\n")) {
                if (!item.isBlank()) {
                    out.add(item.trim());
                }
            }
        }
        return out;
    }

    /** {@code KEY=VALUE} per line; a line without {@code =} is a key with an empty value. */
    static Map<String, String> keyValues(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : items(text, false)) {
            int eq = line.indexOf('=');
            out.put(eq < 0 ? line : line.substring(0, eq).trim(), eq < 0 ? "" : line.substring(eq + 1));
        }
        return out;
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
