package io.jenkins.plugins.buildkit.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buildx's option syntax: comma-separated {@code key=value} fields, CSV-quoted when a value holds a
 * comma ({@code type=image,"name=a,b",push=true}).
 */
final class KeyValueList {
    private KeyValueList() {
    }

    static List<String> splitFields(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == ',' && !quoted) {
                fields.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quote");
        }
        fields.add(cur.toString().trim());
        return fields;
    }

    /**
     * Parses fields into an ordered map; a field without {@code =} is an error unless
     * {@code bareKey} names the key it stands for.
     */
    static Map<String, String> parse(String text, String bareKey) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : splitFields(text)) {
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq < 0) {
                if (bareKey == null || out.containsKey(bareKey)) {
                    throw new IllegalArgumentException("field \"" + field + "\" is not key=value");
                }
                out.put(bareKey, field);
            } else {
                String key = field.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("field \"" + field + "\" has an empty key");
                }
                out.put(key, field.substring(eq + 1));
            }
        }
        return out;
    }
}
