package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.FreeStyleProject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The forms of a real Jenkins give back every field they were shown: Manage Jenkins > System with a
 * builder of each driver, the freestyle step, and the Pipeline step through the Snippet Generator.
 */
public class ConfigRoundTripTest {
    static final String CA = StoredCredentials.selfSigned("CN=buildkit test CA")[0];

    private final JenkinsRule r = new JenkinsRule();
    private final ClassFilterGuard classFilter = new ClassFilterGuard();

    @Rule
    public RuleChain rules = RuleChain.outerRule(classFilter).around(r);

    /** One builder of each driver (two remote ones: TLS from a credential, TLS from agent files), every field set. */
    static List<BuilderConfig> everyDriverEveryField() {
        DockerDriverConfig docker = new DockerDriverConfig();
        docker.setEndpoint("tcp://docker.example.com:2376");
        docker.setCredentialsId("engine-cert");
        docker.setCaCertificate(CA);
        BuilderConfig engine = new BuilderConfig("engine", docker);
        engine.setPlatforms("linux/amd64");

        DockerContainerDriverConfig container = new DockerContainerDriverConfig();
        container.setDockerEndpoint("tcp://docker.example.com:2376");
        container.setCredentialsId("engine-cert");
        container.setCaCertificate(CA);
        container.setImage("moby/buildkit:v0.34.2");
        container.setNetwork("host");
        container.setMemory("4g");
        container.setMemorySwap("6g");
        container.setCpuQuota("50000");
        container.setCpuPeriod("100000");
        container.setCpuShares("512");
        container.setCpusetCpus("0-1");
        container.setCpusetMems("0");
        container.setCgroupParent("/buildkit");
        container.setRestartPolicy("on-failure:3");
        container.setEnv(hudson.util.Secret.fromString("HTTP_PROXY=http://ci:proxy-pass-7@proxy.example.com:3128\nNO_PROXY=localhost"));
        container.setDefaultLoad(true);
        container.setPrivileged(false);
        BuilderConfig local = new BuilderConfig("local", container);
        local.setPlatforms("linux/amd64,linux/arm64");
        local.setBuildkitdConfig("[worker.oci]\n  max-parallelism = 4");
        local.setBuildkitdFlags("--debug --allow-insecure-entitlement network.host");

        RemoteDriverConfig remote = new RemoteDriverConfig("tcp://buildkitd.example.com:1234");
        remote.setServerName("buildkitd.example.com");
        remote.setCredentialsId("buildkit-client-cert");
        remote.setCaCertificate(CA);
        BuilderConfig shared = new BuilderConfig("shared", remote);
        shared.setPlatforms("linux/arm64");
        shared.setAllowedJobs("team-a\n!team-a/sandbox\nrelease-*");

        RemoteDriverConfig files = new RemoteDriverConfig("tcp://buildkitd.example.com:1235");
        files.setServerName("buildkitd");
        files.setCaCertPath("/etc/buildkit/ca.pem");
        files.setCertPath("/etc/buildkit/client.pem");
        files.setKeyPath("/etc/buildkit/client-key.pem");
        BuilderConfig agentFiles = new BuilderConfig("agent-files", files);
        KubernetesDriverConfig kubernetes = new KubernetesDriverConfig();
        kubernetes.setServerUrl("https://kubernetes.example.com:6443");
        kubernetes.setTokenCredentialsId("cluster-token");
        kubernetes.setCaCertificate(CA);
        kubernetes.setNamespace("ci");
        kubernetes.setImage("moby/buildkit:v0.34.2");
        kubernetes.setReplicas("3");
        kubernetes.setOptions("requests.cpu=1\nloadbalance=random");
        BuilderConfig pods = new BuilderConfig("pods", kubernetes);
        pods.setBuildkitdConfig("debug = true");
        return List.of(engine, local, shared, agentFiles, pods);
    }

    static void configureEveryDriver() throws Exception {
        StoredCredentials.certificate("engine-cert");
        StoredCredentials.certificate("buildkit-client-cert");
        StoredCredentials.secretText("cluster-token", "a-token");
        BuildKitGlobalConfiguration config = BuildKitGlobalConfiguration.get();
        List<BuilderConfig> builders = everyDriverEveryField();
        assertEquals("the fixture itself is valid", List.of(), BuildKitGlobalConfiguration.problems(builders, "shared"));
        config.setBuilders(builders);
        config.setDefaultBuilder("shared");
    }

