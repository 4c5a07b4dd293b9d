package io.jenkins.plugins.buildkit.jenkins;

import io.jenkins.plugins.buildkit.build.ResolvedCredentials;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import io.jenkins.plugins.buildkit.build.OutputSpec;
import io.jenkins.plugins.buildkit.build.SolveRequests;
import io.jenkins.plugins.buildkit.wire.control.SolveRequest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The {@code buildkitBuild} step's parameters, as they reach BuildKit, and its refusals. */
public class BuildKitStepTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private File workspace;

    @Before
    public void workspace() throws Exception {
        workspace = tmp.newFolder("ws");
        Files.createDirectories(workspace.toPath().resolve("app"));
        Files.writeString(workspace.toPath().resolve("app/Dockerfile.prod"), "FROM scratch\n");
    }

    private static BuildKitStep everyParameter() {
        BuildKitStep step = new BuildKitStep();
        step.setBuilder("ci");
        step.setContext("app");
        step.setFile("app/Dockerfile.prod");
        step.setTarget("runtime");
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("VERSION", 42);
        args.put("MODE", "release");
        step.setBuildArgs(args);
        step.setLabels(Map.of("org.opencontainers.image.source", "https://example.com/app"));
        step.setPlatforms(List.of("linux/amd64", "linux/arm64"));
        step.setTags(List.of("registry.example.com/app:1", "registry.example.com/app:latest"));
        step.setPush(true);
        step.setOutputs(List.of("type=local,dest=out"));
        step.setCacheFrom(List.of("type=registry,ref=registry.example.com/app:cache"));
        step.setCacheTo(List.of("type=registry,ref=registry.example.com/app:cache,mode=max"));
        step.setNoCache(true);
        step.setPull(true);
        step.setProgress("rawjson");
        step.setBuildContexts(Map.of("shared", "app", "base", "docker-image://alpine:3.20"));
        step.setNetwork("none");
        step.setAddHosts(List.of("db:10.0.0.5"));
        step.setAllow("security.insecure");
        step.setProvenance("mode=max");
        step.setAnnotations("org.opencontainers.image.vendor=Example");
        step.setSecrets(List.of(new BuildSecret("npmrc", "npm-token")));
        step.setSsh(List.of(new SshForward(null, "deploy-key")));
        step.setRegistryCredentials(List.of(new RegistryCredential("registry.example.com", "registry-login")));
        return step;
    }

    private static FakeCredentials credentials() {
        return new FakeCredentials().secretText("npm-token", "npm-secret-value")
                .sshKey("deploy-key", FakeCredentials.newOpenSshKey(), null)
                .usernamePassword("registry-login", "ci", "registry-password");
    }

    /** As BuildKitRunner and AgentBuild make it: the progress mode is checked first. */
    private BuildSpec spec(BuildKitStep step, FakeCredentials creds) throws Exception {
        step.progressMode();
        ResolvedCredentials resolved = CredentialResolver.resolve(step.getSecrets(), step.getSsh(), step.getRegistryCredentials(), creds);
        return AgentBuild.spec(step.options(java.util.function.UnaryOperator.identity()), workspace, java.util.Map.of(), resolved, List.of());
    }

    @Test
    public void everyParameterReachesTheSolveRequest() throws Exception {
        BuildKitStep step = everyParameter();
        BuildSpec spec = spec(step, credentials());
        SolveRequest req = SolveRequests.prepare(spec, true).request();
        Map<String, String> attrs = req.getFrontendAttrsMap();

        assertEquals(new File(workspace, "app").getPath(), spec.contextDir().toString());
        assertEquals("Dockerfile.prod", attrs.get("filename"));
        assertEquals("runtime", attrs.get("target"));
        assertEquals("42", attrs.get("build-arg:VERSION"));
        assertEquals("release", attrs.get("build-arg:MODE"));
        assertEquals("https://example.com/app", attrs.get("label:org.opencontainers.image.source"));
        assertEquals("linux/amd64,linux/arm64", attrs.get("platform"));
        assertTrue(attrs.containsKey("no-cache"));
        assertEquals("pull", attrs.get("image-resolve-mode"));
        assertThat(attrs.get("cache-imports"), containsString("registry.example.com/app:cache"));
        assertEquals("registry", req.getCache().getExports(0).getType());
        assertEquals("max", req.getCache().getExports(0).getAttrsMap().get("mode"));

        List<OutputSpec> outputs = spec.resolvedOutputs();
        assertEquals("local", outputs.get(0).type());
        OutputSpec image = outputs.stream().filter(o -> o.type().equals("image")).findFirst().orElseThrow();
        assertEquals("registry.example.com/app:1,registry.example.com/app:latest", image.attrs().get("name"));
        assertEquals("true", image.attrs().get("push"));

        assertEquals("npmrc", spec.secrets().get(0).id());
        assertEquals("npm-secret-value", new String(spec.secrets().get(0).value(), StandardCharsets.UTF_8));
        assertEquals("default", spec.sshSources().get(0).id());
        assertEquals(1, spec.registryCredentials().size());
        assertEquals("ci", spec.registryCredentials().get("registry.example.com").username());
        assertEquals("rawjson", step.progressMode().name().toLowerCase());
        assertEquals("local:shared", attrs.get("context:shared"));
        assertEquals("a directory context is taken from the workspace", "app", attrs.get("sharedkey:localdir:shared"));
        assertEquals("docker-image://alpine:3.20", attrs.get("context:base"));
        assertEquals("none", attrs.get("force-network-mode"));
        assertEquals("db=10.0.0.5", attrs.get("add-hosts"));
        assertEquals(List.of("security.insecure"), req.getEntitlementsList());
        assertEquals("type=provenance,mode=max", attrs.get("attest:provenance"));
        assertEquals("Example", req.getExporters(0).getAttrsMap().get("annotation.org.opencontainers.image.vendor"));
    }

    /** {@code noCacheFilter} names the stages to rebuild; {@code noCache} rebuilds everything and wins, as in Buildx. */
    @Test
    public void noCacheFilterNamesTheStagesToRebuild() throws Exception {
        BuildKitStep step = new BuildKitStep();
        step.setContext("app");
        step.setFile("app/Dockerfile.prod");
        step.setNoCacheFilter(List.of("deps", "test"));
        assertEquals("deps,test", SolveRequests.prepare(spec(step, new FakeCredentials()), true).request().getFrontendAttrsMap().get("no-cache"));
        step.setNoCacheFilter("deps,test");
        assertEquals(List.of("deps", "test"), step.getNoCacheFilter());
        step.setNoCache(true);
        assertEquals("", SolveRequests.prepare(spec(step, new FakeCredentials()), true).request().getFrontendAttrsMap().get("no-cache"));
    }

    @Test
    public void loadAddsADockerOutputAndDefaultsFollowBuildx() throws Exception {
        BuildKitStep step = new BuildKitStep();
        step.setContext("app");
        step.setFile("app/Dockerfile.prod");
        step.setLoad(true);
        BuildSpec spec = spec(step, new FakeCredentials());
        assertEquals("docker", spec.resolvedOutputs().get(0).type());
        assertEquals(List.of(), spec.platforms());
        assertEquals("plain", step.getProgress());
        assertEquals(".", new BuildKitStep().getContext());
        assertFalse(new BuildKitStep().isPush());
    }

    @Test
    public void theBuildersFixedPlatformsApplyWhenTheStepNamesNone() throws Exception {
        BuildKitStep step = new BuildKitStep();
        step.setContext("app");
        step.setFile("app/Dockerfile.prod");
        BuildSpec spec = AgentBuild.spec(step.options(java.util.function.UnaryOperator.identity()), workspace, java.util.Map.of(), new ResolvedCredentials(), List.of("linux/arm64"));
        assertEquals(List.of("linux/arm64"), spec.platforms());
        step.setPlatforms(List.of("linux/amd64"));
        assertEquals(List.of("linux/amd64"), AgentBuild.spec(step.options(java.util.function.UnaryOperator.identity()), workspace, java.util.Map.of(), new ResolvedCredentials(), List.of("linux/arm64")).platforms());
    }

    private static void assertRefused(String expected, ThrowingRunnable r) {
        try {
            r.run();
            fail("expected a refusal naming " + expected);
        } catch (InvalidRequestException e) {
            assertThat(e.getMessage(), containsString(expected));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    public void badValuesAreRefusedNamingTheParameter() {
        assertRefused("platforms: invalid platform \"linux\"", () -> {
            BuildKitStep s = everyParameter();
            s.setPlatforms(List.of("linux"));
            spec(s, credentials());
        });
        assertRefused("tags:", () -> {
            BuildKitStep s = everyParameter();
            s.setTags(List.of("Not A Tag"));
            spec(s, credentials());
        });
        assertRefused("outputs:", () -> {
            BuildKitStep s = everyParameter();
            s.setOutputs(List.of("type=floppy"));
            spec(s, credentials());
        });
        assertRefused("cacheTo:", () -> {
            BuildKitStep s = everyParameter();
            s.setCacheTo(List.of("type=bogus"));
            spec(s, credentials());
        });
        assertRefused("progress: unknown mode \"fancy\"", () -> {
            BuildKitStep s = everyParameter();
            s.setProgress("fancy");
            spec(s, credentials());
        });
        assertRefused("context:", () -> {
            BuildKitStep s = everyParameter();
            s.setContext("missing-dir");
            spec(s, credentials());
        });
        assertRefused("secrets[0].credentialsId: no credentials with id \"nope\"", () -> {
            BuildKitStep s = everyParameter();
            s.setSecrets(List.of(new BuildSecret("npmrc", "nope")));
            spec(s, credentials());
        });
        assertRefused("registryCredentials[0].credentialsId: \"npm-token\" is a Secret text credential; expected a Username with password credential",
                () -> {
                    BuildKitStep s = everyParameter();
                    s.setRegistryCredentials(List.of(new RegistryCredential("registry.example.com", "npm-token")));
                    spec(s, credentials());
                });
        assertRefused("ssh[0].credentialsId: \"registry-login\" is a Username with password credential; expected an SSH",
                () -> {
                    BuildKitStep s = everyParameter();
                    s.setSsh(List.of(new SshForward("default", "registry-login")));
                    spec(s, credentials());
                });
        assertRefused("secrets[0].id: required", () -> {
            BuildKitStep s = everyParameter();
            s.setSecrets(List.of(new BuildSecret(" ", "npm-token")));
            spec(s, credentials());
        });
    }

    @Test
    public void listParametersTakeAListOrOneString() throws Exception {
        BuildKitStep step = new BuildKitStep();
        step.setContext("app");
        step.setFile("app/Dockerfile.prod");
        step.setTags("registry.example.com/app:7");
        step.setPlatforms("linux/amd64,linux/arm64");
        step.setOutputs("type=local,dest=a\ntype=tar,dest=b.tar");
        assertEquals(List.of("registry.example.com/app:7"), step.getTags());
        BuildSpec spec = AgentBuild.spec(step.options(java.util.function.UnaryOperator.identity()), workspace, java.util.Map.of(), new ResolvedCredentials(), List.of());
        assertEquals(List.of("linux/amd64", "linux/arm64"), spec.platforms());
        assertEquals(2, spec.resolvedOutputs().stream().filter(o -> !o.type().equals("image")).count());
        try {
            step.setCacheTo(Map.of("type", "inline"));
            fail();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("cacheTo: expected a list of strings or a string"));
        }
    }

    @Test
    public void mapParametersTakeWhatAScriptWrites() {
        BuildKitStep step = new BuildKitStep();
        step.setBuildArgs(List.of("A=1", "B=x=y"));
        assertEquals(Map.of("A", "1", "B", "x=y"), step.getBuildArgs());
        step.setLabels("team=build\nempty");
        assertEquals(Map.of("team", "build", "empty", ""), step.getLabels());
        try {
            step.setBuildArgs(42);
            fail();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString("buildArgs: expected a map"));
        }
    }

    @Test
    public void anUnknownBuilderIsRefusedNamingTheBuilders() {
        List<BuilderConfig> builders = List.of(new BuilderConfig("ci", new RemoteDriverConfig("tcp://127.0.0.1:1234")),
                new BuilderConfig("arm", new DockerContainerDriverConfig()));
        assertRefused("builder: no BuildKit builder named \"nope\" (builders: ci, arm)",
                () -> BuilderConfig.select(builders, "ci", "nope"));
        assertRefused("builder: required, as no default builder is set (builders: ci, arm)",
                () -> BuilderConfig.select(builders, null, null));
        assertRefused("builder: no BuildKit builders are configured", () -> BuilderConfig.select(List.of(), null, "x"));
        try {
            assertEquals("ci", BuilderConfig.select(builders, "ci", null).getName());
            assertEquals("arm", BuilderConfig.select(builders, "ci", "arm").getName());
            assertNotNull(BuilderConfig.select(builders.subList(0, 1), null, ""));
        } catch (InvalidRequestException e) {
            throw new AssertionError(e);
        }
    }
}
