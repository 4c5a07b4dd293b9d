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