    /** Field by field, so that a failure names the field (and no getter is left out). */
    static void assertSameBuilders(List<BuilderConfig> expected, List<BuilderConfig> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            BuilderConfig e = expected.get(i);
            BuilderConfig a = actual.get(i);
            String who = "builder " + e.getName() + ": ";
            assertEquals(who + "name", e.getName(), a.getName());
            assertEquals(who + "platforms", e.getPlatforms(), a.getPlatforms());
            assertEquals(who + "buildkitdConfig", e.getBuildkitdConfig(), a.getBuildkitdConfig());
            assertEquals(who + "buildkitdFlags", e.getBuildkitdFlags(), a.getBuildkitdFlags());
            assertEquals(who + "allowedJobs", normalize(e.getAllowedJobs()), normalize(a.getAllowedJobs()));
            assertEquals(who + "driver", e.getDriver().getClass(), a.getDriver().getClass());
            assertEquals(who + "credentialsId", e.getDriver().getCredentialsId(), a.getDriver().getCredentialsId());
            assertEquals(who + "caCertificate", normalize(e.getDriver().getCaCertificate()), normalize(a.getDriver().getCaCertificate()));
            if (e.getDriver() instanceof DockerDriverConfig d) {
                assertEquals(who + "endpoint", d.getEndpoint(), ((DockerDriverConfig) a.getDriver()).getEndpoint());
            } else if (e.getDriver() instanceof DockerContainerDriverConfig d) {
                DockerContainerDriverConfig b = (DockerContainerDriverConfig) a.getDriver();
                assertEquals(who + "dockerEndpoint", d.getDockerEndpoint(), b.getDockerEndpoint());
                assertEquals(who + "image", d.getImage(), b.getImage());
                assertEquals(who + "network", d.getNetwork(), b.getNetwork());
                assertEquals(who + "memory", d.getMemory(), b.getMemory());
                assertEquals(who + "memorySwap", d.getMemorySwap(), b.getMemorySwap());
                assertEquals(who + "cpuQuota", d.getCpuQuota(), b.getCpuQuota());
                assertEquals(who + "cpuPeriod", d.getCpuPeriod(), b.getCpuPeriod());
                assertEquals(who + "cpuShares", d.getCpuShares(), b.getCpuShares());
                assertEquals(who + "cpusetCpus", d.getCpusetCpus(), b.getCpusetCpus());
                assertEquals(who + "cpusetMems", d.getCpusetMems(), b.getCpusetMems());
                assertEquals(who + "cgroupParent", d.getCgroupParent(), b.getCgroupParent());
                assertEquals(who + "restartPolicy", d.getRestartPolicy(), b.getRestartPolicy());
                assertEquals(who + "env", normalize(hudson.util.Secret.toString(d.getEnv())),
                        normalize(hudson.util.Secret.toString(b.getEnv())));
                assertEquals(who + "defaultLoad", d.isDefaultLoad(), b.isDefaultLoad());
                assertEquals(who + "privileged", d.isPrivileged(), b.isPrivileged());
            } else if (e.getDriver() instanceof KubernetesDriverConfig d) {
                KubernetesDriverConfig b = (KubernetesDriverConfig) a.getDriver();
                assertEquals(who + "kubeconfigCredentialsId", d.getKubeconfigCredentialsId(), b.getKubeconfigCredentialsId());
                assertEquals(who + "serverUrl", d.getServerUrl(), b.getServerUrl());
                assertEquals(who + "tokenCredentialsId", d.getTokenCredentialsId(), b.getTokenCredentialsId());
                assertEquals(who + "namespace", d.getNamespace(), b.getNamespace());
                assertEquals(who + "image", d.getImage(), b.getImage());
                assertEquals(who + "replicas", d.getReplicas(), b.getReplicas());
                assertEquals(who + "options", normalize(d.getOptions()), normalize(b.getOptions()));
            } else {
                RemoteDriverConfig d = (RemoteDriverConfig) e.getDriver();
                RemoteDriverConfig b = (RemoteDriverConfig) a.getDriver();
                assertEquals(who + "endpoint", d.getEndpoint(), b.getEndpoint());
                assertEquals(who + "serverName", d.getServerName(), b.getServerName());
                assertEquals(who + "caCertPath", d.getCaCertPath(), b.getCaCertPath());
                assertEquals(who + "certPath", d.getCertPath(), b.getCertPath());
                assertEquals(who + "keyPath", d.getKeyPath(), b.getKeyPath());
            }
        }
    }

    /** A text area may come back with CRLF line ends; the value is the same. */
    static String normalize(String s) {
        return s == null ? null : s.replace("\r\n", "\n").strip();
    }

    @Test
    public void globalConfigurationKeepsEveryFieldOfEveryDriver() throws Exception {
        configureEveryDriver();
        List<BuilderConfig> before = BuildKitGlobalConfiguration.get().getBuilders();
        // the privileged check box defaults to on: off must survive, as must defaultLoad on
        assertFalse(((DockerContainerDriverConfig) before.get(1).getDriver()).isPrivileged());

        r.configRoundtrip();

        BuildKitGlobalConfiguration config = BuildKitGlobalConfiguration.get();
        List<BuilderConfig> after = config.getBuilders();
        assertNotSame("the form bound new builders", before.get(0), after.get(0));
        assertSameBuilders(before, after);
        for (int i = 0; i < before.size(); i++) {
            r.assertEqualDataBoundBeans(before.get(i), after.get(i));
        }
        assertEquals("shared", config.getDefaultBuilder());
        String stored = java.nio.file.Files.readString(r.jenkins.getRootDir().toPath().resolve(RestartTest.GLOBAL_FILE));
        assertFalse("the proxy password in env is stored encrypted", stored.contains("proxy-pass-7"));
    }

    @Test
    public void globalConfigurationWithNoBuildersStaysEmpty() throws Exception {
        r.configRoundtrip();
        assertEquals(List.of(), BuildKitGlobalConfiguration.get().getBuilders());
        assertNull(BuildKitGlobalConfiguration.get().getDefaultBuilder());
    }

    static BuildKitBuilder everyFreestyleField() {
        BuildKitBuilder builder = new BuildKitBuilder();
        BuildKitStep b = builder.getParameters();
        b.setBuilder("local");
        b.setContext("app");
        b.setFile("app/Dockerfile.release");
        b.setTarget("release");
        b.setBuildArgs("VERSION=1.2.3\nREVISION=abc");
        b.setLabels("org.opencontainers.image.vendor=ACME\nteam=ci");
        b.setPlatforms("linux/amd64,linux/arm64");
        b.setTags("registry.example.com/app:1.2.3\nregistry.example.com/app:latest");
        b.setPush(true);
        b.setLoad(true);
        b.setOutputs("type=local,dest=out");
        b.setCacheFrom("type=registry,ref=registry.example.com/app:cache");
        b.setCacheTo("type=registry,ref=registry.example.com/app:cache,mode=max");
        b.setAttestations("type=provenance,mode=max\ntype=sbom");
        b.setBuildContexts("base=docker-image://alpine:3.20\nsrc=../src");
        b.setAllow("network.host");
        b.setNetwork("host");
        b.setAddHosts("db.internal:10.0.0.2");
        b.setAnnotations("index:org.opencontainers.image.title=app");
        b.setShmSize("128m");
        b.setUlimits("nofile=1024:2048");
        b.setCgroupParent("/ci");
        b.setProvenance("mode=max");
        b.setSbom("true");
        b.setSecrets(List.of(new BuildSecret("npmrc", "npm-token"), new BuildSecret("netrc", "netrc-file")));
        b.setSsh(List.of(new SshForward("github", "git-key")));
        b.setRegistryCredentials(List.of(new RegistryCredential("registry.example.com", "registry-login")));
        b.setNoCache(true);
        b.setPull(true);
        b.setProgress("rawjson");
        return builder;
    }

    static void addStepCredentials() throws Exception {
        StoredCredentials.secretText("npm-token", "s3cr3t-npm");
        StoredCredentials.secretFile("netrc-file", "machine example.com login x password y");
        StoredCredentials.sshKey("git-key", StoredCredentials.pem("OPENSSH PRIVATE KEY", new byte[] {1, 2, 3}));
        StoredCredentials.usernamePassword("registry-login", "ci", "registry-password");
    }

    @Test
    public void freestyleStepKeepsEveryField() throws Exception {
        configureEveryDriver();
        addStepCredentials();
        FreeStyleProject p = r.createFreeStyleProject("image");
        BuildKitBuilder before = everyFreestyleField();
        p.getBuildersList().add(before);

        p = r.configRoundtrip(p);

        BuildKitBuilder after = p.getBuildersList().get(BuildKitBuilder.class);
        assertNotSame(before, after);
        r.assertEqualDataBoundBeans(before, after);
        // the text areas, field by field, whatever line ends the browser sent
        assertEquals(before.getParameters().getBuildArgs(), after.getParameters().getBuildArgs());
        assertEquals(before.getParameters().getTags(), after.getParameters().getTags());
        assertEquals("local", after.getParameters().getBuilder());
        assertTrue(after.getParameters().isPush() && after.getParameters().isLoad() && after.getParameters().isNoCache() && after.getParameters().isPull());
        assertEquals("rawjson", after.getParameters().getProgress());
        assertEquals(2, after.getParameters().getSecrets().size());
        assertEquals("netrc-file", after.getParameters().getSecrets().get(1).getCredentialsId());
        assertEquals("github", after.getParameters().getSsh().get(0).getId());
        assertEquals("registry-login", after.getParameters().getRegistryCredentials().get(0).getCredentialsId());
    }

    /**
     * A freestyle job saved before the step nested the Pipeline step's parameters kept each one as a
     * field of its own, lists as text: it still loads, every value in place, and saves in the new form.
     */
    @Test
    public void aFreestyleConfigOfTheFlatFormLoadsEveryField() throws Exception {
        String xml = "<?xml version='1.1' encoding='UTF-8'?><project><builders>"
                + "<io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>"
                + "<builder>local</builder><context>app</context><file>app/Dockerfile.release</file><target>release</target>"
                + "<buildArgs>VERSION=1.2.3&#xA;REVISION=abc</buildArgs><labels>team=ci</labels>"
                + "<platforms>linux/amd64,linux/arm64</platforms><tags>registry.example.com/app:1&#xA;registry.example.com/app:latest</tags>"
                + "<push>true</push><load>false</load><outputs>type=local,dest=out</outputs>"
                + "<cacheFrom>type=registry,ref=r.example.com/c</cacheFrom><cacheTo>type=inline</cacheTo>"
                + "<attestations>type=sbom</attestations><buildContexts>base=docker-image://alpine:3.20</buildContexts>"
                + "<allow>network.host</allow><network>host</network><addHosts>db:10.0.0.2</addHosts>"
                + "<annotations>index:k=v</annotations><shmSize>128m</shmSize><ulimits>nofile=1024:2048</ulimits>"
                + "<cgroupParent>/ci</cgroupParent><provenance>mode=max</provenance><sbom>true</sbom>"
                + "<secrets><io.jenkins.plugins.buildkit.jenkins.BuildSecret><id>npmrc</id><credentialsId>npm-token</credentialsId>"
                + "</io.jenkins.plugins.buildkit.jenkins.BuildSecret></secrets><ssh/><registryCredentials/>"
                + "<noCache>true</noCache><pull>false</pull><progress>rawjson</progress>"
                + "</io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder></builders></project>";
        FreeStyleProject p = (FreeStyleProject) r.jenkins.createProjectFromXML("flat",
                new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        BuildKitStep loaded = p.getBuildersList().get(BuildKitBuilder.class).getParameters();
        assertEquals("local", loaded.getBuilder());
        assertEquals("app", loaded.getContext());
        assertEquals("app/Dockerfile.release", loaded.getFile());
        assertEquals("release", loaded.getTarget());
        assertEquals(Map.of("VERSION", "1.2.3", "REVISION", "abc"), loaded.getBuildArgs());
        assertEquals(List.of("linux/amd64", "linux/arm64"), loaded.getPlatforms());
        assertEquals(List.of("registry.example.com/app:1", "registry.example.com/app:latest"), loaded.getTags());
        assertTrue(loaded.isPush() && loaded.isNoCache());
        assertFalse(loaded.isLoad() || loaded.isPull());
        assertEquals(Map.of("base", "docker-image://alpine:3.20"), loaded.getBuildContexts());
        assertEquals(List.of("network.host"), loaded.getAllow());
        assertEquals("host", loaded.getNetwork());
        assertEquals(List.of("db:10.0.0.2"), loaded.getAddHosts());
        assertEquals(List.of("index:k=v"), loaded.getAnnotations());
        assertEquals("128m", loaded.getShmSize());
        assertEquals(List.of("nofile=1024:2048"), loaded.getUlimits());
        assertEquals("/ci", loaded.getCgroupParent());
        assertEquals("mode=max", loaded.getProvenance());
        assertEquals("true", loaded.getSbom());
        assertEquals(List.of("type=sbom"), loaded.getAttestations());
        assertEquals("npm-token", loaded.getSecrets().get(0).getCredentialsId());
        assertEquals("rawjson", loaded.getProgress());

        p.save();
        String saved = p.getConfigFile().asString();
        assertTrue(saved, saved.contains("<parameters>"));
        assertFalse("the old fields are not written again: " + saved, saved.contains("<push>"));
    }

    /** Each parameter of the table has help, the same for both steps, from its one description. */
    @Test
    public void tableParametersHaveTheirDescriptionAsHelp() throws Exception {
        var web = r.createWebClient();
        String help = web.goTo("descriptor/" + BuildKitStep.class.getName() + "/help/cacheTo").getWebResponse().getContentAsString();
        assertTrue(help, help.contains(io.jenkins.plugins.buildkit.build.BuildOption.CACHE_TO.description()));
        assertTrue(help, help.contains("one per line"));
        FreeStyleProject p = r.createFreeStyleProject("help");
        p.getBuildersList().add(new BuildKitBuilder());
        String freestyleForm = web.getPage(p, "configure").getWebResponse().getContentAsString();
        assertTrue("the freestyle form links the same help", freestyleForm.contains(BuildKitStep.class.getName() + "/help/cacheTo"));
        assertTrue("and the same checks", freestyleForm.contains("/checkOption/ulimits"));
        assertFalse("a path is checked where the build runs", freestyleForm.contains("/checkOption/context"));
    }

    /** Each checked field of the table is checked by name, as the build will judge it. */
    @Test
    public void tableFieldsAreCheckedByName() throws Exception {
        var web = r.createWebClient();
        String base = "descriptorByName/" + BuildKitStep.class.getName() + "/checkOption/";
        assertTrue(check(web, base + "platforms", "amd64").contains("invalid platform"));
        assertTrue(check(web, base + "ulimits", "nofile").contains("is not NAME=SOFT[:HARD]"));
        assertFalse(check(web, base + "ulimits", "nofile=1024:2048").contains("error"));
        assertFalse("a build variable is judged when the build expands it", check(web, base + "tags", "app:$BUILD_NUMBER").contains("error"));
    }

    private String check(JenkinsRule.WebClient web, String path, String value) throws Exception {
        var request = new org.htmlunit.WebRequest(new java.net.URL(r.getURL(), path + "?value="
                + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)), org.htmlunit.HttpMethod.POST);
        return web.getPage(web.addCrumb(request)).getWebResponse().getContentAsString();
    }

    @Test
    public void freestyleStepWithDefaultsStaysAtDefaults() throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("defaults");
        p.getBuildersList().add(new BuildKitBuilder());
        p = r.configRoundtrip(p);
        BuildKitBuilder after = p.getBuildersList().get(BuildKitBuilder.class);
        r.assertEqualDataBoundBeans(new BuildKitBuilder(), after);
        assertNull(after.getParameters().getBuilder());
        assertEquals(".", after.getParameters().getContext());
        assertEquals("plain", after.getParameters().getProgress());
    }

    @Test
    public void pipelineStepRoundTripsThroughTheSnippetGenerator() throws Exception {
        BuildKitStep step = new BuildKitStep();
        SnippetRoundTrip.assertRoundTrip(r, step, "buildkitBuild()");

        step.setBuilder("local");
        step.setContext("app");
        step.setFile("app/Dockerfile");
        step.setTarget("release");
        Map<String, String> args = new LinkedHashMap<>();
        args.put("VERSION", "1.2.3");
        args.put("REVISION", "abc");
        step.setBuildArgs(args);
        step.setLabels(Map.of("team", "ci"));
        step.setPlatforms(List.of("linux/amd64", "linux/arm64"));
        step.setTags(List.of("registry.example.com/app:1.2.3", "registry.example.com/app:latest"));
        step.setPush(true);
        step.setLoad(true);
        step.setOutputs(List.of("type=local,dest=out"));
        step.setCacheFrom(List.of("type=registry,ref=registry.example.com/app:cache"));
        step.setCacheTo(List.of("type=inline"));
        step.setAttestations(List.of("type=provenance,mode=max", "type=sbom"));
        step.setBuildContexts(Map.of("base", "docker-image://alpine:3.20"));
        step.setAllow(List.of("network.host"));
        step.setNetwork("host");
        step.setAddHosts(List.of("db.internal:10.0.0.2"));
        step.setAnnotations(List.of("index:org.opencontainers.image.title=app"));
        step.setShmSize("128m");
        step.setUlimits(List.of("nofile=1024:2048"));
        step.setCgroupParent("/ci");
        step.setProvenance("mode=max");
        step.setSbom("true");
        step.setSecrets(List.of(new BuildSecret("npmrc", "npm-token")));
        step.setSsh(List.of(new SshForward("default", "git-key")));
        step.setRegistryCredentials(List.of(new RegistryCredential("registry.example.com", "registry-login")));
        step.setNoCache(true);
        step.setPull(true);
        step.setProgress("rawjson");
        SnippetRoundTrip.assertRoundTrip(r, step, "buildkitBuild addHosts: ['db.internal:10.0.0.2'], allow: ['network.host'], "
                + "annotations: ['index:org.opencontainers.image.title=app'], attestations: ['type=provenance,mode=max', 'type=sbom'], "
                + "buildArgs: [VERSION: '1.2.3', REVISION: 'abc'], buildContexts: [base: 'docker-image://alpine:3.20'], builder: 'local', "
                + "cacheFrom: ['type=registry,ref=registry.example.com/app:cache'], cacheTo: ['type=inline'], cgroupParent: '/ci', "
                + "context: 'app', file: 'app/Dockerfile', labels: [team: 'ci'], load: true, network: 'host', noCache: true, "
                + "outputs: ['type=local,dest=out'], platforms: ['linux/amd64', 'linux/arm64'], progress: 'rawjson', "
                + "provenance: 'mode=max', pull: true, push: true, "
                + "registryCredentials: [registryCredential(credentialsId: 'registry-login', registry: 'registry.example.com')], "
                + "sbom: 'true', secrets: [secret(credentialsId: 'npm-token', id: 'npmrc')], shmSize: '128m', "
                + "ssh: [sshForward(credentialsId: 'git-key', id: 'default')], "
                + "tags: ['registry.example.com/app:1.2.3', 'registry.example.com/app:latest'], target: 'release', "
                + "ulimits: ['nofile=1024:2048']");

        // the README's forms: credential entries as plain maps, one string for a list, KEY=VALUE lines for a map
        BuildKitStep readme = (BuildKitStep) SnippetRoundTrip.evaluate(r, "buildkitBuild secrets: [[id: 'npmrc', credentialsId: 'npm-token']], "
                + "ssh: [[credentialsId: 'git-key']], registryCredentials: [[registry: 'registry.example.com', credentialsId: 'registry-login']], "
                + "tags: 'registry.example.com/app:1.2.3', buildArgs: [VERSION: 1.5]");
        r.assertEqualDataBoundBeans(step.getSecrets(), readme.getSecrets());
        r.assertEqualDataBoundBeans(step.getSsh(), readme.getSsh());
        r.assertEqualDataBoundBeans(step.getRegistryCredentials(), readme.getRegistryCredentials());
        // scripts written before the entry's symbol was renamed still run
        BuildKitStep older = (BuildKitStep) SnippetRoundTrip.evaluate(r, "buildkitBuild "
                + "registryCredentials: [registryLogin(credentialsId: 'registry-login', registry: 'registry.example.com')]");
        r.assertEqualDataBoundBeans(step.getRegistryCredentials(), older.getRegistryCredentials());
        assertEquals(List.of("registry.example.com/app:1.2.3"), readme.getTags());
        assertEquals(Map.of("VERSION", "1.5"), readme.getBuildArgs());
    }
}
