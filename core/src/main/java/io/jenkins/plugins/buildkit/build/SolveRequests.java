package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.client.BuildKitException;
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

    /** Opens where a {@code type=docker} output without {@code dest} is loaded. */
    public interface Loader {
        ExportTarget target() throws BuildKitException;
    }

    /**
     * What the builder settled for a build.
     *
     * @param outputs the outputs the driver settled on (a driver may add its default load)
     * @param multipleExporters whether the daemon reads the exporter list (BuildKit 0.13+); older ones
     *     read a single exporter from the deprecated fields
     * @param loader where a {@code type=docker} output without {@code dest} goes, or null
     * @param defaultProvenance whether a build that says nothing of provenance gets Buildx's default,
     *     {@code mode=min,inline-only=true}
     */
    public record BuilderTerms(List<OutputSpec> outputs, boolean multipleExporters, Loader loader, boolean defaultProvenance) {
    }

    /** The request with the spec's own outputs, no loader and no default provenance. */
    public static Prepared prepare(BuildSpec spec, boolean multipleExporters) throws IOException, BuildKitException {
        return prepare(spec, new BuilderTerms(spec.resolvedOutputs(), multipleExporters, null, false));
    }

    /** The solve request and its session: one small step per concern, as Buildx's build options are. */
    public static Prepared prepare(BuildSpec spec, BuilderTerms terms) throws IOException, BuildKitException {
        spec.validate();
        Path context = spec.contextDir();
        Path dockerfile = spec.dockerfilePath();
        SolveRequest.Builder req = SolveRequest.newBuilder().setFrontend("dockerfile.v0");
        BuildSession.Builder session = BuildSession.builder()
                .name(context.getFileName() == null ? "context" : context.getFileName().toString())
                .sharedKeyFor(context)
                .directory("context", context)
                .directory("dockerfile", dockerfile.getParent());
        req.putFrontendAttrs("filename", dockerfile.getFileName().toString());
        frontendAttrs(spec, req);
        runSettings(spec, req);
        buildContexts(spec, req, session);
        attestations(spec, req, terms.defaultProvenance());
        exports(spec, terms, req, session);
        Map<OciLayoutStore, String> cacheIndexes = cache(spec, req, session);
        credentials(spec, session);
        return new Prepared(req.build(), session.build(), cacheIndexes);
    }

    /** Target, arguments, labels, platforms and the cache and pull policies. */
    private static void frontendAttrs(BuildSpec spec, SolveRequest.Builder req) {
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
    }

    /** How RUN steps run: network, entitlements, /dev/shm, ulimits, cgroup parent, extra hosts. */
    private static void runSettings(BuildSpec spec, SolveRequest.Builder req) {
        List<String> entitlements = new ArrayList<>(spec.entitlements);
        if (spec.network != null && !spec.network.equals("default")) {
            req.putFrontendAttrs("force-network-mode", spec.network);
            if (spec.network.equals("host") && !entitlements.contains("network.host")) {
                entitlements.add("network.host");
            }
        }
        entitlements.forEach(req::addEntitlements);
        if (spec.shmSizeBytes != null) {
            req.putFrontendAttrs("shm-size", Long.toString(spec.shmSizeBytes));
        }
        if (!spec.ulimits.isEmpty()) {
            req.putFrontendAttrs("ulimit", String.join(",", spec.ulimits));
        }
        if (spec.cgroupParent != null) {
            req.putFrontendAttrs("cgroup-parent", spec.cgroupParent);
        }
        if (!spec.addHosts.isEmpty()) {
            req.putFrontendAttrs("add-hosts", String.join(",", spec.addHosts));
        }
    }

    /** Named contexts: remote ones by reference, directories served by the session. */
    private static void buildContexts(BuildSpec spec, SolveRequest.Builder req, BuildSession.Builder session) {
        for (BuildFlags.NamedContext c : spec.buildContexts) {
            String name = c.name();
            if (c.remote()) {
                req.putFrontendAttrs("context:" + name, c.value());
            } else {
                // "context" and "dockerfile" are the session's own directory names
                String localName = name.equals("context") || name.equals("dockerfile") ? "_" + name : name;
                Path dir = spec.resolve(c.value());
                session.directory(localName, dir);
                req.putFrontendAttrs("context:" + name, "local:" + localName);
                req.putFrontendAttrs("sharedkey:localdir:" + name, dir.getFileName() == null ? name : dir.getFileName().toString());
            }
        }
    }

    private static void attestations(BuildSpec spec, SolveRequest.Builder req, boolean defaultProvenance) {
        boolean provenanceGiven = false;
        Map<String, String> provenanceDefaults = spec.defaultBuilderId == null ? Map.of() : Map.of("builder-id", spec.defaultBuilderId);
        for (AttestSpec a : spec.attestations()) {
            provenanceGiven |= a.type().equals("provenance");
            if (!a.disabled()) {
                req.putFrontendAttrs("attest:" + a.type(), a.frontendValue(a.type().equals("provenance") ? provenanceDefaults : Map.of()));
            }
        }
        if (defaultProvenance && !provenanceGiven) {
            req.putFrontendAttrs("attest:provenance", "mode=min,inline-only=true"
                    + (spec.defaultBuilderId == null ? "" : ",builder-id=" + AttestSpec.quote(spec.defaultBuilderId)));
        }
    }

    /** The exporters, and where the session receives what comes back to the client. */
    private static void exports(BuildSpec spec, BuilderTerms terms, SolveRequest.Builder req, BuildSession.Builder session)
            throws IOException, BuildKitException {
        // "cacheonly" is Buildx's stand-in for "no export at all"; the daemon knows no such exporter.
        List<OutputSpec> outputs = terms.outputs().stream().filter(o -> !o.type().equals("cacheonly")).toList();
        if (!terms.multipleExporters() && outputs.size() > 1) {
            throw new InvalidRequestException("outputs", "this BuildKit daemon takes one output per build, "
                    + outputs.size() + " were given (BuildKit 0.13 or newer takes several)");
        }
        for (int i = 0; i < outputs.size(); i++) {
            OutputSpec o = outputs.get(i);
            Map<String, String> attrs = new LinkedHashMap<>(spec.annotationAttrs());
            attrs.putAll(o.attrs());
            if (o.deliversToClient()) {
                String dest = attrs.remove("dest");
                if (dest == null) {
                    if (terms.loader() == null) {
                        throw new InvalidRequestException("outputs", "type=" + o.type() + " needs dest=<file>");
                    }
                    session.export(i, terms.loader().target());
                } else if (dest.equals(OutputSpec.STANDARD_OUTPUT)) {
                    session.export(i, ExportTarget.standardOutput());
                } else {
                    Path destPath = spec.resolve(dest);
                    session.export(i, o.type().equals("local") ? ExportTarget.directory(destPath) : ExportTarget.file(destPath));
                }
            }
            if (terms.multipleExporters()) {
                req.addExporters(Exporter.newBuilder().setType(o.type()).putAllAttrs(attrs));
            } else {
                req.setExporterDeprecated(o.type()).putAllExporterAttrsDeprecated(attrs);
            }
        }
    }

    /** Cache imports and exports; a local store's index names the exported cache afterwards. */
    private static Map<OciLayoutStore, String> cache(BuildSpec spec, SolveRequest.Builder req, BuildSession.Builder session)
            throws IOException {
        Map<OciLayoutStore, String> cacheIndexes = new LinkedHashMap<>();
        if (spec.cacheFrom.isEmpty() && spec.cacheTo.isEmpty()) {
            return cacheIndexes;
        }
        CacheOptions.Builder cache = CacheOptions.newBuilder();
        for (CacheOptionsEntry entry : spec.cacheFrom) {
            if (entry.getType().equals("local")) {
                entry = localCacheImport(entry, spec, session);
                if (entry == null) {
                    continue;
                }
            }
            cache.addImports(entry);
        }
        for (CacheOptionsEntry entry : spec.cacheTo) {
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
        return cacheIndexes;
    }

    /** Secrets, SSH keys and registry credentials, which the session serves when the daemon asks. */
    private static void credentials(BuildSpec spec, BuildSession.Builder session) throws IOException {
        for (SecretSource s : spec.secrets) {
            session.secret(s.id(), s.value());
        }
        for (SshSource s : spec.ssh) {
            session.ssh(s.id(), s.keyPairs());
        }
        spec.registryCredentials.forEach(session::registryCredential);
    }
}
