package io.jenkins.plugins.buildkit.build;

import io.jenkins.plugins.buildkit.client.BuildKitException;
import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.buildkit.client.RegistryCredential;
import io.jenkins.plugins.buildkit.wire.control.SolveRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BuildSpecTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path ctx;

    @Before
    public void context() throws IOException {
        ctx = tmp.newFolder("ctx").toPath();
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\n");
    }

    private List<String> problems(UnaryOperator<BuildSpec.Builder> edit) {
        return edit.apply(BuildSpec.builder().context(ctx.toString())).build().problems().stream().map(BuildSpec.Problem::toString).toList();
    }

    /** Each bad value gives exactly one problem that names the field and the value. */
    /**
     * On Jenkins the working directory is the workspace, not the agent process's: every relative path
     * a user gives resolves against it, as Buildx resolves them against the directory it runs in.
     */
    @Test
    public void relativePathsResolveAgainstTheWorkingDirectory() throws Exception {
        Path ws = tmp.newFolder("workspace").toPath();
        Files.createDirectories(ws.resolve("app"));
        Files.writeString(ws.resolve("app/Dockerfile"), "FROM scratch\n");
        Files.createDirectories(ws.resolve("named"));
        BuildSpec spec = BuildSpec.builder().workingDirectory(ws).context("app").dockerfile("app/Dockerfile")
                .buildContext("extra=named").output("type=local,dest=out").cacheTo("type=local,dest=cache")
                .cacheFrom("type=local,src=cache-in").build();
        spec.validate();
        assertEquals(ws.resolve("app"), spec.contextDir());
        assertEquals(ws.resolve("app/Dockerfile"), spec.dockerfilePath());
        assertEquals(ws.resolve("out"), spec.resolve("out"));
        assertEquals("an absolute path stays as it is", Path.of("/abs/out"), spec.resolve("/abs/out"));
        SolveRequest req = SolveRequests.prepare(spec, true).request();
        assertEquals(ws.resolve("cache").toString(), req.getCache().getExports(0).getAttrsOrThrow("dest"));
        assertTrue("the local cache directory is made in the workspace", Files.isDirectory(ws.resolve("cache")));
        assertEquals("named", req.getFrontendAttrsOrThrow("sharedkey:localdir:extra"));
        // a directory context is looked for in the working directory, not the process's
        assertThat(BuildSpec.builder().workingDirectory(ws).context("app").buildContext("extra=missing").build().problems()
                .toString(), containsString("directory not found: missing"));
        // the spec travels to agents
        new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream()).writeObject(spec);
    }

    @Test
    public void cacheonlyBuildsWithoutAnyExporter() throws IOException, BuildKitException {
        BuildSpec spec = BuildSpec.builder().context(ctx.toString()).output("type=cacheonly").build();
        io.jenkins.plugins.buildkit.wire.control.SolveRequest req = SolveRequests.prepare(spec, true).request();
        org.junit.Assert.assertEquals(0, req.getExportersCount());
        org.junit.Assert.assertEquals("", req.getExporterDeprecated());
    }

    @Test
    public void attestationsBecomeFrontendAttributesAsBuildxSendsThem() throws IOException, BuildKitException {
        java.util.function.Function<BuildSpec.Builder, java.util.Map<String, String>> attrs = b -> {
            try {
                return SolveRequests.prepare(b.context(ctx.toString()).build(), new SolveRequests.BuilderTerms(List.of(), true, null, true)).request()
                        .getFrontendAttrsMap();
            } catch (IOException | BuildKitException e) {
                throw new IllegalStateException(e);
            }
        };
        org.junit.Assert.assertEquals("mode=min,inline-only=true", attrs.apply(BuildSpec.builder()).get("attest:provenance"));
        org.junit.Assert.assertNull(attrs.apply(BuildSpec.builder().provenance("false")).get("attest:provenance"));
        org.junit.Assert.assertEquals("type=provenance,mode=max", attrs.apply(BuildSpec.builder().provenance("mode=max")).get("attest:provenance"));
        org.junit.Assert.assertEquals("type=provenance", attrs.apply(BuildSpec.builder().provenance("true")).get("attest:provenance"));
        // a CI run's URL is the builder id when the request names none (Jenkins: the build's URL)
        String run = "https://ci.example/job/app/7/";
        org.junit.Assert.assertEquals("mode=min,inline-only=true,builder-id=" + run,
                attrs.apply(BuildSpec.builder().defaultBuilderId(run)).get("attest:provenance"));
        org.junit.Assert.assertEquals("type=provenance,mode=max,builder-id=" + run,
                attrs.apply(BuildSpec.builder().defaultBuilderId(run).provenance("mode=max")).get("attest:provenance"));
        org.junit.Assert.assertEquals("type=provenance,mode=max,builder-id=mine",
                attrs.apply(BuildSpec.builder().defaultBuilderId(run).provenance("mode=max,builder-id=mine")).get("attest:provenance"));
        java.util.Map<String, String> both = attrs.apply(BuildSpec.builder().attest("type=sbom,generator=r.example.com/scan:1")
                .attest("type=provenance,mode=min").attest("type=provenance,mode=max"));
        org.junit.Assert.assertEquals("type=sbom,generator=r.example.com/scan:1", both.get("attest:sbom"));
        org.junit.Assert.assertEquals("the last given for a type wins", "type=provenance,mode=max", both.get("attest:provenance"));
        org.junit.Assert.assertNull("no default where the driver cannot carry attestations",
                SolveRequests.prepare(BuildSpec.builder().context(ctx.toString()).build(), true).request()
                        .getFrontendAttrsMap().get("attest:provenance"));
    }

    @Test
    public void namedContextsNetworkHostsAndEntitlementsAsBuildxSendsThem() throws IOException, BuildKitException {
        Path extra = tmp.newFolder("extra-files").toPath();
        BuildSpec spec = BuildSpec.builder().context(ctx.toString())
                .buildContext("extra=" + extra).buildContext("base=docker-image://alpine:3.20").buildContext("context=" + extra)
                .network("host").addHost("db:10.0.0.5").addHost("cache=10.0.0.6").allow("security.insecure").build();
        io.jenkins.plugins.buildkit.wire.control.SolveRequest req = SolveRequests.prepare(spec, true).request();
        java.util.Map<String, String> attrs = req.getFrontendAttrsMap();
        org.junit.Assert.assertEquals("local:extra", attrs.get("context:extra"));
        org.junit.Assert.assertEquals("extra-files", attrs.get("sharedkey:localdir:extra"));
        org.junit.Assert.assertEquals("docker-image://alpine:3.20", attrs.get("context:base"));
        org.junit.Assert.assertEquals("a context named context is served under another name", "local:_context", attrs.get("context:context"));
        org.junit.Assert.assertEquals("host", attrs.get("force-network-mode"));
        org.junit.Assert.assertEquals("db=10.0.0.5,cache=10.0.0.6", attrs.get("add-hosts"));
        org.junit.Assert.assertEquals(List.of("security.insecure", "network.host"), req.getEntitlementsList());
    }

    @Test
    public void annotationsGoOnEveryExporterAsBuildxNamesThem() throws IOException, BuildKitException {
        BuildSpec spec = BuildSpec.builder().context(ctx.toString()).tag("r.example.com/app:1")
                .annotation("org.opencontainers.image.description=hello, world")
                .annotation("index,manifest[linux/arm64]:org.example.team=build").build();
        java.util.Map<String, String> attrs = SolveRequests.prepare(spec, true).request().getExporters(0).getAttrsMap();
        org.junit.Assert.assertEquals("hello, world", attrs.get("annotation.org.opencontainers.image.description"));
        org.junit.Assert.assertEquals("build", attrs.get("annotation-index.org.example.team"));
        org.junit.Assert.assertEquals("build", attrs.get("annotation-manifest[linux/arm64].org.example.team"));
    }

    @Test
    public void runStepLimitsAsBuildxSendsThem() throws IOException, BuildKitException {
        BuildSpec spec = BuildSpec.builder().context(ctx.toString()).shmSize("128m").ulimit("nofile=1024:2048")
                .ulimit("nproc=512").cgroupParent("ci.slice").build();
        java.util.Map<String, String> attrs = SolveRequests.prepare(spec, true).request().getFrontendAttrsMap();
        org.junit.Assert.assertEquals("134217728", attrs.get("shm-size"));
        org.junit.Assert.assertEquals("nofile=1024:2048,nproc=512:512", attrs.get("ulimit"));
        org.junit.Assert.assertEquals("ci.slice", attrs.get("cgroup-parent"));
    }

    @Test
    public void badValuesAreNamed() {
        Object[][] rows = {
            {(UnaryOperator<BuildSpec.Builder>) b -> b.platform("linux/amd64/v3/extra"), "platforms: invalid platform \"linux/amd64/v3/extra\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.platform("Linux"), "platforms: invalid platform \"Linux\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.tag(""), "tags: empty tag"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.tag("UPPER/case:1"), "tags: invalid image name \"UPPER/case:1\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.output("type=floppy,dest=x"), "outputs: unknown output type \"floppy\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.output("type=local"), "outputs: output \"type=local\": type=local needs dest"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.output("type=tar"), "type=tar needs dest"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.dockerfile(ctx.resolve("Missing.Dockerfile").toString()), "file: Dockerfile not found: " + ctx.resolve("Missing.Dockerfile")},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.context(ctx.resolve("nope").toString()), "context: directory not found: " + ctx.resolve("nope")},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.buildArg("1BAD", "x"), "buildArgs: invalid name \"1BAD\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.cacheTo("type=nowhere"), "cacheTo: unknown cache type \"nowhere\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.attest("type=vibes"), "attestations: unknown attestation type \"vibes\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.buildContext("extra"), "buildContexts: \"extra\" is not NAME=VALUE"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.buildContext("extra=/no/such/dir"), "buildContexts: \"extra\": directory not found: /no/such/dir"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.allow("root.everything"), "allow: unknown entitlement \"root.everything\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.network("bridge"), "network: \"bridge\" is not default, host or none"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.addHost("justahost"), "addHosts: \"justahost\" is not HOST:IP"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.shmSize("lots"), "shmSize: \"lots\" is not a size"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.ulimit("files=10"), "ulimits: \"files=10\" is not NAME=SOFT[:HARD]"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.annotation("novalue"), "annotations: \"novalue\" is not [TYPE:]KEY=VALUE"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.annotation("layer:k=v"), "annotations: \"layer:k=v\": unknown annotation type \"layer\""},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.attest("mode=max"), "attestations: attestation \"mode=max\" has no type="},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.cacheFrom("type=registry"), "cacheFrom: cache \"type=registry\": type=registry needs ref"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.push(true), "tags: push=true needs at least one tag"},
            {(UnaryOperator<BuildSpec.Builder>) b -> b.secret(SecretSource.ofFile("tok", "/no/such/file")), "secrets: file for secret \"tok\" not found: /no/such/file"},
        };
        for (Object[] row : rows) {
            @SuppressWarnings("unchecked")
            List<String> problems = problems((UnaryOperator<BuildSpec.Builder>) row[0]);
            assertEquals(row[1] + " -> " + problems, 1, problems.size());
            assertThat(problems.get(0), containsString((String) row[1]));
        }
    }

    /** A file where a directory belongs is named as such, not as missing, before anything starts. */
    @Test
    public void aFileWhereADirectoryBelongsIsNamed() throws IOException {
        Path file = tmp.newFile("a-file").toPath();
        assertEquals(List.of("context: not a directory: " + file), problems(b -> b.context(file.toString())));
        assertEquals(List.of("buildContexts: \"extra\": not a directory: " + file), problems(b -> b.buildContext("extra=" + file)));
        assertEquals(List.of("outputs: \"type=local,dest=" + file + "\": dest is not a directory: " + file),
                problems(b -> b.output("type=local,dest=" + file)));
        assertEquals("a dest still to be made is fine", List.of(), problems(b -> b.output("type=local,dest=" + file.resolveSibling("new"))));
    }

    /**
     * Docker's reference grammar allows 255 characters in the repository path: the name without
     * registry, tag and digest, with library/ before a single Docker Hub component.
     */
    @Test
    public void aRepositoryPathOverDockersLimitIsRefused() {
        String a247 = "a".repeat(247);
        assertEquals(List.of(), problems(b -> b.tag(a247).tag("localhost:5000/" + "a".repeat(255) + ":" + "t".repeat(128))
                .tag("team/" + "a".repeat(250) + "@sha256:" + "0".repeat(64))));
        assertEquals(List.of("tags: image name \"" + a247 + "b\" is too long: its repository path has 256 characters"
                + " as Docker Hub names it (library/NAME); Docker's limit is 255"), problems(b -> b.tag(a247 + "b")));
        String long256 = "r.example.com/team/" + "a".repeat(251);
        assertEquals(List.of("tags: image name \"" + long256 + ":1\" is too long: its repository path has 256 characters;"
                + " Docker's limit is 255"), problems(b -> b.tag(long256 + ":1")));
    }

    @Test
    public void goodValuesHaveNoProblems() {
        assertEquals(List.of(), problems(b -> b.platform("linux/amd64,linux/arm64/v8").tag("127.0.0.1:5000/team/app:1.0")
                .tag("app").output("type=local,dest=out").output("type=image,name=x/y,push=true").cacheFrom("user/app:cache")
                .cacheTo("type=inline").buildArg("HTTP_PROXY", "").label("org.opencontainers.image.title", "x")));
    }

    @Test
    public void validateListsEveryProblemAtOnce() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> BuildSpec.builder().context(ctx.toString()).platform("bad").tag("").build().validate());
        assertEquals(2, e.problems().size());
        assertThat(e.getMessage(), containsString("platforms: invalid platform \"bad\""));
        assertThat(e.getMessage(), containsString("tags: empty tag"));
    }

    @Test
    public void mapsToDockerfileFrontendAttributesAndExporters() throws IOException, BuildKitException {
        Path df = tmp.newFolder("elsewhere").toPath().resolve("Custom.Dockerfile");
        Files.writeString(df, "FROM scratch\n");
        BuildSpec spec = BuildSpec.builder().context(ctx.toString()).dockerfile(df.toString()).target("final")
                .buildArg("A", "1").label("l", "v").platform("linux/arm64").noCache(true).pull(true)
                .tag("reg.example:5000/app:1").tag("reg.example:5000/app:latest").push(true)
                .output("type=local,dest=" + tmp.getRoot().toPath().resolve("out"))
                .cacheFrom("reg.example:5000/app:cache").cacheTo("type=inline")
                .registryCredential("reg.example:5000", new RegistryCredential("u", "p"))
                .build();
        SolveRequests.Prepared prepared = SolveRequests.prepare(spec, true);
        SolveRequest r = prepared.request();
        prepared.session().close();
        assertEquals("dockerfile.v0", r.getFrontend());
        assertEquals("Custom.Dockerfile", r.getFrontendAttrsOrThrow("filename"));
        assertEquals("final", r.getFrontendAttrsOrThrow("target"));
        assertEquals("1", r.getFrontendAttrsOrThrow("build-arg:A"));
        assertEquals("v", r.getFrontendAttrsOrThrow("label:l"));
        assertEquals("linux/arm64", r.getFrontendAttrsOrThrow("platform"));
        assertEquals("", r.getFrontendAttrsOrThrow("no-cache"));
        assertEquals("pull", r.getFrontendAttrsOrThrow("image-resolve-mode"));
        assertThat(r.getFrontendAttrsOrThrow("cache-imports"), containsString("\"ref\":\"reg.example:5000/app:cache\""));
        assertEquals(2, r.getExportersCount());
        assertEquals("local", r.getExporters(0).getType());
        assertTrue("dest stays on the client", r.getExporters(0).getAttrsMap().isEmpty());
        assertEquals("image", r.getExporters(1).getType());
        assertEquals("reg.example:5000/app:1,reg.example:5000/app:latest", r.getExporters(1).getAttrsOrThrow("name"));
        assertEquals("true", r.getExporters(1).getAttrsOrThrow("push"));
        assertEquals("registry", r.getCache().getImports(0).getType());
        assertEquals("inline", r.getCache().getExports(0).getType());
        assertEquals("", r.getExporterDeprecated());
    }

    @Test
    public void oldDaemonsGetTheSingleExporterFieldsAndRefuseTwoOutputs() throws IOException, BuildKitException {
        BuildSpec one = BuildSpec.builder().context(ctx.toString()).output("type=tar,dest=" + tmp.getRoot().toPath().resolve("o.tar")).build();
        SolveRequests.Prepared prepared = SolveRequests.prepare(one, false);
        prepared.session().close();
        assertEquals("tar", prepared.request().getExporterDeprecated());
        assertEquals(0, prepared.request().getExportersCount());

        BuildSpec two = BuildSpec.builder().context(ctx.toString()).output("type=tar,dest=a.tar").output("type=oci,dest=b.tar").build();
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> SolveRequests.prepare(two, false));
        assertThat(e.getMessage(), containsString("outputs: this BuildKit daemon takes one output per build, 2 were given"));
    }

    @Test
    public void outputSyntax() {
        assertEquals("local", OutputSpec.parse("out/dir").type());
        assertEquals("out/dir", OutputSpec.parse("out/dir").dest());
        OutputSpec registry = OutputSpec.parse("type=registry,name=a/b");
        assertEquals("image", registry.type());
        assertTrue(registry.isPush());
        OutputSpec quoted = OutputSpec.parse("type=image,\"name=a/b:1,a/b:2\"");
        assertEquals("a/b:1,a/b:2", quoted.attrs().get("name"));
    }

    @Test
    public void secretSyntax() {
        assertEquals("npm", SecretSource.parse("id=npm,src=/tmp/npmrc").id());
        assertEquals("token", SecretSource.parse("id=token,env=HOME").id());
        assertThat(SecretSource.parse("id=token,env=HOME").toString(), containsString("from env HOME"));
        assertThrows(IllegalArgumentException.class, () -> SecretSource.parse("nothing"));
    }
}
