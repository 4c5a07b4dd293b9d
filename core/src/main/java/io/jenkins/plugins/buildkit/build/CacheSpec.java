package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.wire.control.CacheOptionsEntry;
import java.util.Map;
import java.util.Set;

/** {@code --cache-from} / {@code --cache-to} in Buildx syntax; a bare value is a registry ref. */
final class CacheSpec {
    static final Set<String> TYPES = Set.of("registry", "local", "inline", "gha", "s3", "azblob");

    private CacheSpec() {
    }

    /** @throws IllegalArgumentException naming the value */
    static CacheOptionsEntry parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty cache option");
        }
        Map<String, String> attrs = KeyValueList.parse(text.trim(), "ref");
        String type = attrs.remove("type");
        if (type == null) {
            type = "registry";
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown cache type \"" + type + "\" in \"" + text + "\"");
        }
        if (type.equals("local") && !attrs.containsKey("dest") && !attrs.containsKey("src")) {
            throw new IllegalArgumentException("cache \"" + text + "\": type=local needs dest=<dir> (export) or src=<dir> (import)");
        }
        if (type.equals("registry") && (attrs.get("ref") == null || attrs.get("ref").isBlank())) {
            throw new IllegalArgumentException("cache \"" + text + "\": type=registry needs ref=<image>");
        }
        return CacheOptionsEntry.newBuilder().setType(type).putAllAttrs(attrs).build();
    }
}
