package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.driver.DriverSpec;
import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import io.jenkins.plugins.buildkit.client.SecretValue;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import hudson.AbortException;
import io.jenkins.plugins.buildkit.it.ContextFixtures;
import io.jenkins.plugins.buildkit.it.RegistryClient;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The agent's half of {@code buildkitBuild}: the callable that FilePath.act ships, run against the
 * real buildkitd and registry, with credentials resolved from Credentials-plugin types.
 */
public class AgentBuildIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private Path workspace;
    private Path log;

    @Before
    public void setUp() throws IOException {
        env = TestEnvironment.require();
        workspace = tmp.newFolder("workspace").toPath();
        log = tmp.newFile("build.log").toPath();
    }

    private DriverSpec remoteBuilder() {
        return new DriverSpec(io.jenkins.plugins.buildkit.driver.DriverKind.REMOTE, "ci", List.of(), env.address, new DriverSpec.Tls(env.pem("ca.pem"),
                env.pem("client.pem"), SecretValue.of(env.pem("client-key.pem")), null, null, null, null), Map.of(), null);
    }

    private String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private AgentBuild agentBuild(BuildKitStep step, FakeCredentials credentials) throws Exception {
        ResolvedCredentials resolved = CredentialResolver.resolve(step.getSecrets(), step.getSsh(),
                step.getRegistryCredentials(), credentials);
        return new AgentBuild(remoteBuilder(), step.options(java.util.function.UnaryOperator.identity()), step.progressMode(), resolved, Map.of(), new FileTaskListener(log.toString()));
    }

    private static final String SECRET = "tok-" + System.nanoTime() + "-value";

    private BuildKitStep secretStep(String dockerfileTail) throws IOException {
        ContextFixtures.write(workspace.resolve("app/Dockerfile"), "FROM scratch\nCOPY rootfs/ /\n"
                + "RUN --mount=type=secret,id=token echo \"the token is $(cat /run/secrets/token)\" && cp /run/secrets/token /seen\n"
                + dockerfileTail);
        ContextFixtures.addBusyboxRootfs(workspace.resolve("app"), env.busybox);
        BuildKitStep step = new BuildKitStep();
        step.setContext("app");
        // A secret takes no part in the cache key: without this the RUN step could come from cache.
        step.setNoCache(true);
        step.setSecrets(List.of(new BuildSecret("token", "token-credential")));
        return step;
    }

    @Test
    public void pushesWithTheRegistryCredentialReportsTheDigestAndMasksEverySecret() throws Exception {
        BuildKitStep step = secretStep("");
        String image = env.registry + "/jenkins/agent-build:" + System.nanoTime();
        step.setTags(List.of(image));
        step.setPush(true);
        step.setRegistryCredentials(List.of(new RegistryCredential(env.registry, "registry-login")));
        FakeCredentials credentials = new FakeCredentials().secretText("token-credential", SECRET)
                .usernamePassword("registry-login", env.registryUser, env.registryPassword);

        BuildOutcome outcome = agentBuild(step, credentials).invoke(workspace.toFile(), null);
        System.out.print(logText());

        String tag = image.substring(image.lastIndexOf(':') + 1);
        HttpResponse<String> manifest = new RegistryClient(env).manifest("jenkins/agent-build", tag);
        assertEquals(200, manifest.statusCode());
        assertEquals(manifest.headers().firstValue("Docker-Content-Digest").orElseThrow(), outcome.digest());
        assertEquals(List.of(image), outcome.imageNames());
        assertEquals("ci", outcome.builderName());
        assertEquals(outcome.digest(), outcome.toStepResult().get("digest"));
        assertThat(logText(), containsString("the token is ****"));
        assertThat(logText(), not(containsString(SECRET)));
        assertThat(logText(), not(containsString(env.registryPassword)));
    }

    @Test
    public void aLoginForAnotherRegistryIsNotOfferedToThisOne() throws Exception {
        BuildKitStep step = secretStep("");
        step.setTags(List.of(env.registry + "/jenkins/agent-build:other-login"));
        step.setPush(true);
        step.setRegistryCredentials(List.of(new RegistryCredential("registry.example.com", "registry-login")));
        FakeCredentials credentials = new FakeCredentials().secretText("token-credential", SECRET)
                .usernamePassword("registry-login", env.registryUser, env.registryPassword);
        try {
            agentBuild(step, credentials).invoke(workspace.toFile(), null);
            fail("the push must fail without credentials for " + env.registry);
        } catch (AbortException e) {
            assertThat(e.getMessage(), containsString("buildkitBuild on builder ci"));
            assertThat(e.getMessage().toLowerCase(), containsString("unauthorized"));
        }
    }

    @Test
    public void anInterruptCancelsTheSolve() throws Exception {
        BuildKitStep step = secretStep("RUN echo sleeping-now && sleep 120\n");
        AgentBuild build = agentBuild(step, new FakeCredentials().secretText("token-credential", SECRET));
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                build.invoke(workspace.toFile(), null);
            } catch (Throwable e) {
                thrown[0] = e;
            }
        });
        t.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!logText().contains("sleeping-now") && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(logText(), containsString("sleeping-now"));
        long interrupted = System.nanoTime();
        t.interrupt();
        t.join(20_000);
        assertTrue("the build ends soon after the interrupt", !t.isAlive());
        assertTrue("ended within 10 s, took " + (System.nanoTime() - interrupted) / 1_000_000 + " ms",
                System.nanoTime() - interrupted < 10_000_000_000L);
        assertTrue("the build failed: " + thrown[0], thrown[0] instanceof InterruptedException || thrown[0] instanceof IOException);
    }
}
