package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import hudson.model.Label;
import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;

/** {@code buildkitBuild} on a kubernetes builder of a real Jenkins, on an agent, against the real single-node cluster. */
public class KubernetesBuildIT {
    private final JenkinsRule r = new JenkinsRule();

    @Rule
    public RuleChain rules = RuleChain.outerRule(new ClassFilterGuard()).around(r);

    private static final String SECRET = "k8s-tok-" + System.nanoTime() + "-value";
    private static final String KUBECONFIG = "cluster-kubeconfig";

    private final String builderName = "jenkins-" + Long.toHexString(System.nanoTime());
    private TestEnvironment env;
    private BuilderConfig builder;
    private DumbSlave agent;

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        String path = System.getenv("BUILDKIT_TEST_KUBECONFIG");
        if (path == null) {
            if (System.getenv("CI") != null) {
                fail("BUILDKIT_TEST_KUBECONFIG is not set: run the tests through ci/test.sh");
            }
            assumeTrue("no test cluster (bash ci/k8s/up.sh, then . /tmp/buildkit-k8s/env.sh)", false);
        }
        StoredCredentials.secretFile(KUBECONFIG, Files.readString(Path.of(path)));
        StoredCredentials.secretText(TestJenkins.TOKEN, SECRET);
        KubernetesDriverConfig kubernetes = new KubernetesDriverConfig();
        kubernetes.setKubeconfigCredentialsId(KUBECONFIG);
        kubernetes.setImage(System.getenv().getOrDefault("BUILDKIT_TEST_K8S_BUILDKIT_IMAGE", "docker.io/moby/buildkit:buildx-stable-1"));
        kubernetes.setOptions("loadbalance=sticky\ntimeout=90");
        builder = new BuilderConfig(builderName, kubernetes);
        TestJenkins.useBuilders(builderName, builder);
        agent = r.createOnlineSlave(Label.get("linux"));
    }

    @After
    public void removeTheBuilder() throws Exception {
        builder.toSpec(CredentialLookup.system()).create(Map.of()).remove(false, false);
    }

    @Test
    public void aPipelineBuildsInAPodWithTheSecretMaskedAndExportsIntoTheWorkspace() throws Exception {
        WorkflowJob job = r.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                + "writeFile file: 'app/Dockerfile', text: '''FROM scratch\nCOPY rootfs/ /\n"
                + "RUN --mount=type=secret,id=token echo \"the token is $(cat /run/secrets/token)\" && cp /run/secrets/token /seen\n'''\n"
                + "sh '''cd app && " + TestJenkins.busyboxRootfs(env) + "'''\n"
                + "buildkitBuild context: 'app', noCache: true, outputs: ['type=local,dest=out'],"
                + " secrets: [[id: 'token', credentialsId: '" + TestJenkins.TOKEN + "']]\n"
                + "}", true));
        assertThat("Test connection makes nothing", testConnection(), containsString("does not exist yet"));
        WorkflowRun run = r.buildAndAssertSuccess(job);
        String log = JenkinsRule.getLog(run);
        System.out.print(log);
        assertThat(log, containsString("#0 building with \"" + builderName + "\" instance using kubernetes driver"));
        assertThat(log, containsString("created deployment default/" + builderName));
        assertThat(log, containsString("the token is ****"));
        assertThat(log, not(containsString(SECRET)));
        assertEquals("the RUN step's file landed in the agent's workspace", SECRET,
                agent.getWorkspaceFor(job).child("out/seen").readToString());
        assertThat(testConnection(), containsString("1/1 pods ready; pod " + builderName + "-"));
    }

    /** The builder form's "Test connection", as an administrator presses it. */
    private String testConnection() {
        hudson.util.FormValidation result = r.jenkins.getDescriptorByType(KubernetesDriverConfig.DescriptorImpl.class)
                .doTestConnection(KUBECONFIG, null, null, null, null, "loadbalance=sticky\ntimeout=90", builderName);
        assertEquals(result.renderHtml(), hudson.util.FormValidation.Kind.OK, result.kind);
        assertThat(result.getMessage(), containsString("Kubernetes v1."));
        return result.getMessage();
    }
}
