package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Builders as Manage Jenkins and Configuration as Code hold them: validation and data binding. */
public class BuilderConfigTest {

    private static String joined(List<?> problems) {
        return String.join("\n", problems.stream().map(Object::toString).toList());
    }

    @Test
    public void aSoundBuilderOfEachDriverHasNoProblems() {
        RemoteDriverConfig remote = new RemoteDriverConfig("tcp://buildkitd.example.com:1234");
        remote.setCredentialsId("buildkit-client");
        remote.setCaCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        DockerContainerDriverConfig container = new DockerContainerDriverConfig();
        container.setMemory("2g");
        container.setEnv(hudson.util.Secret.fromString("BUILDKIT_STEP_LOG_MAX_SIZE=10485760"));
        BuilderConfig withConfig = new BuilderConfig("container", container);
        withConfig.setBuildkitdConfig("debug = true\n");
        withConfig.setBuildkitdFlags("--allow-insecure-entitlement network.host");
        withConfig.setPlatforms("linux/amd64, linux/arm64");
        assertEquals(List.of(), new BuilderConfig("remote", remote).problems());
        assertEquals(List.of(), new BuilderConfig("docker", new DockerDriverConfig()).problems());
        assertEquals(List.of(), withConfig.problems());
        assertEquals(List.of("linux/amd64", "linux/arm64"), withConfig.platformList());
    }

    @Test
    public void configurationIsRefusedWhereTheDriverDoesNotStartTheDaemon() {
        BuilderConfig remote = new BuilderConfig("shared", new RemoteDriverConfig("tcp://127.0.0.1:1234"));
        remote.setBuildkitdConfig("debug = true\n");
        assertThat(joined(remote.problems()), containsString("builder \"shared\": buildkitdConfig:"));
        assertThat(joined(remote.problems()), containsString("remote"));
        BuilderConfig docker = new BuilderConfig("engine", new DockerDriverConfig());
        docker.setBuildkitdFlags("--debug");
        assertThat(joined(docker.problems()), containsString("builder \"engine\": buildkitdConfig:"));
        assertThat(joined(docker.problems()), containsString("docker-container"));
    }

    @Test
    public void badFieldsAreNamed() {
        assertThat(joined(new BuilderConfig("bad name", new DockerDriverConfig()).problems()), containsString("name: \"bad name\""));
        assertThat(joined(new BuilderConfig("x", null).problems()), containsString("driver: required"));
        assertThat(joined(new BuilderConfig("x", new RemoteDriverConfig(null)).problems()), containsString("endpoint: required"));
        assertThat(joined(new BuilderConfig("x", new RemoteDriverConfig("http://host:1234")).problems()),
                containsString("endpoint: \"http://host:1234\" is not a tcp:// or unix:// address"));
        RemoteDriverConfig noCa = new RemoteDriverConfig("tcp://h:1");
        noCa.setCredentialsId("cert");
        assertThat(joined(noCa.problems()), containsString("caCertificate: required for TLS"));
        RemoteDriverConfig halfFiles = new RemoteDriverConfig("tcp://h:1");
        halfFiles.setCertPath("/etc/buildkit/client.pem");
        halfFiles.setCaCertPath("/etc/buildkit/ca.pem");
        assertThat(joined(halfFiles.problems()), containsString("keyPath: required when certPath is given"));
        DockerContainerDriverConfig container = new DockerContainerDriverConfig();
        container.setMemory("lots");
        container.setRestartPolicy("sometimes");
        assertThat(joined(new BuilderConfig("c", container).problems()), containsString("memory: \"lots\" is not a size"));
        BuilderConfig platforms = new BuilderConfig("p", new DockerContainerDriverConfig());
        platforms.setPlatforms("linux/amd64,windows");
        assertThat(joined(platforms.problems()), containsString("platforms: invalid platform \"windows\""));
        DockerDriverConfig tlsOnSocket = new DockerDriverConfig();
        tlsOnSocket.setCredentialsId("cert");
        assertThat(joined(tlsOnSocket.problems()), containsString("credentialsId: TLS applies to a tcp:// endpoint only"));
    }

    @Test
    public void globalConfigurationRefusesDuplicateNamesAndAnUnknownDefault() {
        List<BuilderConfig> builders = List.of(new BuilderConfig("ci", new DockerDriverConfig()),
                new BuilderConfig("ci", new DockerContainerDriverConfig()));
        List<String> problems = BuildKitGlobalConfiguration.problems(builders, "nope");
        assertThat(problems, hasItem("builder \"ci\": name: used by more than one builder"));
        assertThat(problems, hasItem("defaultBuilder: no builder is named \"nope\""));
        assertEquals(List.of(), BuildKitGlobalConfiguration.problems(builders.subList(0, 1), "ci"));
    }

