package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.TestBuilder;

/**
 * Builds on a real agent (its own JVM) against the real daemon, with a certificate credential of
 * the system store: what Remoting carries both ways (the build to the agent, its outcome or its
 * refusal back) passes the controller's JEP-200 class filter, and the build page shows the record.
 */
public class JenkinsAgentBuildIT {
    private final JenkinsRule r = new JenkinsRule();
    private final ClassFilterGuard classFilter = new ClassFilterGuard();

    @Rule
    public RuleChain rules = RuleChain.outerRule(classFilter).around(r);

    private DumbSlave agent;

    @Before
    public void setUp() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        StoredCredentials.certificate("buildkit-client", env.pem("client.pem"), env.pem("client-key.pem"));
        RemoteDriverConfig remote = new RemoteDriverConfig(env.address);
        remote.setCredentialsId("buildkit-client");
        remote.setCaCertificate(env.pem("ca.pem"));
        BuildKitGlobalConfiguration.get().setBuilders(List.of(new BuilderConfig("ci", remote)));
        agent = r.createOnlineSlave(r.jenkins.getLabel("buildkit-agent"));
    }

    @Test
    public void freestyleBuildOnAnAgent() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("image");
        p.setAssignedNode(agent);
        p.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws java.io.IOException,
                    InterruptedException {
                build.getWorkspace().child("app/Dockerfile").write("FROM scratch\nCOPY hello.txt /hello.txt\n", "UTF-8");
                build.getWorkspace().child("app/hello.txt").write("hello from build " + build.getNumber() + "\n", "UTF-8");
                return true;
            }
        });
        BuildKitBuilder step = new BuildKitBuilder();
        step.getParameters().setContext("app");
        p.getBuildersList().add(step);
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        assertEquals(agent, b.getBuiltOn());
        BuildKitBuildAction action = b.getAction(BuildKitBuildAction.class);
        assertNotNull(action);
        assertEquals("ci (remote)", action.getBuilder());
        assertThat(r.createWebClient().getPage(b).asNormalizedText(), containsString("BuildKit build on ci (remote)"));

        // a refusal made on the agent (a core exception) comes back as the build's failure
        step.getParameters().setContext("no-such-dir");
        FreeStyleBuild failed = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("no-such-dir", failed);
        assertNull(failed.getAction(BuildKitBuildAction.class));
    }

    @Test
    public void pipelineBuildOnAnAgentReturnsItsResult() throws Exception {
        WorkflowJob p = r.createProject(WorkflowJob.class, "pipeline");
        p.setDefinition(new CpsFlowDefinition("node('buildkit-agent') {\n"
                + "  writeFile file: 'Dockerfile', text: 'FROM scratch\\nCOPY hello.txt /hello.txt\\n'\n"
                + "  writeFile file: 'hello.txt', text: \"hello ${env.BUILD_NUMBER}\\n\"\n"
                + "  def result = buildkitBuild(builder: 'ci', buildArgs: [A: '1'])\n"
                + "  echo \"built on ${result.builder} for ${result.platforms.size()} platform(s)\"\n"
                + "}\n", true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("built on ci for ", b);
        assertNotNull(b.getAction(BuildKitBuildAction.class));
    }
}
