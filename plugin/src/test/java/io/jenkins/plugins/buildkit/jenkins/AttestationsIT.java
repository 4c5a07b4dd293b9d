package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Label;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildkit.it.ContextFixtures;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * A Pipeline on an agent pushes an image with full provenance and an SBOM (from a generator image of
 * the test's own) to the test registry: the build page shows the provenance's builder id, build args
 * (masked) and base image with its digest, and the SBOM's package count, whose link serves the document
 * to a reader of the job and to no one else.
 */
public class AttestationsIT {
    private final JenkinsRule r = new JenkinsRule();

    @Rule
    public RuleChain rules = RuleChain.outerRule(new ClassFilterGuard()).around(r);

    private static final String SECRET = "prov-" + System.nanoTime() + "-secret";
    private TestEnvironment env;

    @Before
    public void setUp() throws Exception {
        env = TestJenkins.adminOnlyWithCredentials(r, SECRET);
        StoredCredentials.usernamePassword(TestJenkins.REGISTRY_LOGIN, env.registryUser, env.registryPassword);
        TestJenkins.useBuilders("shared", TestJenkins.remoteBuilder("shared", env));
    }

    @Test
    public void buildPageSummarisesProvenanceAndSbomAndServesTheSbom() throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get("linux"));
        String tag = Long.toString(System.nanoTime());
        String scanner = env.registry + "/jenkins/scanner:" + tag;
        String image = env.registry + "/jenkins/attested:" + tag;
        WorkflowJob job = r.createProject(WorkflowJob.class, "attested");
        Path workspace = Path.of(agent.getWorkspaceFor(job).getRemote());
        ContextFixtures.writeSbomScanner(workspace.resolve("scanner"), env.busybox);
        ContextFixtures.write(workspace.resolve("app/Dockerfile"), "FROM " + scanner + "\nARG VERSION\nCOPY version.txt /\n");
        ContextFixtures.write(workspace.resolve("app/version.txt"), tag);
        String login = "registryCredentials: [[registry: '" + env.registry + "', credentialsId: '" + TestJenkins.REGISTRY_LOGIN + "']]";
        job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                + "  buildkitBuild(context: 'scanner', tags: ['" + scanner + "'], push: true, provenance: 'false', " + login + ")\n"
                + "  withCredentials([string(credentialsId: '" + TestJenkins.TOKEN + "', variable: 'TOKEN')]) {\n"
                + "    buildkitBuild(context: 'app', tags: ['" + image + "'], push: true, buildArgs: [VERSION: '1.' + TOKEN],"
                + " provenance: 'mode=max', sbom: 'generator=" + scanner + "',"
                + " secrets: [[id: 'token', credentialsId: '" + TestJenkins.TOKEN + "']], " + login + ")\n"
                + "  }\n}\n", true));
        WorkflowRun run = r.buildAndAssertSuccess(job);

        List<BuildKitBuildAction> builds = run.getActions(BuildKitBuildAction.class);
        assertEquals(2, builds.size());
        assertEquals("no attestations on the scanner image", List.of(), builds.get(0).getAttestations());
        BuildKitBuildAction attested = builds.get(1);
        assertNull(attested.getAttestationProblem(), attested.getAttestationProblem());
        assertEquals(1, attested.getAttestations().size());
        AttestationSummary summary = attested.getAttestations().get(0);
        assertEquals("linux/amd64", summary.getPlatform());
        // no builder-id given: the provenance names the Jenkins build that made the image
        String buildUrl = r.getURL() + run.getUrl();
        assertEquals(buildUrl, summary.getBuilderId());
        assertEquals(List.of("VERSION=1.****"), summary.getBuildArgs());
        AttestationSummary.Material base = summary.getMaterials().stream().filter(m -> m.getUri().contains("jenkins/scanner"))
                .findFirst().orElseThrow(() -> new AssertionError("no base image among " + summary.getMaterials().size() + " materials"));
        assertTrue(base.getDigest(), base.getDigest().matches("sha256:[0-9a-f]{64}"));
        assertEquals("one package, as the scanner writes it", 1, summary.getSbomPackages());

        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        admin.getOptions().setJavaScriptEnabled(false);
        String page = admin.goTo(run.getUrl()).getWebResponse().getContentAsString();
        assertThat(page, containsString(buildUrl));
        assertThat(page, containsString(base.getDigest()));
        assertThat(page, containsString("VERSION=1.****"));
        assertThat(page, not(containsString(SECRET)));
        assertThat(page, containsString("SBOM: 1 packages"));
        String link = run.getUrl() + attested.getUrlName() + "/sbom?image=" + summary.getImageDigest();
        assertThat(page, containsString("/jenkins/" + link.replace("&", "&amp;")));

        Page sbom = admin.goTo(link, null);
        assertEquals(200, sbom.getWebResponse().getStatusCode());
        assertThat(sbom.getWebResponse().getContentType(), containsString("application/json"));
        assertThat(sbom.getWebResponse().getContentAsString(), containsString("scanned-by-the-test"));
        assertTrue("kept beside build.xml", Files.isDirectory(run.getRootDir().toPath().resolve("buildkit-sbom")));
        assertThat("build.xml keeps the summary, not the document",
                Files.readString(run.getRootDir().toPath().resolve("build.xml")), not(containsString("scanned-by-the-test")));
        assertEquals("an image this build did not make", 404,
                admin.goTo(run.getUrl() + attested.getUrlName() + "/sbom?image=sha256:" + "0".repeat(64), null).getWebResponse().getStatusCode());

        JenkinsRule.WebClient anonymous = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        // Jenkins sends an anonymous reader to its login page
        Page refused = anonymous.goTo(link, null);
        assertThat("a user who may not read the job gets no SBOM", refused.getWebResponse().getContentAsString(),
                not(containsString("scanned-by-the-test")));
    }
}
