package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.attest.ImageAttestations;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The attestations of one platform's pushed image, as the build page shows them: the provenance's
 * builder id, build args (masked) and materials, the SBOM's package count. Made on the agent; the SBOM
 * document travels with it to the controller, which keeps it as a file beside build.xml and this
 * summary without it. Plain fields and no records, so that XStream restores it.
 */
public final class AttestationSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What the build read, and its digest. */
    public static final class Material implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String uri;
        private final String digest;

        Material(String uri, String digest) {
            this.uri = uri;
            this.digest = digest;
        }

        public String getUri() {
            return uri;
        }

        public String getDigest() {
            return digest;
        }
    }

    private final String platform;
    private final String imageDigest;
    private final boolean provenance;
    private final String builderId;
    private final List<String> buildArgs;
    private final List<Material> materials;
    private final int sbomPackages;
    /** Only between the agent and the controller; null once stored. */
    private final String sbomDocument;

    private AttestationSummary(String platform, String imageDigest, boolean provenance, String builderId, List<String> buildArgs,
            List<Material> materials, int sbomPackages, String sbomDocument) {
        this.platform = platform;
        this.imageDigest = imageDigest;
        this.provenance = provenance;
        this.builderId = builderId;
        this.buildArgs = new ArrayList<>(buildArgs);
        this.materials = new ArrayList<>(materials);
        this.sbomPackages = sbomPackages;
        this.sbomDocument = sbomDocument;
    }

    /** The summary of what the registry holds, every text from the build masked. */
    static AttestationSummary of(ImageAttestations.Platform p, SecretMasker masker) {
        List<String> args = new ArrayList<>();
        List<Material> materials = new ArrayList<>();
        String builderId = null;
        if (p.provenance() != null) {
            builderId = masker.mask(p.provenance().builderId());
            for (Map.Entry<String, String> e : p.provenance().buildArgs().entrySet()) {
                args.add(masker.mask(e.getKey() + "=" + e.getValue()));
            }
            for (ImageAttestations.Material m : p.provenance().materials()) {
                materials.add(new Material(masker.mask(m.uri()), m.digest()));
            }
        }
        String sbom = p.sbom() == null ? null : new String(p.sbom(), java.nio.charset.StandardCharsets.UTF_8);
        return new AttestationSummary(p.platform(), p.imageDigest(), p.provenance() != null, builderId, args, materials,
                p.sbomPackages(), sbom);
    }

    /** This summary as build.xml keeps it: without the SBOM document, which is stored apart. */
    AttestationSummary withoutDocument() {
        return new AttestationSummary(platform, imageDigest, provenance, builderId, buildArgs, materials, sbomPackages, null);
    }

    String sbomDocument() {
        return sbomDocument;
    }

    public String getPlatform() {
        return platform;
    }

    public String getImageDigest() {
        return imageDigest;
    }

    public boolean isProvenance() {
        return provenance;
    }

    /** Empty when the build named no builder id. */
    public String getBuilderId() {
        return builderId;
    }

    /** {@code NAME=VALUE}, masked. */
    public List<String> getBuildArgs() {
        return Collections.unmodifiableList(buildArgs);
    }

    public List<Material> getMaterials() {
        return Collections.unmodifiableList(materials);
    }

    public boolean isSbom() {
        return sbomPackages >= 0;
    }

    public int getSbomPackages() {
        return sbomPackages;
    }
}
