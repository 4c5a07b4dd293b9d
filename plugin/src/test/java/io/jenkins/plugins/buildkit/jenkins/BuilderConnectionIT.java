package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertNotNull;

import io.jenkins.plugins.buildkit.it.ContextFixtures;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Builders configured as in Manage Jenkins, with Credentials-plugin credentials, against the real
 * daemons: what "Test connection" reports, and builds over a certificate credential and SSH keys.
 */
public class BuilderConnectionIT {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private TestEnvironment env;
    private FakeCredentials credentials;

    @Before
    public void setUp() {
        env = TestEnvironment.require();
        credentials = new FakeCredentials().certificate("buildkit-client", env.pem("client.pem"), env.pem("client-key.pem"), "changeit");
    }

    private RemoteDriverConfig remote() {
        RemoteDriverConfig remote = new RemoteDriverConfig(env.address);
        remote.setCredentialsId("buildkit-client");
        remote.setCaCertificate(env.pem("ca.pem"));
        return remote;
    }

    @Test
    public void testConnectionReportsTheVersionAndPlatformsOfARemoteBuilderReachedWithACertificateCredential() throws Exception {
        RemoteDriverConfig remote = remote();
        String report = remote.probe(remote.toSpec("shared", null, null, List.of(), credentials));
        assertThat(report, containsString("BuildKit v0.34.2"));
        assertThat(report, containsString("linux/amd64"));
    }

    @Test
    public void testConnectionOfADockerContainerBuilderReachesTheEngineWithoutCreatingTheBuilder() throws Exception {
        DockerContainerDriverConfig container = new DockerContainerDriverConfig();
        String report = container.probe(container.toSpec("never-created", null, null, List.of(), credentials));
        assertThat(report, containsString("Docker Engine"));
        assertThat(report, containsString("buildx_buildkit_never-created0 is inactive: the builder's first build creates and starts it"));
        assertThat("no container was made", run(null, null, "inspect", "buildx_buildkit_never-created0"), containsString("No such"));
    }

