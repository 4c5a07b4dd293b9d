package io.jenkins.plugins.buildkit.attest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Summaries of in-toto statements as BuildKit writes them (fixtures: a real v1 statement with args and dependencies added, a v0.2 one, a real SBOM). */
public class ImageAttestationsTest {
    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = ImageAttestationsTest.class.getResourceAsStream(name)) {
            return ImageAttestations.parse(in.readAllBytes());
        }
    }

    @Test
    public void slsaV1GivesBuilderIdBuildArgsAndResolvedDependencies() throws Exception {
        ImageAttestations.Provenance p = ImageAttestations.provenance(fixture("provenance-slsa-v1.json"));
        assertEquals("https://slsa.dev/provenance/v1", p.predicateType());
        assertEquals("https://jenkins.example.com/job/app/7/", p.builderId());
        assertEquals("only build args, without their prefix", Map.of("VERSION", "1.2.3", "TOKEN", "s3cr3t-value"), p.buildArgs());
        assertEquals(List.of(
                new ImageAttestations.Material("pkg:docker/127.0.0.1:15000/base/alpine@3?platform=linux%2Famd64",
                        "sha256:0e5a4b1c9b9f3a6a2f1e7a7d3b0c3c5e8d1f2a3b4c5d6e7f8091a2b3c4d5e6f7"),
                new ImageAttestations.Material("https://example.com/tool.tar.gz",
                        "sha256:1111111111111111111111111111111111111111111111111111111111111111")), p.materials());
    }

    @Test
    public void slsaV02GivesBuilderIdInvocationArgsAndMaterials() throws Exception {
        ImageAttestations.Provenance p = ImageAttestations.provenance(fixture("provenance-slsa-v0.2.json"));
        assertEquals("https://ci.example.com/builds/42", p.builderId());
        assertEquals(Map.of("HTTP_PROXY", "http://proxy:3128"), p.buildArgs());
        assertEquals(2, p.materials().size());
        assertEquals(new ImageAttestations.Material("pkg:docker/docker/dockerfile@1.7",
                "sha256:a57df69d0ea827fb7266491f2813635de6f17269be881f696fbfdf2d83dda33e"), p.materials().get(0));
    }

    @Test
    public void aStatementWithoutTheExpectedFieldsGivesAnEmptySummary() throws Exception {
        ImageAttestations.Provenance p = ImageAttestations.provenance(ImageAttestations.parse(
                "{\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{\"buildDefinition\":{\"resolvedDependencies\":[{\"uri\":\"x\"}]}}}".getBytes()));
        assertEquals("", p.builderId());
        assertEquals(Map.of(), p.buildArgs());
        assertEquals(List.of(new ImageAttestations.Material("x", "")), p.materials());
    }

    @Test
    public void spdxPackagesAreCounted() throws Exception {
        assertEquals(1, ImageAttestations.spdxPackageCount(fixture("sbom-spdx.json")));
        assertEquals(0, ImageAttestations.spdxPackageCount(ImageAttestations.parse("{\"predicate\":{}}".getBytes())));
    }

    @Test
    public void somethingOtherThanAJsonObjectIsRefused() {
        assertThrows(IOException.class, () -> ImageAttestations.parse("[1]".getBytes()));
        assertThrows(IOException.class, () -> ImageAttestations.parse("not json".getBytes()));
    }

    @Test
    public void repositoryIsTheNameWithoutRegistryTagOrDigest() {
        assertEquals("team/app", RegistryReader.repositoryOf("r.example.com:5000/team/app:1"));
        assertEquals("it/attest", RegistryReader.repositoryOf("127.0.0.1:15000/it/attest@sha256:" + "0".repeat(64)));
        assertEquals("library/alpine", RegistryReader.repositoryOf("alpine:3"));
        assertEquals("team/app", RegistryReader.repositoryOf("team/app"));
        assertEquals("app", RegistryReader.repositoryOf("localhost/app"));
    }
}
