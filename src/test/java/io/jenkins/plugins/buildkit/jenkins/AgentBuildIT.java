package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import hudson.AbortException;
import io.jenkins.plugins.buildkit.it.ContextFixtures;
import io.jenkins.plugins.buildkit.it.PackagedPlugin;
import io.jenkins.plugins.buildkit.it.RegistryClient;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
        return new RemoteDriverConfig.Spec("ci", List.of(), env.address, new DriverSpec.Tls(env.pem("ca.pem"),
                env.pem("client.pem"), SecretValue.of(env.pem("client-key.pem")), null, null, null, null));
    }

    private String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private AgentBuild agentBuild(BuildKitStep step, FakeCredentials credentials) throws Exception {
        ResolvedCredentials resolved = CredentialResolver.resolve(step.getSecrets(), step.getSsh(),
                step.getRegistryCredentials(), credentials);
        return new AgentBuild(remoteBuilder(), step.toRequest(), resolved, Map.of(), new FileTaskListener(log.toString()));
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
    public void pushesWithTheRegistryLoginReportsTheDigestAndMasksEverySecret() throws Exception {
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

    /**
     * What a real agent does: the callable arrives serialized and runs from the plugin's packaged,
     * relocated jar, with only Jenkins's classes (here the API mirror, SLF4J and JNA) beside it.
     */
    private void runFromPackagedPlugin(AgentBuild build) throws Exception {
        org.junit.Assume.assumeTrue("the plugin is packaged (mvn verify)", Files.exists(PackagedPlugin.JAR) || System.getenv("CI") != null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(build);
        }
        try (PackagedPlugin packaged = new PackagedPlugin(PackagedPlugin.JAR)) {
            ClassLoader agent = packaged.loader();
            Object callable;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
                @Override
                protected Class<?> resolveClass(ObjectStreamClass desc) throws ClassNotFoundException {
                    return Class.forName(desc.getName(), false, agent);
                }
            }) {
                callable = in.readObject();
            }
            assertEquals(PackagedPlugin.JAR.toUri().toURL(), callable.getClass().getProtectionDomain().getCodeSource().getLocation());
            Method invoke = callable.getClass().getMethod("invoke", File.class, agent.loadClass("hudson.remoting.VirtualChannel"));
            packaged.withBouncyCastleApi(() -> {
                try {
                    return invoke.invoke(callable, workspace.toFile(), null);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(e.getCause());
                } finally {
                    System.out.print(logText());
                }
            });
        }
    }

    /** gRPC and protobuf from the relocated jar, Bouncy Castle (mutual TLS) as the bouncycastle-api plugin provides it. */
    @Test
    public void theSerializedCallableRunsFromThePackagedPlugin() throws Exception {
        BuildKitStep step = secretStep("");
        step.setOutputs(List.of("type=local,dest=" + workspace.resolve("out")));
        runFromPackagedPlugin(agentBuild(step, new FakeCredentials().secretText("token-credential", SECRET)));
        assertEquals(SECRET, Files.readString(workspace.resolve("out/seen")));
        assertThat(logText(), containsString("the token is ****"));
        assertThat(logText(), not(containsString(SECRET)));
    }

    /**
     * docker-java (relocated Jackson) and MINA SSHD (the ssh-agent, an ed25519 key) from the relocated
     * jar, on the docker driver, with Jenkins's "BC" provider registered JVM-wide.
     */
    @Test
    public void thePackagedPluginBuildsOnTheDockerDriverWithAnSshKey() throws Exception {
        String agentcheck = System.getenv("BUILDKIT_TEST_AGENTCHECK");
        org.junit.Assume.assumeTrue("the test environment builds agentcheck", agentcheck != null || System.getenv("CI") != null);
        ContextFixtures.write(workspace.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN --mount=type=ssh /bin/agentcheck\n");
        ContextFixtures.addBusyboxRootfs(workspace, env.busybox);
        Files.copy(Path.of(agentcheck), workspace.resolve("rootfs/bin/agentcheck"));
        java.nio.file.Files.setPosixFilePermissions(workspace.resolve("rootfs/bin/agentcheck"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        BuildKitStep step = new BuildKitStep();
        step.setNoCache(true);
        String image = "buildkit-jenkins-test/packaged-ssh:" + System.nanoTime();
        step.setTags(List.of(image));
        step.setSsh(List.of(new SshForward(null, "deploy-key")));
        FakeCredentials credentials = new FakeCredentials()
                .sshKey("deploy-key", Files.readString(Path.of(System.getenv("BUILDKIT_TEST_SSH_KEY"))), null);
        ResolvedCredentials resolved = CredentialResolver.resolve(List.of(), step.getSsh(), List.of(), credentials);
        DriverSpec docker = new DockerDriverConfig.Spec("engine", List.of(), null, null);
        runFromPackagedPlugin(new AgentBuild(docker, step.toRequest(), resolved, Map.of(), new FileTaskListener(log.toString())));
        assertThat(logText(), containsString("agentcheck: signature verified"));
        Process inspect = new ProcessBuilder("docker", "image", "inspect", image).start();
        assertEquals("the image is in the engine", 0, inspect.waitFor());
        new ProcessBuilder("docker", "image", "rm", image).start().waitFor();
    }


}
