package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;
import org.yaml.snakeyaml.Yaml;

/**
 * Configuration as Code: the README's example applies as written and gives the builders it
 * describes; what JCasC exports for {@code unclassified: buildkit:} is what was applied.
 */
public class ConfigurationAsCodeTest {
    private final JenkinsRule r = new JenkinsRule();
    private final ClassFilterGuard classFilter = new ClassFilterGuard();

    @Rule
    public RuleChain rules = RuleChain.outerRule(classFilter).around(r);

    private static String resource(String name) throws Exception {
        URL url = ConfigurationAsCodeTest.class.getResource(name);
        return new String(url.openStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void apply(String resource) throws Exception {
        ConfigurationAsCode.get().configure(ConfigurationAsCodeTest.class.getResource(resource).toString());
    }

    /** The {@code unclassified: buildkit:} part of a YAML document, with text values compared as trimmed text. */
    @SuppressWarnings("unchecked")
    private static Object buildkitPart(String yaml) {
        Map<String, Object> doc = new Yaml().load(yaml);
        Map<String, Object> unclassified = (Map<String, Object>) doc.get("unclassified");
        return normalize(unclassified.get("buildkit"));
    }

    /**
     * Plain data for comparison: Secret fields decrypted, strings trimmed (a field keeps its text without the newline a YAML
     * block scalar ends with) and {@code docker: {}} the same as JCasC's {@code docker} for a
     * describable with nothing set.
     */
    private static Object normalize(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (o instanceof String s) {
            // A Secret field exports encrypted; what it holds must be what was applied.
            return hudson.util.Secret.toString(hudson.util.Secret.fromString(s.strip())).strip();
        }
        return o;
    }

    @SuppressWarnings("unchecked")
    private static Object normalizeDriverSymbols(Object buildkit) {
        for (Object b : (List<Object>) ((Map<String, Object>) buildkit).get("builders")) {
            Map<String, Object> builder = (Map<String, Object>) b;
            if (builder.get("driver") instanceof String symbol) {
                builder.put("driver", new LinkedHashMap<>(Map.of(symbol, new LinkedHashMap<>())));
            }
        }
        return buildkit;
    }

    private static String export() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void theResourceIsTheReadmeExample() throws Exception {
        Path readme = Path.of("..", "README.md");
        if (!Files.isRegularFile(readme)) {
            readme = Path.of("README.md");
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int section = text.indexOf("Configuration as Code:");
        assertTrue("README has a Configuration as Code example", section >= 0);
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        String yaml = text.substring(start, text.indexOf("```", start));
        assertEquals(new Yaml().load(yaml).toString(), new Yaml().load(resource("readme-casc.yaml")).toString());
    }

    @Test
    public void readmeExampleApplies() throws Exception {
        apply("readme-casc.yaml");
        BuildKitGlobalConfiguration config = BuildKitGlobalConfiguration.get();
        assertEquals("shared", config.getDefaultBuilder());
        List<BuilderConfig> builders = config.getBuilders();
        assertEquals(List.of("shared", "local", "engine", "pods"), builders.stream().map(BuilderConfig::getName).toList());

        RemoteDriverConfig remote = (RemoteDriverConfig) builders.get(0).getDriver();
        assertEquals("tcp://buildkitd.example.com:1234", remote.getEndpoint());
        assertEquals("buildkit-client-cert", remote.getCredentialsId());
        assertEquals("-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----", remote.getCaCertificate());
        assertNull(remote.getServerName());

        BuilderConfig local = builders.get(1);
        assertEquals("linux/amd64,linux/arm64", local.getPlatforms());
        assertEquals(List.of("linux/amd64", "linux/arm64"), local.platformList());
        assertEquals("[worker.oci]\n  max-parallelism = 4", local.getBuildkitdConfig());
        DockerContainerDriverConfig container = (DockerContainerDriverConfig) local.getDriver();
        assertEquals("moby/buildkit:v0.34.2", container.getImage());
        assertEquals("host", container.getNetwork());
        assertEquals("4g", container.getMemory());
        assertEquals("HTTP_PROXY=http://proxy.example.com:3128", container.getEnv().getPlainText());
        assertTrue("privileged keeps its default", container.isPrivileged());
        assertFalse(container.isDefaultLoad());

        DockerDriverConfig docker = (DockerDriverConfig) builders.get(2).getDriver();
        assertNull(docker.getEndpoint());
        assertNull(docker.getCredentialsId());

        KubernetesDriverConfig kubernetes = (KubernetesDriverConfig) builders.get(3).getDriver();
        assertEquals("build-cluster-kubeconfig", kubernetes.getKubeconfigCredentialsId());
        assertEquals("ci", kubernetes.getNamespace());
        assertEquals("2", kubernetes.getReplicas());
        assertThat(kubernetes.getOptions(), org.hamcrest.CoreMatchers.containsString("loadbalance=sticky"));

        // JCasC does not go through the form's checks: the example must pass them on its own
        assertEquals(List.of(), BuildKitGlobalConfiguration.problems(builders, config.getDefaultBuilder()));
        // and a build can pick its builder from it (no credential is read to pick one)
        assertEquals("shared", config.builder(null).getName());
        assertEquals("engine", config.builder("engine").getName());
    }

    @Test
    public void readmeExampleExportsAsWritten() throws Exception {
        apply("readme-casc.yaml");
        String exported = export();
        assertEquals(buildkitPart(resource("readme-casc.yaml")), normalizeDriverSymbols(buildkitPart(exported)));
    }

    @Test
    public void everyFieldOfEveryDriverAppliesAndExports() throws Exception {
        apply("every-field-casc.yaml");
        BuildKitGlobalConfiguration config = BuildKitGlobalConfiguration.get();
        List<BuilderConfig> expected = ConfigRoundTripTest.everyDriverEveryField();
        List<BuilderConfig> actual = config.getBuilders();
        assertEquals(5, actual.size());
        // same fields as the form test's fixture, but for the CA text, which names its builder here
        for (int i = 0; i < actual.size(); i++) {
            BuilderConfig builder = actual.get(i);
            String ca = builder.getDriver().getCaCertificate();
            if (expected.get(i).getDriver().getCaCertificate() != null) {
                assertEquals(builder.getName() + "'s CA as the YAML writes it",
                        "-----BEGIN CERTIFICATE-----\nMIIB" + builder.getName() + "\n-----END CERTIFICATE-----", ca);
                expected.get(i).getDriver().setCaCertificate(ca);
            }
        }
        ConfigRoundTripTest.assertSameBuilders(expected, actual);
        assertEquals("local", config.getDefaultBuilder());
        assertEquals(List.of(), BuildKitGlobalConfiguration.problems(actual, "local"));

        String exported = export();
        assertEquals(buildkitPart(resource("every-field-casc.yaml")), buildkitPart(exported));
        assertThat("the proxy password in env is exported encrypted", exported,
                org.hamcrest.CoreMatchers.not(org.hamcrest.CoreMatchers.containsString("proxy-pass-7")));

        // applying the export again changes nothing
        Path again = Files.createTempFile("casc", ".yaml");
        try {
            Files.writeString(again, exported);
            ConfigurationAsCode.get().configure(again.toString());
            ConfigRoundTripTest.assertSameBuilders(actual, BuildKitGlobalConfiguration.get().getBuilders());
        } finally {
            Files.delete(again);
        }
    }
}
