package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.BeforeClass;
import org.junit.Test;

/** Opens the built .hpi as Jenkins would and checks what Jenkins reads from it. */
public class HpiPackageIT {
    private static final Path HPI = Path.of("target/buildkit.hpi");
    private static final String PACKAGE = "io/jenkins/plugins/buildkit/jenkins/";
    /** The mirror's packages: Jenkins supplies these classes; a copy in the plugin would shadow nothing but confuse. */
    private static final List<String> MIRRORED = List.of("hudson/", "jenkins/", "org/kohsuke/", "org/jenkinsci/",
            "com/cloudbees/", "net/sf/", "org/springframework/", "org/jvnet/");

    private static Path pluginJar;
    private static List<String> jarEntries;

    @BeforeClass
    public static void unpack() throws IOException {
        assertTrue("run after mvn package", Files.exists(HPI));
        pluginJar = Files.createTempFile("buildkit-plugin", ".jar");
        pluginJar.toFile().deleteOnExit();
        try (JarFile hpi = new JarFile(HPI.toFile())) {
            try (InputStream in = hpi.getInputStream(hpi.getEntry("WEB-INF/lib/buildkit.jar"))) {
                Files.copy(in, pluginJar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        jarEntries = new ArrayList<>();
        try (JarFile jar = new JarFile(pluginJar.toFile())) {
            Collections.list(jar.entries()).forEach(e -> jarEntries.add(e.getName()));
        }
    }

    @Test
    public void manifestCarriesThePluginEntriesJenkinsReads() throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(HPI))) {
            Attributes a = in.getManifest().getMainAttributes();
            assertEquals("buildkit", a.getValue("Short-Name"));
            assertEquals("BuildKit for Jenkins", a.getValue("Long-Name"));
            assertEquals("io.jenkins.plugins", a.getValue("Group-Id"));
            assertEquals("2.479", a.getValue("Jenkins-Version"));
            assertEquals("17", a.getValue("Minimum-Java-Version"));
            assertNotNull(a.getValue("Plugin-Version"));
            String deps = a.getValue("Plugin-Dependencies");
            for (String plugin : List.of("workflow-step-api", "credentials", "plain-credentials", "ssh-credentials", "structs",
                    "bouncycastle-api")) {
                assertTrue(plugin + " in " + deps, List.of(deps.split(",")).stream().anyMatch(d -> d.matches(plugin + ":[^:,]+")));
            }
        }
        List<String> hpiEntries = new ArrayList<>();
        try (JarFile hpi = new JarFile(HPI.toFile())) {
            Collections.list(hpi.entries()).stream().map(ZipEntry::getName).filter(n -> n.endsWith(".jar")).forEach(hpiEntries::add);
        }
        assertEquals(List.of("WEB-INF/lib/buildkit.jar"), hpiEntries);
    }

    @Test
    public void noMirroredJenkinsClassNorJenkinsProvidedLibrarySlippedIn() {
        for (String e : jarEntries) {
            for (String prefix : MIRRORED) {
                assertFalse("mirrored Jenkins class in the plugin: " + e, e.startsWith(prefix));
            }
            assertFalse("SLF4J belongs to Jenkins: " + e, e.startsWith("org/slf4j/"));
            assertFalse("Bouncy Castle comes from the bouncycastle-api plugin: " + e, e.startsWith("org/bouncycastle/")
                    || e.startsWith("io/jenkins/plugins/buildkit/shaded/org/bouncycastle/"));
            assertFalse("the command line stays out of the plugin: " + e, e.startsWith("io/jenkins/plugins/buildkit/cli/"));
            assertFalse("libraries core also ships are relocated: " + e,
                    e.startsWith("com/google/common/") || e.startsWith("org/apache/commons/") || e.startsWith("com/fasterxml/"));
        }
        assertTrue(jarEntries.contains("io/jenkins/plugins/buildkit/shaded/com/google/protobuf/Message.class"));
        for (String e : jarEntries) {
            if (e.startsWith("META-INF/services/") && !e.endsWith("/")) {
                String service = e.substring("META-INF/services/".length());
                assertTrue("only our libraries' own service interfaces: " + service,
                        service.startsWith("io.grpc.") || service.startsWith("io.jenkins.plugins.buildkit."));
            }
        }
    }

