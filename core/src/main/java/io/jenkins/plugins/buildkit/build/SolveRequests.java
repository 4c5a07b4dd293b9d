package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.client.BuildSession;
import io.jenkins.plugins.buildkit.client.ExportTarget;
import io.jenkins.plugins.buildkit.client.OciLayoutStore;
import io.jenkins.plugins.buildkit.client.SolveResult;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.buildkit.wire.control.CacheOptions;
import io.jenkins.plugins.buildkit.wire.control.CacheOptionsEntry;
import io.jenkins.plugins.buildkit.wire.control.Exporter;
import io.jenkins.plugins.buildkit.wire.control.SolveRequest;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a {@link BuildSpec} into the Dockerfile-frontend solve request and the session it needs. */
public final class SolveRequests {

    /**
     * A solve request, the session serving its files, secrets, credentials and exports, and the
     * local cache stores whose {@code index.json} names the exported cache afterwards.
     */
    public record Prepared(SolveRequest request, BuildSession session, Map<OciLayoutStore, String> cacheIndexes) {

        /** Records the exported cache manifest in each local cache store's index, as Buildx does. */
        public void finish(SolveResult result) throws IOException {
            String manifest = result.exporterResponse().get("cache.manifest");
            if (manifest == null || manifest.isEmpty()) {
                return;
            }
            for (Map.Entry<OciLayoutStore, String> e : cacheIndexes.entrySet()) {
                e.getKey().putIndex(manifest, e.getValue());
            }
        }
    }

    private SolveRequests() {
    }

    /**
     * A local cache import names a digest: the one {@code index.json} records for the tag. Without
     * one there is nothing to import, and Buildx goes on without it; so do we.
     */
    private static CacheOptionsEntry localCacheImport(CacheOptionsEntry entry, BuildSpec spec, BuildSession.Builder session) throws IOException {
        Path src = spec.resolve(entry.getAttrsOrThrow("src"));
        OciLayoutStore store = new OciLayoutStore(src);
        String digest = entry.getAttrsOrDefault("digest", "");
        if (digest.isEmpty()) {
            digest = store.digestForTag(entry.getAttrsOrDefault("tag", "latest"));
            if (digest == null) {
                return null;
            }
        }
        session.contentStore("local:" + src, store);
        return entry.toBuilder().putAttrs("src", src.toString()).putAttrs("digest", digest).build();
    }

