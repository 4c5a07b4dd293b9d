package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsSessionRule;

/**
 * What Jenkins keeps on disk survives a restart: the builders of every driver and the default one,
 * a freestyle job's BuildKit step, and a build's BuildKit record, which the build page still shows.
 * The files hold no secret, and Jenkins's class filter accepts every class in them.
 */
public class RestartTest {
    static final String GLOBAL_FILE = "io.jenkins.plugins.buildkit.jenkins.BuildKitGlobalConfiguration.xml";

    private final JenkinsSessionRule sessions = new JenkinsSessionRule();
    private final ClassFilterGuard classFilter = new ClassFilterGuard();

    @Rule
    public RuleChain rules = RuleChain.outerRule(classFilter).around(sessions);

    private static final BuildOutcome OUTCOME = new BuildOutcome("local", "docker-container", "sha256:0123abcd",
            List.of("registry.example.com/app:1.2.3", "registry.example.com/app:latest"), List.of("linux/amd64", "linux/arm64"),
            Map.of("containerimage.config", "{\"config\":\"blob-never-kept\"}"), 12, 9, 75_000,
            new BuildTimeline(1_700_000_000_000L, List.of(
                    new BuildTimeline.Step("[1/2] COPY rootfs/ /", BuildTimeline.State.CACHED, 0, 0, null, List.of()),
                    new BuildTimeline.Step("[2/2] RUN make", BuildTimeline.State.RUN, 120, 74_000, null, List.of("make: done"))),
                    0, 4096));

    private static void assertNoSecret(File file) throws Exception {
        String xml = Files.readString(file.toPath(), StandardCharsets.UTF_8);
        for (String secret : List.of("PRIVATE KEY", "s3cr3t-npm", "registry-password", "machine example.com",
                StoredCredentials.CERT_PASSWORD)) {
            assertThat(file + " holds no secret", xml, not(containsString(secret)));
        }
        assertThat(file + " holds the proxy password only encrypted", xml, not(containsString("proxy-pass-7")));
        // nor any other Secret or SecretBytes, encrypted or not: credentials live in the Credentials
        // plugin. The one exception is a docker-container builder's env, which may hold a proxy URL's
        // password and is therefore a Secret of its own.
        String withoutEnv = xml.replaceAll("<env>\\{AQAAABAAAA[^<]*}</env>", "<env/>");
        assertThat(file.toString(), withoutEnv, not(containsString("{AQAAABAAAA")));
    }

    @Test
    public void buildersJobAndBuildRecordSurviveARestart() throws Throwable {
        sessions.then(r -> {
            ConfigRoundTripTest.configureEveryDriver();
            ConfigRoundTripTest.addStepCredentials();
            FreeStyleProject p = r.createFreeStyleProject("image");
            FreeStyleBuild b = r.buildAndAssertSuccess(p);
            b.addAction(new BuildKitBuildAction(OUTCOME));
            b.save();
            p.getBuildersList().add(ConfigRoundTripTest.everyFreestyleField());
            p.save();

            File global = new File(r.jenkins.getRootDir(), GLOBAL_FILE);
            assertTrue(global + " is written", global.isFile());
            String xml = Files.readString(global.toPath(), StandardCharsets.UTF_8);
            assertThat(xml, containsString("agent-files"));
            assertThat(xml, containsString("<defaultBuilder>shared</defaultBuilder>"));
            assertNoSecret(global);
            File job = p.getConfigFile().getFile();
            assertThat(Files.readString(job.toPath()), containsString("io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder"));
            assertNoSecret(job);
            String build = Files.readString(new File(b.getRootDir(), "build.xml").toPath());
            assertThat(build, containsString("io.jenkins.plugins.buildkit.jenkins.BuildKitBuildAction"));
            assertThat("the exporter's metadata is not kept", build, not(containsString("blob-never-kept")));
        });
        sessions.then(r -> {
            BuildKitGlobalConfiguration config = BuildKitGlobalConfiguration.get();
            ConfigRoundTripTest.assertSameBuilders(ConfigRoundTripTest.everyDriverEveryField(), config.getBuilders());
            assertEquals("shared", config.getDefaultBuilder());
            assertEquals(List.of(), BuildKitGlobalConfiguration.problems(config.getBuilders(), config.getDefaultBuilder()));

            FreeStyleProject p = r.jenkins.getItemByFullName("image", FreeStyleProject.class);
            BuildKitBuilder step = p.getBuildersList().get(BuildKitBuilder.class);
            assertNotNull("the job's BuildKit step is still there", step);
            r.assertEqualDataBoundBeans(ConfigRoundTripTest.everyFreestyleField(), step);

            FreeStyleBuild b = p.getBuildByNumber(1);
            BuildKitBuildAction action = b.getAction(BuildKitBuildAction.class);
            assertNotNull("the build's BuildKit record is still there", action);
            assertSame(b, action.getRun());
            assertEquals("sha256:0123abcd", action.getDigest());
            assertEquals("local (docker-container)", action.getBuilder());
            assertEquals("9 of 12 steps cached", action.getSteps());

            String page = r.createWebClient().getPage(b).asNormalizedText();
            assertThat(page, containsString("BuildKit build on local (docker-container)"));
            assertThat(page, containsString("registry.example.com/app:1.2.3"));
            assertThat(page, containsString("registry.example.com/app:latest"));
            assertThat(page, containsString("sha256:0123abcd"));
            assertThat(page, containsString("docker pull registry.example.com/app@sha256:0123abcd"));
            assertThat(page, containsString("linux/amd64, linux/arm64"));
            assertThat(page, containsString("1 min 15 s; 9 of 12 steps cached"));
            BuildTimeline timeline = action.getTimeline();
            assertNotNull("the timeline is kept with the build", timeline);
            assertEquals(List.of("make: done"), timeline.getSteps().get(1).getLastLines());
            assertEquals(BuildTimeline.State.CACHED, timeline.getSteps().get(0).getState());
            assertThat(r.createWebClient().getPage(b).getWebResponse().getContentAsString(), containsString("class=\"buildkit-bar\""));
        });
    }
}