    private static PackagedPlugin jenkinsLike() throws IOException {
        return new PackagedPlugin(pluginJar);
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void extensionIndexListsEveryExtensionAndTheyLoad() throws Exception {
        try (PackagedPlugin packaged = jenkinsLike()) {
            ClassLoader loader = packaged.loader();
            Class<? extends Annotation> extension = (Class<? extends Annotation>) loader.loadClass("hudson.Extension");
            Set<String> indexed = new TreeSet<>();
            for (Object item : Index.load((Class) extension, Object.class, loader)) {
                IndexItem<?, ?> i = (IndexItem<?, ?>) item;
                indexed.add(i.className());
                assertNotNull(loader.loadClass(i.className()));
            }
            assertEquals(new TreeSet<>(List.of(
                    "io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.BuildKitGlobalConfiguration",
                    "io.jenkins.plugins.buildkit.jenkins.BuildKitStep$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.BuildSecret$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.BuilderConfig$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.DockerContainerDriverConfig$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.DockerDriverConfig$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.RegistryCredential$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.RemoteDriverConfig$DescriptorImpl",
                    "io.jenkins.plugins.buildkit.jenkins.SshForward$DescriptorImpl")), indexed);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void symbolIndexListsEveryClassWithASymbol() throws Exception {
        try (PackagedPlugin packaged = jenkinsLike()) {
            ClassLoader loader = packaged.loader();
            Class<? extends Annotation> symbol = (Class<? extends Annotation>) loader.loadClass("org.jenkinsci.Symbol");
            Set<String> annotated = new TreeSet<>();
            for (String e : jarEntries) {
                if (e.startsWith(PACKAGE) && e.endsWith(".class")) {
                    Class<?> c = loader.loadClass(e.substring(0, e.length() - 6).replace('/', '.'));
                    if (c.isAnnotationPresent(symbol)) {
                        annotated.add(c.getName());
                    }
                }
            }
            String index;
            try (InputStream in = loader.getResourceAsStream("META-INF/annotations/org.jenkinsci.Symbol")) {
                index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertEquals(annotated, new TreeSet<>(List.of(index.trim().split("\\s+"))));
            assertTrue(annotated.contains("io.jenkins.plugins.buildkit.jenkins.BuildKitGlobalConfiguration"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void dataBoundAndQueryParameterNamesAreRecoverableAtRunTime() throws Exception {
        try (PackagedPlugin packaged = jenkinsLike()) {
            ClassLoader loader = packaged.loader();
            Class<? extends Annotation> dbc = (Class<? extends Annotation>) loader.loadClass("org.kohsuke.stapler.DataBoundConstructor");
            Class<? extends Annotation> query = (Class<? extends Annotation>) loader.loadClass("org.kohsuke.stapler.QueryParameter");
            int constructors = 0;
            for (String e : jarEntries) {
                if (!e.startsWith(PACKAGE) || !e.endsWith(".class")) {
                    continue;
                }
                Class<?> c = loader.loadClass(e.substring(0, e.length() - 6).replace('/', '.'));
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    if (k.isAnnotationPresent(dbc)) {
                        constructors++;
                        for (Parameter p : k.getParameters()) {
                            assertTrue(c.getName() + " constructor parameter name", p.isNamePresent());
                        }
                    }
                }
                for (Method m : c.getDeclaredMethods()) {
                    for (Parameter p : m.getParameters()) {
                        if (p.isAnnotationPresent(query)) {
                            assertTrue(c.getName() + "." + m.getName() + " parameter name", p.isNamePresent());
                        }
                    }
                }
            }
            assertEquals(9, constructors);
        }
    }

    private static final Pattern FIELD = Pattern.compile("field=\"([A-Za-z]+)\"");
    private static final Pattern SELECT = Pattern.compile("field=\"([A-Za-z]+)\">\\s*<f:select");
    private static final Pattern TEST_BUTTON = Pattern.compile("<f:validateButton[^>]*method=\"([A-Za-z]+)\"");

    /** Every form field is a property of its class (Jelly reads it through a getter), and so is every help file. */
    @Test
    public void jellyViewsAndHelpFilesMatchTheirClasses() throws Exception {
        assertTrue(jarEntries.contains("index.jelly"));
        int views = 0;
        try (PackagedPlugin packaged = jenkinsLike(); JarFile jar = new JarFile(pluginJar.toFile())) {
            ClassLoader loader = packaged.loader();
            for (String e : jarEntries) {
                if (!e.startsWith(PACKAGE) || !(e.endsWith(".jelly") || e.contains("/help-"))) {
                    continue;
                }
                String owner = e.substring(0, e.lastIndexOf('/')).replace('/', '.');
                Class<?> c = loader.loadClass(owner);
                List<String> fields = new ArrayList<>();
                if (e.endsWith(".jelly")) {
                    byte[] bytes = jar.getInputStream(jar.getEntry(e)).readAllBytes();
                    javax.xml.parsers.DocumentBuilderFactory xml = javax.xml.parsers.DocumentBuilderFactory.newInstance();
                    xml.setNamespaceAware(true);
                    xml.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(bytes));
                }
                if (e.endsWith("config.jelly")) {
                    views++;
                    String jelly = new String(jar.getInputStream(jar.getEntry(e)).readAllBytes(), StandardCharsets.UTF_8);
                    Matcher m = FIELD.matcher(jelly);
                    while (m.find()) {
                        fields.add(m.group(1));
                    }
                    Matcher select = SELECT.matcher(jelly);
                    while (select.find()) {
                        String cap = Character.toUpperCase(select.group(1).charAt(0)) + select.group(1).substring(1);
                        Class<?> descriptor = loader.loadClass(c.getName() + "$DescriptorImpl");
                        assertTrue(e + ": " + descriptor.getName() + " fills " + select.group(1),
                                hasPublicMethodNamed(descriptor, "doFill" + cap + "Items"));
                    }
                    Matcher button = TEST_BUTTON.matcher(jelly);
                    while (button.find()) {
                        Class<?> descriptor = loader.loadClass(c.getName() + "$DescriptorImpl");
                        assertTrue(e + ": " + descriptor.getName() + " answers " + button.group(1),
                                hasPublicMethodNamed(descriptor, "do" + Character.toUpperCase(button.group(1).charAt(0))
                                        + button.group(1).substring(1)));
                    }
                } else if (e.contains("/help-")) {
                    fields.add(e.substring(e.lastIndexOf("/help-") + 6, e.length() - 5));
                }
                for (String f : fields) {
                    String cap = Character.toUpperCase(f.charAt(0)) + f.substring(1);
                    boolean readable = hasPublicMethod(c, "get" + cap) || hasPublicMethod(c, "is" + cap);
                    assertTrue(e + ": " + c.getSimpleName() + " has no getter for \"" + f + "\"", readable);
                }
            }
        }
        assertEquals("a config.jelly per configurable class", 10, views);
        for (String describable : List.of("BuildKitGlobalConfiguration", "BuilderConfig", "DockerDriverConfig",
                "DockerContainerDriverConfig", "RemoteDriverConfig", "BuildKitStep", "BuildKitBuilder", "BuildSecret",
                "SshForward", "RegistryCredential")) {
            assertTrue(describable + "/config.jelly", jarEntries.contains(PACKAGE + describable + "/config.jelly"));
        }
        assertTrue(jarEntries.contains(PACKAGE + "BuildKitBuildAction/summary.jelly"));
        assertThat(String.join("\n", jarEntries), containsString(PACKAGE + "RemoteDriverConfig/help-endpoint.html"));
    }

    private static boolean hasPublicMethodNamed(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPublicMethod(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == 0 && Modifier.isPublic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }
}