    @Test
    public void containerFieldsBecomeBuildxDriverOptions() {
        DockerContainerDriverConfig c = new DockerContainerDriverConfig();
        c.setImage("registry.example.com/buildkit:v0.34.2");
        c.setNetwork("host");
        c.setMemory("4g");
        c.setCpusetCpus("0-1");
        c.setEnv(hudson.util.Secret.fromString("HTTP_PROXY=http://proxy:3128\nNO_PROXY=localhost"));
        c.setPrivileged(false);
        c.setDefaultLoad(true);
        Map<String, String> o = c.driverOptions("--debug");
        assertEquals("registry.example.com/buildkit:v0.34.2", o.get("image"));
        assertEquals("host", o.get("network"));
        assertEquals("4g", o.get("memory"));
        assertEquals("0-1", o.get("cpuset-cpus"));
        assertEquals("http://proxy:3128", o.get("env.HTTP_PROXY"));
        assertEquals("localhost", o.get("env.NO_PROXY"));
        assertEquals("false", o.get("privileged"));
        assertEquals("true", o.get("default-load"));
        assertEquals("--debug", o.get("buildkitd-flags"));
        assertTrue(new DockerContainerDriverConfig().isPrivileged());
    }

    /**
     * What Configuration as Code and the forms rely on: every constructor parameter and setter has
     * a getter returning the value given, so a configuration read back is the configuration written.
     */
    @Test
    public void everyConfigurablePropertyRoundTripsThroughItsGetter() throws Exception {
        List<Class<?>> classes = List.of(BuilderConfig.class, DockerDriverConfig.class, DockerContainerDriverConfig.class,
                RemoteDriverConfig.class, BuildSecret.class, SshForward.class, RegistryCredential.class, BuildKitStep.class,
                BuildKitBuilder.class);
        int properties = 0;
        for (Class<?> c : classes) {
            Constructor<?> k = dataBoundConstructor(c);
            Object[] args = new Object[k.getParameterCount()];
            Parameter[] params = k.getParameters();
            for (int i = 0; i < params.length; i++) {
                args[i] = sample(params[i].getType(), params[i].getName());
            }
            Object o = k.newInstance(args);
            for (int i = 0; i < params.length; i++) {
                assertEquals(c.getSimpleName() + "." + params[i].getName(), args[i], getter(c, params[i].getName()).invoke(o));
                properties++;
            }
            for (Method setter : c.getMethods()) {
                if (!setter.isAnnotationPresent(DataBoundSetter.class)) {
                    continue;
                }
                String name = Character.toLowerCase(setter.getName().charAt(3)) + setter.getName().substring(4);
                Object value = sample(setter.getParameterTypes()[0], name);
                setter.invoke(o, value);
                Object back = getter(c, name).invoke(o);
                assertEquals(c.getSimpleName() + "." + name, value, back);
                properties++;
            }
        }
        assertTrue("properties checked: " + properties, properties > 60);
    }

    private static Constructor<?> dataBoundConstructor(Class<?> c) {
        for (Constructor<?> k : c.getConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                return k;
            }
        }
        throw new AssertionError(c + " has no @DataBoundConstructor");
    }

    private static Method getter(Class<?> c, String name) throws NoSuchMethodException {
        String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        try {
            return c.getMethod("get" + cap);
        } catch (NoSuchMethodException e) {
            return c.getMethod("is" + cap);
        }
    }

    private static Object sample(Class<?> type, String name) {
        if (type == String.class) {
            return switch (name) {
                case "endpoint", "dockerEndpoint" -> "tcp://127.0.0.1:2376";
                case "platforms" -> "linux/arm64";
                default -> name + "-value";
            };
        } else if (type == boolean.class) {
            return !name.equals("privileged");
        } else if (type == List.class) {
            return switch (name) {
                case "secrets" -> new ArrayList<>(List.of(new BuildSecret("id", "cred")));
                case "ssh" -> new ArrayList<>(List.of(new SshForward("default", "key")));
                case "registryCredentials" -> new ArrayList<>(List.of(new RegistryCredential("docker.io", "login")));
                default -> new ArrayList<>(List.of(name + "-1", name + "-2"));
            };
        } else if (type == Map.class || type == Object.class && (name.equals("buildArgs") || name.equals("labels") || name.equals("buildContexts"))) {
            return new java.util.LinkedHashMap<>(Map.of("KEY", name));
        } else if (type == Object.class) {
            return new ArrayList<>(List.of(name + "-1", name + "-2"));
        } else if (type == DriverConfig.class) {
            return new DockerDriverConfig();
        } else if (type == hudson.util.Secret.class) {
            return hudson.util.Secret.fromString(name + "-secret");
        } else if (type == BuildKitStep.class) {
            BuildKitStep parameters = new BuildKitStep();
            parameters.setTags(List.of("app:1"));
            return parameters;
        }
        throw new AssertionError("no sample for " + type + " " + name);
    }

    @Test
    public void entriesTrimAndDefaultAsUsersExpect() {
        assertEquals("default", new SshForward("", "key").getId());
        assertEquals("docker.io", new RegistryCredential(" docker.io ", "login").getRegistry());
        assertNull(new DockerDriverConfig().getEndpoint());
        assertNotNull(new BuildKitStep().getSecrets());
    }
}
