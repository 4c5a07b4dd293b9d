package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.attest.ImageAttestations;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** What the build page keeps of an image's attestations: masked texts, and the SBOM only until it is stored. */
public class AttestationSummaryTest {
    @Test
    public void buildArgsAndMaterialsAreMaskedAndTheSbomIsDroppedWhenStored() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("TOKEN", "abc-secret-1");
        args.put("VERSION", "2");
        ImageAttestations.Platform p = new ImageAttestations.Platform("linux/amd64", "sha256:" + "1".repeat(64),
                new ImageAttestations.Provenance("https://slsa.dev/provenance/v1", "", args,
                        List.of(new ImageAttestations.Material("https://u:abc-secret-1@git.example.com/r.git", "sha1:abc"))),
                3, "{\"predicate\":{}}".getBytes(StandardCharsets.UTF_8));
        AttestationSummary s = AttestationSummary.of(p, new SecretMasker(List.of("abc-secret-1")));
        assertEquals(List.of("TOKEN=****", "VERSION=2"), s.getBuildArgs());
        assertEquals("https://u:****@git.example.com/r.git", s.getMaterials().get(0).getUri());
        assertEquals("", s.getBuilderId());
        assertTrue(s.isProvenance());
        assertEquals(3, s.getSbomPackages());
        assertEquals("{\"predicate\":{}}", s.sbomDocument());
        assertNull(s.withoutDocument().sbomDocument());
        assertEquals(s.getBuildArgs(), s.withoutDocument().getBuildArgs());
    }

    @Test
    public void anImageWithoutProvenanceOrSbomSaysSo() {
        AttestationSummary s = AttestationSummary.of(new ImageAttestations.Platform("linux/arm64", "sha256:" + "2".repeat(64), null, -1, null),
                SecretMasker.NONE);
        assertFalse(s.isProvenance());
        assertFalse(s.isSbom());
        assertNull(s.sbomDocument());
    }
}
