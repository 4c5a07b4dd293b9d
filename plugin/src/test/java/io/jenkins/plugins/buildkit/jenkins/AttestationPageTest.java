package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.jenkins.plugins.buildkit.attest.ImageAttestations;
import io.jenkins.plugins.buildkit.progress.SecretMasker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.htmlunit.Page;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * The build page's attestation summary as Jenkins keeps it: build.xml holds the summary (its classes
 * accepted by the class filter) and not the SBOM, which the action serves after a restart; a registry
 * that could not be read leaves its reason on the page.
 */
public class AttestationPageTest {
    private final JenkinsSessionRule sessions = new JenkinsSessionRule();

    @Rule
    public RuleChain rules = RuleChain.outerRule(new ClassFilterGuard()).around(sessions);

    private static final String IMAGE_DIGEST = "sha256:" + "ab".repeat(32);
    private static final String SBOM = "{\"predicate\":{\"name\":\"kept-apart\",\"packages\":[{},{},{}]}}";

    private static BuildOutcome outcome(String digest) {
        return new BuildOutcome("ci", "remote", digest, List.of("r.example.com/app:1"), List.of(), Map.of(), 2, 1, 1000, null);
    }

    @Test
    public void summarySurvivesARestartAndTheSbomIsServedFromTheBuildDirectory() throws Throwable {
        String[] url = new String[2];
        sessions.then(r -> {
            FreeStyleProject p = r.createFreeStyleProject("app");
            FreeStyleBuild b = r.buildAndAssertSuccess(p);
            AttestationSummary summary = AttestationSummary.of(new ImageAttestations.Platform("linux/amd64", IMAGE_DIGEST,
                    new ImageAttestations.Provenance("https://slsa.dev/provenance/v1", "https://ci.example.com/b/1", Map.of("V", "1"),
                            List.of(new ImageAttestations.Material("pkg:docker/alpine@3", "sha256:" + "cd".repeat(32)))),
                    3, SBOM.getBytes(StandardCharsets.UTF_8)), SecretMasker.NONE);
            BuildKitBuildAction attested = BuildKitBuildAction.record(b, outcome("sha256:" + "12".repeat(32))
                    .withAttestations(List.of(summary), null));
            b.addAction(attested);
            b.addAction(BuildKitBuildAction.record(b, outcome("sha256:" + "34".repeat(32))
                    .withAttestations(List.of(), "the attestations of r.example.com/app:1 could not be read from r.example.com: HTTP 503")));
            b.save();
            assertThat(Files.readString(b.getRootDir().toPath().resolve("build.xml")), not(containsString("kept-apart")));
            url[0] = b.getUrl();
            url[1] = b.getUrl() + attested.getUrlName() + "/sbom?image=" + IMAGE_DIGEST;
        });
        sessions.then(r -> {
            JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
            wc.getOptions().setJavaScriptEnabled(false);
            String page = wc.goTo(url[0]).getWebResponse().getContentAsString();
            assertThat(page, containsString("https://ci.example.com/b/1"));
            assertThat(page, containsString("V=1"));
            assertThat(page, containsString("pkg:docker/alpine@3"));
            assertThat(page, containsString("SBOM: 3 packages"));
            assertThat(page, containsString("could not be read from r.example.com: HTTP 503"));
            Page sbom = wc.goTo(url[1], null);
            assertEquals(200, sbom.getWebResponse().getStatusCode());
            assertEquals("nosniff", sbom.getWebResponse().getResponseHeaderValue("X-Content-Type-Options"));
            assertThat(sbom.getWebResponse().getContentAsString(), containsString("kept-apart"));
            assertEquals("not a digest", 404, wc.goTo(url[1].replace(IMAGE_DIGEST, "../build.xml"), null).getWebResponse().getStatusCode());
        });
    }
}
