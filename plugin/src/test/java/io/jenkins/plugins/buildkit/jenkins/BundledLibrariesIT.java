package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The packaged .hpi against what Jenkins core and the plugins loaded beside it bring: every class
 * we bundle is ours (relocated under our package) or gRPC's, and none of them is also in core's
 * war or in any plugin of the test set, so no class loader can hand us another copy, nor we them.
 */
public class BundledLibrariesIT {
    private static final Path TARGET = Path.of("target");
    private static final String OURS = "io/jenkins/plugins/buildkit/";

    /** Class files of the .hpi, by the jar that holds them. */
    private static Map<String, Set<String>> bundled;

    @BeforeClass
    public static void readHpi() throws IOException {
        bundled = new HashMap<>();
        try (ZipFile hpi = new ZipFile(TARGET.resolve("buildkit.hpi").toFile())) {
            for (ZipEntry e : hpi.stream().toList()) {
                if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                    try (InputStream in = hpi.getInputStream(e)) {
                        bundled.put(e.getName().substring("WEB-INF/lib/".length()), classes(in));
                    }
                }
            }
        }
    }

    private static Set<String> classes(InputStream jar) throws IOException {
        Set<String> names = new TreeSet<>();
        ZipInputStream zip = new ZipInputStream(jar);
        for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
            if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /** Class files of a plugin archive: its WEB-INF/lib and optional-lib jars (Bouncy Castle's are there), and WEB-INF/classes. */
    private static Set<String> pluginClasses(Path archive) throws IOException {
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if ((e.getName().startsWith("WEB-INF/lib/") || e.getName().startsWith("WEB-INF/optional-lib/"))
                        && e.getName().endsWith(".jar")) {
                    try (InputStream in = zip.getInputStream(e)) {
                        names.addAll(classes(in));
                    }
                } else if (e.getName().startsWith("WEB-INF/classes/") && e.getName().endsWith(".class")) {
                    names.add(e.getName().substring("WEB-INF/classes/".length()));
                }
            }
        }
        return names;
    }

    @Test
    public void onlyOurJarAndCoresRelocatedJarAreBundled() {
        assertEquals(bundled.keySet().toString(), 2, bundled.size());
        assertTrue(bundled.keySet().toString(), bundled.containsKey("buildkit.jar"));
        assertTrue(bundled.keySet().toString(), bundled.keySet().stream().anyMatch(j -> j.startsWith("buildkit-core-")));
        List<String> foreign = new ArrayList<>();
        bundled.values().forEach(classes -> classes.stream()
                .filter(c -> !c.startsWith(OURS) && !c.startsWith("io/grpc/"))
                .forEach(foreign::add));
        assertTrue("unrelocated third-party classes: " + foreign.stream().limit(20).toList(), foreign.isEmpty());
    }

    @Test
    public void noBundledClassIsAlsoInJenkinsCoreOrAnotherPlugin() throws IOException {
        Set<String> ours = new TreeSet<>();
        bundled.values().forEach(ours::addAll);
        Map<String, Set<String>> elsewhere = new HashMap<>();
        try (Stream<Path> coreJars = Files.list(TARGET.resolve("jenkins-for-test/WEB-INF/lib"))) {
            for (Path jar : coreJars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (InputStream in = Files.newInputStream(jar)) {
                    elsewhere.put("core: " + jar.getFileName(), classes(in));
                }
            }
        }
        try (Stream<Path> plugins = Files.list(TARGET.resolve("test-classes/test-dependencies"))) {
            for (Path plugin : plugins.filter(p -> p.toString().endsWith(".hpi") || p.toString().endsWith(".jpi")).toList()) {
                elsewhere.put("plugin: " + plugin.getFileName(), pluginClasses(plugin));
            }
        }
        assertTrue("the war and the test plugins were read", elsewhere.size() > 40);
        List<String> clashes = new ArrayList<>();
        elsewhere.forEach((where, classes) -> classes.stream().filter(ours::contains).limit(5)
                .forEach(c -> clashes.add(where + " also has " + c)));
        assertTrue("classes we bundle that Jenkins already has: " + clashes, clashes.isEmpty());

        // what core's jar leaves out must come from the library plugins the .hpi depends on
        assertTrue(elsewhere.get("plugin: bouncycastle-api.hpi").contains("org/bouncycastle/openssl/PEMParser.class"));
        assertTrue(elsewhere.get("plugin: jackson2-api.hpi").contains("com/fasterxml/jackson/databind/ObjectMapper.class"));
        assertTrue(elsewhere.get("plugin: commons-lang3-api.hpi").contains("org/apache/commons/lang3/StringUtils.class"));
    }
}