    /** The frontend resolves cache for base images from these too; Buildx passes them as JSON. */
    private static String cacheImportsJson(List<CacheOptionsEntry> imports) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
            json.writeStartArray();
            for (CacheOptionsEntry entry : imports) {
                json.writeStartObject();
                json.writeStringField("Type", entry.getType());
                json.writeObjectFieldStart("Attrs");
                for (Map.Entry<String, String> a : entry.getAttrsMap().entrySet()) {
                    json.writeStringField(a.getKey(), a.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        return text.toString();
    }

    /**
     * @param multipleExporters whether the daemon reads the exporter list (BuildKit 0.13+); older ones
     *     read a single exporter from the deprecated fields
     */
    public static Prepared prepare(BuildSpec spec, boolean multipleExporters) throws IOException {
        return prepare(spec, spec.resolvedOutputs(), multipleExporters, null);
    }

    /** Opens where a {@code type=docker} output without {@code dest} is loaded. */
    public interface Loader {
        ExportTarget target() throws IOException;
    }

    /** As {@link #prepare(BuildSpec, boolean)}, with the outputs a driver settled on. */
    public static Prepared prepare(BuildSpec spec, List<OutputSpec> requestedOutputs, boolean multipleExporters, Loader loader)
            throws IOException {
        return prepare(spec, requestedOutputs, multipleExporters, loader, false);
    }

    /**
     * As {@link #prepare(BuildSpec, List, boolean, Loader)}; with {@code defaultProvenance}, a build
     * that says nothing of provenance gets Buildx's default, {@code mode=min,inline-only=true}
     * (a provenance attestation wherever the image itself goes: registry, OCI or Docker archive).
     */
    public static Prepared prepare(BuildSpec spec, List<OutputSpec> requestedOutputs, boolean multipleExporters, Loader loader,
            boolean defaultProvenance) throws IOException {
        spec.validate();
        // "cacheonly" is Buildx's stand-in for "no export at all"; the daemon knows no such exporter.
        List<OutputSpec> outputs = requestedOutputs.stream().filter(o -> !o.type().equals("cacheonly")).toList();
        Path context = spec.contextDir();
        Path dockerfile = spec.dockerfilePath();
        SolveRequest.Builder req = SolveRequest.newBuilder().setFrontend("dockerfile.v0");
        BuildSession.Builder session = BuildSession.builder()
                .name(context.getFileName() == null ? "context" : context.getFileName().toString())
                .sharedKeyFor(context)
                .directory("context", context)
                .directory("dockerfile", dockerfile.getParent());

        req.putFrontendAttrs("filename", dockerfile.getFileName().toString());
        if (spec.target != null && !spec.target.isBlank()) {
            req.putFrontendAttrs("target", spec.target.trim());
        }
        spec.buildArgs.forEach((k, v) -> req.putFrontendAttrs("build-arg:" + k, v == null ? "" : v));
        spec.labels.forEach((k, v) -> req.putFrontendAttrs("label:" + k, v == null ? "" : v));
        if (!spec.platforms.isEmpty()) {
            req.putFrontendAttrs("platform", String.join(",", spec.platforms));
        }
        if (!spec.values(BuildOption.NO_CACHE_FILTER).isEmpty()) {
            req.putFrontendAttrs("no-cache", String.join(",", spec.values(BuildOption.NO_CACHE_FILTER)));
        }
        if (spec.noCache) {
            req.putFrontendAttrs("no-cache", "");
        }
        if (spec.pull) {
            req.putFrontendAttrs("image-resolve-mode", "pull");
        }
        List<String> entitlements = new ArrayList<>(spec.entitlements);
        if (spec.network != null && !spec.network.equals("default")) {
            req.putFrontendAttrs("force-network-mode", spec.network);
            if (spec.network.equals("host") && !entitlements.contains("network.host")) {
                entitlements.add("network.host");
            }
        }
        entitlements.forEach(req::addEntitlements);
        if (spec.shmSize != null) {
            req.putFrontendAttrs("shm-size", Long.toString(BuildFlags.shmSizeBytes(spec.shmSize)));
        }
        if (!spec.ulimits.isEmpty()) {
            req.putFrontendAttrs("ulimit", String.join(",", spec.ulimits.stream().map(BuildFlags::ulimitEntry).toList()));
        }
        if (spec.cgroupParent != null) {
            req.putFrontendAttrs("cgroup-parent", spec.cgroupParent);
        }
        if (!spec.addHosts.isEmpty()) {
            req.putFrontendAttrs("add-hosts", String.join(",", spec.addHosts.stream().map(BuildFlags::hostEntry).toList()));
        }
        for (String c : spec.buildContexts) {
            int eq = c.indexOf('=');
            String name = c.substring(0, eq).trim();
            String value = c.substring(eq + 1).trim();
            if (BuildFlags.isRemoteContext(value)) {
                req.putFrontendAttrs("context:" + name, value);
            } else {
                // "context" and "dockerfile" are the session's own directory names
                String localName = name.equals("context") || name.equals("dockerfile") ? "_" + name : name;
                Path dir = spec.resolve(value);
                session.directory(localName, dir);
                req.putFrontendAttrs("context:" + name, "local:" + localName);
                req.putFrontendAttrs("sharedkey:localdir:" + name, dir.getFileName() == null ? name : dir.getFileName().toString());
            }
        }
        boolean provenanceGiven = false;
        for (AttestSpec a : spec.attestations()) {
            provenanceGiven |= a.type().equals("provenance");
            if (!a.disabled()) {
                req.putFrontendAttrs("attest:" + a.type(), a.frontendValue());
            }
        }
        if (defaultProvenance && !provenanceGiven) {
            req.putFrontendAttrs("attest:provenance", "mode=min,inline-only=true");
        }

        if (!multipleExporters && outputs.size() > 1) {
            throw new InvalidBuildSpecException(List.of("outputs: this BuildKit daemon takes one output per build, "
                    + outputs.size() + " were given (BuildKit 0.13 or newer takes several)"));
        }
        for (int i = 0; i < outputs.size(); i++) {
            OutputSpec o = outputs.get(i);
            Map<String, String> attrs = new java.util.LinkedHashMap<>(spec.annotationAttrs());
            attrs.putAll(o.attrs());
            if (o.deliversToClient()) {
                String dest = attrs.remove("dest");
                if (dest == null) {
                    if (loader == null) {
                        throw new InvalidBuildSpecException(List.of("outputs: type=" + o.type() + " needs dest=<file>"));
                    }
                    session.export(i, loader.target());
                } else {
                    Path destPath = spec.resolve(dest);
                    session.export(i, o.type().equals("local") ? ExportTarget.directory(destPath) : ExportTarget.file(destPath));
                }
            }
            if (multipleExporters) {
                req.addExporters(Exporter.newBuilder().setType(o.type()).putAllAttrs(attrs));
            } else {
                req.setExporterDeprecated(o.type()).putAllExporterAttrsDeprecated(attrs);
            }
        }

        Map<OciLayoutStore, String> cacheIndexes = new LinkedHashMap<>();
        if (!spec.cacheFrom.isEmpty() || !spec.cacheTo.isEmpty()) {
            CacheOptions.Builder cache = CacheOptions.newBuilder();
            for (String c : spec.cacheFrom) {
                CacheOptionsEntry entry = CacheSpec.parse(c);
                if (entry.getType().equals("local")) {
                    entry = localCacheImport(entry, spec, session);
                    if (entry == null) {
                        continue;
                    }
                }
                cache.addImports(entry);
            }
            for (String c : spec.cacheTo) {
                CacheOptionsEntry entry = CacheSpec.parse(c);
                if (entry.getType().equals("local")) {
                    Path dest = spec.resolve(entry.getAttrsOrThrow("dest"));
                    Files.createDirectories(dest);
                    OciLayoutStore store = new OciLayoutStore(dest);
                    entry = entry.toBuilder().putAttrs("dest", dest.toString()).build();
                    session.contentStore("local:" + dest, store);
                    cacheIndexes.put(store, entry.getAttrsOrDefault("tag", "latest"));
                }
                cache.addExports(entry);
            }
            req.setCache(cache);
            // The frontend also needs the imports to resolve cache for base images.
            if (!spec.cacheFrom.isEmpty()) {
                req.putFrontendAttrs("cache-imports", cacheImportsJson(cache.getImportsList()));
            }
        }

        for (SecretSource s : spec.secrets) {
            session.secret(s.id(), s.value());
        }
        for (SshSource s : spec.ssh) {
            session.ssh(s.id(), s.privateKeys(), s.passphrase());
        }
        spec.registryAuth.forEach(session::registryAuth);
        return new Prepared(req.build(), session.build(), cacheIndexes);
    }
}
