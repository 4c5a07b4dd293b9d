package io.jenkins.plugins.buildkit.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the attestations BuildKit attached to a pushed image say: per platform, a summary of the SLSA
 * provenance (v0.2 or v1, as BuildKit writes them) and the SPDX SBOM with its package count. Read from
 * the image index: each attestation manifest ({@code vnd.docker.reference.type: attestation-manifest})
 * has one in-toto statement per layer, its predicate type in {@code in-toto.io/predicate-type}.
 */
public final class ImageAttestations {
    /** A multi-platform index names one attestation manifest per platform; more than this is not summarised. */
    static final int MAX_PLATFORMS = 16;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A material (v0.2) or resolved dependency (v1): what the build read, and its digest. */
    public record Material(String uri, String digest) {
    }

    /** The provenance's builder id (empty when the build named none), build args without their {@code build-arg:} prefix, and materials. */
    public record Provenance(String predicateType, String builderId, Map<String, String> buildArgs, List<Material> materials) {
    }

    /**
     * The attestations of one platform's image.
     *
     * @param provenance null without a provenance attestation
     * @param sbomPackages the SBOM's package count, -1 without an SBOM
     * @param sbom the SBOM's in-toto statement as the registry holds it, null without one
     */
    public record Platform(String platform, String imageDigest, Provenance provenance, int sbomPackages, byte[] sbom) {
    }

    private ImageAttestations() {
    }

    /** The attestations of the image {@code indexDigest} in {@code repository}; empty when it has none (a plain manifest). */
    public static List<Platform> read(RegistryReader registry, String repository, String indexDigest)
            throws IOException, InterruptedException {
        JsonNode index = parse(registry.manifest(repository, indexDigest));
        Map<String, String> platforms = new LinkedHashMap<>();
        for (JsonNode m : index.path("manifests")) {
            JsonNode p = m.path("platform");
            platforms.put(m.path("digest").asText(), p.path("os").asText() + "/" + p.path("architecture").asText()
                    + (p.hasNonNull("variant") ? "/" + p.path("variant").asText() : ""));
        }
        List<Platform> result = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            if (!"attestation-manifest".equals(m.path("annotations").path("vnd.docker.reference.type").asText())) {
                continue;
            }
            if (result.size() == MAX_PLATFORMS) {
                break;
            }
            String subject = m.path("annotations").path("vnd.docker.reference.digest").asText();
            JsonNode manifest = parse(registry.manifest(repository, m.path("digest").asText()));
            Provenance provenance = null;
            int packages = -1;
            byte[] sbom = null;
            for (JsonNode layer : manifest.path("layers")) {
                String type = layer.path("annotations").path("in-toto.io/predicate-type").asText();
                if (provenance == null && type.startsWith("https://slsa.dev/provenance/")) {
                    provenance = provenance(parse(registry.blob(repository, layer.path("digest").asText())));
                } else if (sbom == null && type.equals("https://spdx.dev/Document")) {
                    sbom = registry.blob(repository, layer.path("digest").asText());
                    packages = spdxPackageCount(parse(sbom));
                }
            }
            result.add(new Platform(platforms.getOrDefault(subject, "unknown"), subject, provenance, packages, sbom));
        }
        return result;
    }

    /** The summary of an in-toto statement with a SLSA v0.2 or v1 provenance predicate. */
    public static Provenance provenance(JsonNode statement) {
        String type = statement.path("predicateType").asText();
        JsonNode predicate = statement.path("predicate");
        boolean v1 = type.endsWith("/v1");
        String builderId = (v1 ? predicate.path("runDetails").path("builder") : predicate.path("builder")).path("id").asText("");
        JsonNode args = v1 ? predicate.path("buildDefinition").path("externalParameters").path("request").path("args")
                : predicate.path("invocation").path("parameters").path("args");
        Map<String, String> buildArgs = new LinkedHashMap<>();
        args.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("build-arg:")) {
                buildArgs.put(e.getKey().substring("build-arg:".length()), e.getValue().asText());
            }
        });
        List<Material> materials = new ArrayList<>();
        for (JsonNode m : v1 ? predicate.path("buildDefinition").path("resolvedDependencies") : predicate.path("materials")) {
            JsonNode digest = m.path("digest");
            String first = digest.fieldNames().hasNext() ? digest.fieldNames().next() : null;
            materials.add(new Material(m.path("uri").asText(), first == null ? "" : first + ":" + digest.path(first).asText()));
        }
        return new Provenance(type, builderId, buildArgs, materials);
    }

    /** The number of packages an in-toto statement with an SPDX predicate lists. */
    public static int spdxPackageCount(JsonNode statement) {
        return statement.path("predicate").path("packages").size();
    }

    static JsonNode parse(byte[] document) throws IOException {
        JsonNode node = JSON.readTree(new String(document, StandardCharsets.UTF_8));
        if (node == null || !node.isObject()) {
            throw new IOException("a registry document is not a JSON object");
        }
        return node;
    }
}