    /** A docker-container builder set up as {@link TestJenkins#containerBuilder} does. */
    @Test
    public void aDockerContainerBuilderFromTheFormBuildsAndThenReportsItsBuildKit() throws Exception {
        String name = "jenkins-form-" + System.nanoTime();
        BuilderConfig builder = TestJenkins.containerBuilder(name);
        DockerContainerDriverConfig container = (DockerContainerDriverConfig) builder.getDriver();
        org.junit.Assert.assertEquals(List.of(), builder.problems());
        try {
            Path ws = tmp.newFolder("ctx").toPath();
            ContextFixtures.write(ws.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
            ContextFixtures.write(ws.resolve("hello.txt"), "hello\n");
            BuildKitStep step = new BuildKitStep();
            step.setOutputs(List.of("type=local,dest=" + ws.resolve("out")));
            Path log = tmp.newFile("container.log").toPath();
            BuildOutcome outcome = new AgentBuild(builder.toSpec(credentials), step.options(java.util.function.UnaryOperator.identity()), step.progressMode(), new ResolvedCredentials(),
                    Map.of(), new FileTaskListener(log.toString())).invoke(ws.toFile(), null);
            org.junit.Assert.assertEquals("hello\n", Files.readString(ws.resolve("out/hello.txt")));
            org.junit.Assert.assertEquals(List.of("linux/amd64"), outcome.platforms());
            assertThat(Files.readString(log), containsString("creating container buildx_buildkit_" + name + "0"));

            String report = container.probe(container.toSpec(name, null, null, List.of(), credentials));
            assertThat(report, containsString("Docker Engine"));
            assertThat(report, containsString("BuildKit v0.34.2"));
        } finally {
            removeBuilderContainer(name);
        }
    }

    /** The registry credential a build has also pulls its docker-container builder's image from that registry. */
    @Test
    public void theBuildsRegistryCredentialPullsTheBuildersPrivateImage() throws Exception {
        String local = System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local");
        String repo = env.registry + "/it/private-buildkit";
        String tag = "t" + System.nanoTime();
        String name = "jenkins-private-" + System.nanoTime();
        Path dockerConfig = tmp.newFolder("docker-config").toPath();
        docker(dockerConfig, env.registryPassword, "login", "-u", env.registryUser, "--password-stdin", env.registry);
        docker(dockerConfig, null, "tag", local, repo + ":" + tag);
        docker(dockerConfig, null, "push", repo + ":" + tag);
        docker(dockerConfig, null, "rmi", repo + ":" + tag);
        try {
            DockerContainerDriverConfig container = new DockerContainerDriverConfig();
            container.setImage(repo + ":" + tag);
            container.setNetwork("host");
            container.setPrivileged(false);
            BuilderConfig builder = new BuilderConfig(name, container);
            builder.setBuildkitdFlags("--oci-worker-net=host");
            credentials.usernamePassword("registry-login", env.registryUser, env.registryPassword);
            BuildKitStep step = new BuildKitStep();
            step.setRegistryCredentials(List.of(new RegistryCredential(env.registry, "registry-login")));
            Path ws = tmp.newFolder("private").toPath();
            ContextFixtures.write(ws.resolve("Dockerfile"), "FROM scratch\nCOPY a.txt /\n");
            ContextFixtures.write(ws.resolve("a.txt"), "a\n");
            step.setOutputs(List.of("type=local,dest=" + ws.resolve("out")));
            Path log = tmp.newFile("private.log").toPath();
            ResolvedCredentials resolved = CredentialResolver.resolve(List.of(), List.of(), step.getRegistryCredentials(), credentials);
            new AgentBuild(builder.toSpec(credentials), step.options(java.util.function.UnaryOperator.identity()), step.progressMode(), resolved, Map.of(),
                    new FileTaskListener(log.toString())).invoke(ws.toFile(), null);
            String text = Files.readString(log, StandardCharsets.UTF_8);
            System.out.print(text);
            assertThat(text, containsString("pulling " + repo + ":" + tag));
            assertThat(text, containsString("Digest: sha256:"));
            org.junit.Assert.assertEquals("a\n", Files.readString(ws.resolve("out/a.txt")));
            assertThat(text, org.hamcrest.CoreMatchers.not(containsString(env.registryPassword)));
        } finally {
            removeBuilderContainer(name);
            run(null, null, "image", "rm", "-f", repo + ":" + tag);
        }
    }

    @Test
    public void sshKeyCredentialIsForwardedToTheBuild() throws Exception {
        String agentcheck = System.getenv("BUILDKIT_TEST_AGENTCHECK");
        Assume.assumeTrue("the test environment builds agentcheck", agentcheck != null || System.getenv("CI") != null);
        Path ws = tmp.newFolder("ws").toPath();
        ContextFixtures.write(ws.resolve("Dockerfile"), "FROM scratch\nCOPY rootfs/ /\nRUN --mount=type=ssh,id=git /bin/agentcheck\n");
        ContextFixtures.addBusyboxRootfs(ws, env.busybox);
        Files.copy(Path.of(agentcheck), ws.resolve("rootfs/bin/agentcheck"));
        Files.setPosixFilePermissions(ws.resolve("rootfs/bin/agentcheck"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String keyFile = System.getenv("BUILDKIT_TEST_SSH_KEY");
        credentials.sshKey("deploy-key", Files.readString(Path.of(keyFile)), null);

        BuildKitStep step = new BuildKitStep();
        step.setNoCache(true);
        step.setSsh(List.of(new SshForward("git", "deploy-key")));
        BuilderConfig builder = new BuilderConfig("shared", remote());
        Path log = tmp.newFile("log").toPath();
        ResolvedCredentials resolved = CredentialResolver.resolve(List.of(), step.getSsh(), List.of(), credentials);
        BuildOutcome outcome = new AgentBuild(builder.toSpec(credentials), step.options(java.util.function.UnaryOperator.identity()), step.progressMode(), resolved, Map.of(),
                new FileTaskListener(log.toString())).invoke(ws.toFile(), null);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(text);
        String fingerprint = new String(new ProcessBuilder("ssh-keygen", "-lf", keyFile + ".pub").start().getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).split(" ")[1];
        assertThat(text, containsString("agentcheck: key " + fingerprint));
        assertThat(text, containsString("agentcheck: signature verified"));
        assertNotNull(outcome);
    }

    /** Removes what a docker-container builder leaves, if anything (a test may fail before it exists). */
    static void removeBuilderContainer(String name) throws Exception {
        run(null, null, "rm", "-f", "-v", "buildx_buildkit_" + name + "0");
        run(null, null, "volume", "rm", "-f", "buildx_buildkit_" + name + "0_state");
    }

    private static void docker(Path config, String stdin, String... args) throws Exception {
        String failure = run(config, stdin, args);
        if (failure != null) {
            throw new AssertionError(failure);
        }
    }

    /**
     * The Docker CLI, with a configuration directory of the test's own when given (so that a login
     * stays there); its output goes to a file, so that a hung command still ends at the bound.
     *
     * @return null on success, else what failed and the command's output
     */
    private static String run(Path config, String stdin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("docker"));
        if (config != null) {
            command.addAll(List.of("--config", config.toString()));
        }
        command.addAll(List.of(args));
        Path out = Files.createTempFile("docker", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not end within 120 s: " + Files.readString(out));
            }
            return p.exitValue() == 0 ? null : command + " failed: " + Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
