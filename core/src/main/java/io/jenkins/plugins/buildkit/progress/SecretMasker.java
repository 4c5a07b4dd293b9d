package io.jenkins.plugins.buildkit.progress;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Replaces every occurrence of a secret value in text with {@code ****}, longest secret first. */
public final class SecretMasker {
    public static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> secrets;

    public SecretMasker(Collection<String> secrets) {
        List<String> s = new ArrayList<>();
        for (String v : secrets) {
            // Very short values would mask ordinary words and reveal more than they hide.
            if (v != null && v.length() >= 3) {
                s.add(v);
            }
            // A log line can only hold one line of a multi-line secret (a key, a file).
            if (v != null && v.contains("\n")) {
                for (String line : v.split("\r?\n")) {
                    if (line.strip().length() >= 8) {
                        s.add(line.strip());
                    }
                }
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(s);
    }

    public String mask(String text) {
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) {
                out = out.replace(s, "****");
            }
        }
        return out;
    }
}
