package io.jenkins.plugins.buildkit.build;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One attestation request in Buildx's {@code --attest} syntax: {@code type=provenance,mode=max},
 * {@code type=sbom,generator=IMAGE}, {@code type=provenance,disabled=true}. The Dockerfile frontend
 * makes the attestation; it reaches it as the frontend attribute {@code attest:TYPE}.
 */
public final class AttestSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    static final Set<String> TYPES = Set.of("provenance", "sbom");

    private final String type;
    private final boolean disabled;
    private final Map<String, String> attrs;

    private AttestSpec(String type, boolean disabled, Map<String, String> attrs) {
        this.type = type;
        this.disabled = disabled;
        this.attrs = attrs;
    }

    /** @throws IllegalArgumentException naming the value and what is wrong */
    public static AttestSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty attestation");
        }
        Map<String, String> attrs = KeyValueList.parse(text.trim(), null);
        String type = attrs.remove("type");
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("attestation \"" + text + "\" has no type= (provenance or sbom)");
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown attestation type \"" + type + "\" in \"" + text + "\" (expected provenance or sbom)");
        }
        String disabled = attrs.remove("disabled");
        if (disabled != null && !disabled.equalsIgnoreCase("true") && !disabled.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("attestation \"" + text + "\": disabled=\"" + disabled + "\" is not true or false");
        }
        String mode = attrs.get("mode");
        if (type.equals("provenance") && mode != null && !mode.equals("min") && !mode.equals("max")) {
            // The daemon would refuse it only after the build, when it writes the attestation.
            throw new IllegalArgumentException("attestation \"" + text + "\": mode=\"" + mode + "\" is not min or max");
        }
        return new AttestSpec(type, Boolean.parseBoolean(disabled), attrs);
    }

    /**
     * Buildx's {@code --provenance} and {@code --sbom} shorthands as an {@code --attest} value:
     * {@code true}/{@code false} switch the type on or off, anything else is its attributes.
     *
     * @return null for an empty value
     */
    public static String shorthand(String type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return "type=" + type + ",disabled=" + !Boolean.parseBoolean(v);
        }
        return "type=" + type + "," + v;
    }

    public String type() {
        return type;
    }

    public boolean disabled() {
        return disabled;
    }

    /**
     * The frontend attribute's value, as Buildx sends it: {@code type=...} then the attributes, with
     * {@code defaults} for those the user did not give.
     */
    String frontendValue(Map<String, String> defaults) {
        StringBuilder b = new StringBuilder("type=").append(type);
        Map<String, String> all = new LinkedHashMap<>(attrs);
        defaults.forEach(all::putIfAbsent);
        all.forEach((k, v) -> b.append(',').append(k).append('=').append(quote(v)));
        return b.toString();
    }

    /** An attribute value written as Buildx's CSV syntax takes it. */
    static String quote(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

}
