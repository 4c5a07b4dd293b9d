package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import hudson.slaves.DumbSlave;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.buildkit.it.Processes;
import io.jenkins.plugins.buildkit.it.RegistryClient;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.io.File;
import java.net.http.HttpResponse;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.RuleChain;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;

/**
 * {@code buildkitBuild} and the freestyle step in a real Jenkins, on the built-in node and on an
 * agent (a separate JVM over a remoting channel, with Jenkins's class filter), against the real
 * buildkitd and registry: what a user checks after a build.
 */
public class PipelineBuildIT {
    private final JenkinsRule r = new JenkinsRule();

    /** Fails the test on any class Jenkins's filter refuses to send to or from the agent, or to store (JEP-200). */
    @Rule
    public RuleChain rules = RuleChain.outerRule(new ClassFilterGuard()).around(r);

    private static final String SECRET = "tok-" + System.nanoTime() + "-value";

    private TestEnvironment env;
    private DumbSlave agent;

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        StoredCredentials.certificate(TestJenkins.CLIENT_CERT, env.pem("client.pem"), env.pem("client-key.pem"));
        StoredCredentials.usernamePassword(TestJenkins.REGISTRY_LOGIN, env.registryUser, env.registryPassword);
        StoredCredentials.secretText(TestJenkins.TOKEN, SECRET);
        TestJenkins.useBuilders("shared", TestJenkins.remoteBuilder("shared", env));
        agent = r.createOnlineSlave(Label.get("linux"));
    }

    /** The Dockerfile every build here uses: a busybox image whose RUN step reads the secret and writes it into the image. */
    private String prepareContext() {
        return "writeFile file: 'app/Dockerfile', text: '''FROM scratch\nCOPY rootfs/ /\n"
                + "RUN --mount=type=secret,id=token echo \"the token is $(cat /run/secrets/token)\" && cp /run/secrets/token /seen\n'''\n"
                + "sh '''cd app && " + TestJenkins.busyboxRootfs(env) + "'''\n";
    }

    private String buildkitCall(String image) {
        return "buildkitBuild(context: 'app', tags: ['" + image + "'], push: true, noCache: true,"
                + " outputs: ['type=local,dest=out'],"
                + " secrets: [[id: 'token', credentialsId: '" + TestJenkins.TOKEN + "']],"
                + " registryCredentials: [[registry: '" + env.registry + "', credentialsId: '" + TestJenkins.REGISTRY_LOGIN + "']])";
    }

    private WorkflowRun runPipeline(String script) throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        System.out.print(JenkinsRule.getLog(run));
        return run;
    }

    /** What a user checks after a push: the registry has the digest the step returned, the log masks the secret, the export landed. */
    private void assertPushed(WorkflowRun run, String repository, String tag, FilePath workspace) throws Exception {
        String log = JenkinsRule.getLog(run);
        HttpResponse<String> manifest = new RegistryClient(env).manifest(repository, tag);
        assertEquals(200, manifest.statusCode());
        String digest = manifest.headers().firstValue("Docker-Content-Digest").orElseThrow();
        assertThat(log, containsString("#0 building with \"shared\" instance using remote driver"));
        assertThat(log, containsString("the token is ****"));
        assertThat(log, not(containsString(SECRET)));
        assertThat(log, not(containsString(env.registryPassword)));
        assertThat(log, containsString("result digest=" + digest + " builder=shared images=[" + env.registry + "/" + repository + ":" + tag + "]"));
        assertEquals("the relative dest is in the workspace", SECRET, workspace.child("out/seen").readToString());
        assertFalse("nothing lands in the Jenkins process's directory", new File("out/seen").exists());
        BuildKitBuildAction action = run.getAction(BuildKitBuildAction.class);
        assertNotNull("the build page record", action);
        assertEquals(digest, action.getDigest());
        HtmlPage page = r.createWebClient().getPage(run);
        assertThat(page.asNormalizedText(), containsString(digest));
    }

    @Test
    public void scriptedPipelineOnAnAgentPushesWithAJenkinsLoginMasksTheSecretAndExportsIntoTheWorkspace() throws Exception {
        String tag = "scripted-" + System.nanoTime();
        String image = env.registry + "/jenkins/pipeline:" + tag;
        WorkflowRun run = runPipeline("node('linux') {\n" + prepareContext()
                + "def result = " + buildkitCall(image) + "\n"
                + "echo \"result digest=${result.digest} builder=${result.builder} images=${result.imageNames}\"\n"
                + "echo \"metadata digest=${result.metadata['containerimage.digest']}\"\n}\n");
        assertPushed(run, "jenkins/pipeline", tag, agent.getWorkspaceFor((WorkflowJob) run.getParent()).child("app").getParent());
        assertThat(JenkinsRule.getLog(run), containsString("metadata digest=" + run.getAction(BuildKitBuildAction.class).getDigest()));
    }

    @Test
    public void declarativePipelineOnTheBuiltInNodeAndOnAnAgent() throws Exception {
        String tag = "declarative-" + System.nanoTime();
        String image = env.registry + "/jenkins/declarative:" + tag;
        r.jenkins.setLabelString("controller");
        WorkflowRun run = runPipeline("pipeline {\n  agent none\n  stages {\n"
                + "    stage('built-in') {\n      agent { label 'controller' }\n      steps {\n        script {\n"
                + prepareContext()
                + "          def result = " + buildkitCall(image) + "\n"
                + "          echo \"result digest=${result.digest} builder=${result.builder} images=${result.imageNames}\"\n"
                + "        }\n      }\n    }\n"
                + "    stage('agent') {\n      agent { label 'linux' }\n      steps {\n"
                + prepareContext()
                + "        buildkitBuild context: 'app', tags: '" + env.registry + "/jenkins/declarative:agent-" + tag + "',"
                + " push: true, secrets: [[id: 'token', credentialsId: '" + TestJenkins.TOKEN + "']],"
                + " registryCredentials: [[registry: '" + env.registry + "', credentialsId: '" + TestJenkins.REGISTRY_LOGIN + "']]\n"
                + "      }\n    }\n  }\n}\n");
        // the first build ran on the built-in node: its workspace is the controller's
        assertPushed(run, "jenkins/declarative", tag, r.jenkins.getWorkspaceFor((WorkflowJob) run.getParent()));
        assertEquals(200, new RegistryClient(env).manifest("jenkins/declarative", "agent-" + tag).statusCode());
        assertEquals("one record per build", 2, run.getActions(BuildKitBuildAction.class).size());
    }

    /** A freestyle job as a script or an administrator writes its config.xml: only the fields it needs. */
    @Test
    public void freestyleStepOnAnAgentFromAHandWrittenConfigXml() throws Exception {
        String xml = "<project><assignedNode>linux</assignedNode><canRoam>false</canRoam><builders>"
                + "<hudson.tasks.Shell><command>mkdir -p app &amp;&amp; printf 'FROM scratch\\nCOPY a.txt /\\n' &gt; app/Dockerfile"
                + " &amp;&amp; echo hello &gt; app/a.txt</command></hudson.tasks.Shell>"
                + "<io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder><context>app</context>"
                + "<outputs>type=local,dest=out-$BUILD_NUMBER</outputs></io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>"
                + "</builders></project>";
        FreeStyleProject project = (FreeStyleProject) r.jenkins.createProjectFromXML("hand-written",
                new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        FreeStyleBuild build = r.buildAndAssertSuccess(project);
        System.out.print(JenkinsRule.getLog(build));
        assertEquals("hello\n", agent.getWorkspaceFor(project).child("out-1/a.txt").readToString());
        BuildKitBuildAction action = build.getAction(BuildKitBuildAction.class);
        assertNotNull(action);
        assertTrue("the freestyle step records the timeline too", action.getTimeline().getSteps().stream()
                .anyMatch(s -> s.getName().contains("COPY a.txt /")));
        assertThat(r.createWebClient().getPage(build).getWebResponse().getContentAsString(), containsString("class=\"buildkit-bar\""));
    }

    /** Credentials are looked up as the build's user: one who may not use a credential cannot build with it. */
    @Test
    public void aBuildRunningAsAUserWhoMayNotUseTheCredentialCannotBuildWithIt() throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, hudson.model.Item.BUILD, hudson.model.Item.READ, Computer.BUILD).everywhere().to("bob"));
        WorkflowJob job = r.createProject(WorkflowJob.class, "bobs-job");
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate(job.getFullName(), User.getById("bob", true).impersonate2()));
        job.setDefinition(new CpsFlowDefinition("node('linux') {\n" + prepareContext()
                + "buildkitBuild context: 'app', secrets: [[id: 'token', credentialsId: '" + TestJenkins.TOKEN + "']]\n}\n", true));
        WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
        String log = JenkinsRule.getLog(run);
        System.out.print(log);
        assertThat(log, containsString("secrets[0].credentialsId"));
        assertThat(log, containsString(TestJenkins.TOKEN));
        assertThat("refused before anything starts", log, not(containsString("#0 building with")));
        assertThat(log, not(containsString(SECRET)));
    }

    /**
     * A builder an administrator allows only for folder {@code team-a}: a job inside builds on it; a
     * job elsewhere fails before its build reaches an agent, and does not see the builder in its list.
     */
    @Test
    public void aBuilderAllowedForAFolderBuildsOnlyForJobsInIt() throws Exception {
        BuilderConfig restricted = TestJenkins.remoteBuilder("team-only", env);
        restricted.setAllowedJobs("team-a\n!team-a/sandbox");
        TestJenkins.useBuilders("shared", TestJenkins.remoteBuilder("shared", env), restricted);
        String script = "node('linux') {\nwriteFile file: 'Dockerfile', text: 'FROM scratch\\nCOPY a.txt /\\n'\n"
                + "writeFile file: 'a.txt', text: 'allowed'\n"
                + "buildkitBuild builder: 'team-only', outputs: ['type=local,dest=out']\n}\n";

        org.jvnet.hudson.test.MockFolder team = r.createFolder("team-a");
        WorkflowJob inside = team.createProject(WorkflowJob.class, "app");
        inside.setDefinition(new CpsFlowDefinition(script, true));
        WorkflowRun allowed = r.buildAndAssertSuccess(inside);
        assertEquals("allowed", agent.getWorkspaceFor(inside).child("out/a.txt").readToString());
        assertThat(JenkinsRule.getLog(allowed), containsString("building with \"team-only\""));

        for (WorkflowJob outside : List.of(r.createProject(WorkflowJob.class, "elsewhere"),
                team.createProject(WorkflowJob.class, "sandbox"))) {
            outside.setDefinition(new CpsFlowDefinition(script, true));
            WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, outside);
            String log = JenkinsRule.getLog(refused);
            assertThat(log, containsString("builder: builder \"team-only\" is not available to job \"" + outside.getFullName() + "\""));
            assertThat("refused before anything starts", log, not(containsString("#0 building with")));
            ListBoxModel listed = BuildKitGlobalConfiguration.builderItems(outside, null);
            assertFalse(outside.getFullName() + " does not list it",
                    listed.stream().anyMatch(o -> o.value.equals("team-only")));
        }
        assertTrue(BuildKitGlobalConfiguration.builderItems(inside, null).stream().anyMatch(o -> o.value.equals("team-only")));
    }

    /**
     * Relative paths are the step's working directory's and must stay in the workspace: inside
     * {@code dir('sub')}, {@code ..} is still the workspace; one more {@code ..} is refused before
     * anything starts, as is an export through a symbolic link in the workspace.
     */
    @Test
    public void relativePathsStayInTheWorkspace() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class, "paths");
        job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                + "writeFile file: 'Dockerfile', text: 'FROM scratch\\nCOPY a.txt /\\n'\n"
                + "writeFile file: 'a.txt', text: 'from the workspace root'\n"
                + "dir('sub') {\n  writeFile file: 'keep', text: ''\n"
                + "  buildkitBuild context: '..', outputs: ['type=local,dest=../out']\n}\n}\n", true));
        r.buildAndAssertSuccess(job);
        FilePath workspace = agent.getWorkspaceFor(job);
        assertEquals("from the workspace root", workspace.child("out/a.txt").readToString());

        for (String output : List.of("../../escaped", "linked")) {
            job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                    + "sh 'ln -sfn /tmp linked'\n"
                    + "dir('sub') {\n  buildkitBuild context: '..', outputs: ['type=local,dest=../" + output + "']\n}\n}\n", true));
            WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, job);
            String log = JenkinsRule.getLog(refused);
            assertThat(log, containsString("outputs: \"../" + output + "\""));
            assertThat(log, containsString(output.equals("linked") ? "passes through the symbolic link linked in the workspace"
                    : "leads out of the workspace"));
            assertThat("refused before anything starts", log, not(containsString("#0 building with")));
        }
        assertFalse(workspace.getParent().child("escaped").exists());
    }

    /** Aborting the build cancels the solve on the daemon, and the agent's executor is free again within seconds. */
    @Test
    public void abortingTheBuildCancelsTheSolveAndFreesTheExecutor() throws Exception {
        String marker = "sleep " + (300 + System.nanoTime() % 600);
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                + "writeFile file: 'app/Dockerfile', text: 'FROM scratch\\nCOPY rootfs/ /\\nRUN echo sleeping-now && " + marker + "\\n'\n"
                + "sh '''cd app && " + TestJenkins.busyboxRootfs(env) + "'''\n"
                + "buildkitBuild context: 'app', noCache: true\n}\n", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        r.waitForMessage("sleeping-now", run);
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Processes.running(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue("the RUN step runs", Processes.running(marker));
        long aborted = System.nanoTime();
        run.doStop();
        r.waitForCompletion(run);
        r.assertBuildStatus(Result.ABORTED, run);
        deadline = System.currentTimeMillis() + 10_000;
        while ((Processes.running(marker) || !agent.toComputer().isIdle()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        long tookMillis = (System.nanoTime() - aborted) / 1_000_000;
        System.out.print(JenkinsRule.getLog(run));
        assertFalse("the daemon still runs the RUN step " + tookMillis + " ms after the abort", Processes.running(marker));
        assertTrue("the agent's executor is free " + tookMillis + " ms after the abort", agent.toComputer().isIdle());
        assertTrue("took " + tookMillis + " ms", tookMillis < 10_000);
    }
}
