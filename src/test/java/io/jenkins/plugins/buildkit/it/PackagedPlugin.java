package io.jenkins.plugins.buildkit.it;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The packaged plugin jar in class loaders laid out as Jenkins lays them out: a parent with what
 * Jenkins and the plugins we depend on provide (here the API mirror, SLF4J, JNA, SezPoz, Bouncy
 * Castle), and the plugin's own loader, parent first, over {@code WEB-INF/lib/buildkit.jar}.
 */
public final class PackagedPlugin implements AutoCloseable {
    public static final Path JAR = Path.of("target/hpi/buildkit.jar");
    private static final String OURS = "io.jenkins.plugins.buildkit.";

    private final URLClassLoader jenkins;
    private final URLClassLoader plugin;

    public PackagedPlugin(Path pluginJar) throws IOException {
        List<URL> provided = new ArrayList<>();
        provided.add(Path.of("target/classes").toUri().toURL());
        for (String c : List.of("org.slf4j.LoggerFactory", "com.sun.jna.Native", "net.java.sezpoz.Index",
                "org.bouncycastle.jce.provider.BouncyCastleProvider", "org.bouncycastle.openssl.PEMParser",
                "org.bouncycastle.asn1.pkcs.PrivateKeyInfo", "org.bouncycastle.util.Arrays")) {
            provided.add(codeSource(c));
        }
        // target/classes holds the mirror and, unrelocated, our own classes: Jenkins would hold only the former.
        this.jenkins = new URLClassLoader(provided.stream().distinct().toArray(URL[]::new), ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(OURS)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }

            @Override
            public URL findResource(String name) {
                return ours(name) ? null : super.findResource(name);
            }

            @Override
            public java.util.Enumeration<URL> findResources(String name) throws IOException {
                return ours(name) ? java.util.Collections.emptyEnumeration() : super.findResources(name);
            }
        };
        this.plugin = new URLClassLoader(new URL[] {pluginJar.toUri().toURL(), Path.of("target/test-classes").toUri().toURL()}, jenkins);
    }

    /** Our classes, views and indexes, which in Jenkins come from the plugin jar alone. */
    private static boolean ours(String resource) {
        return resource.startsWith(OURS.replace('.', '/')) || resource.startsWith("META-INF/annotations/");
    }

    public ClassLoader loader() {
        return plugin;
    }

    /**
     * Runs with Bouncy Castle registered JVM-wide as "BC", as the bouncycastle-api plugin registers
     * it in Jenkins, then puts back whatever "BC" the JVM had.
     */
    public <T> T withBouncyCastleApi(Callable<T> work) throws Exception {
        Provider previous = Security.getProvider("BC");
        Security.removeProvider("BC");
        Security.insertProviderAt((Provider) jenkins.loadClass("org.bouncycastle.jce.provider.BouncyCastleProvider")
                .getConstructor().newInstance(), 2);
        try {
            return work.call();
        } finally {
            Security.removeProvider("BC");
            if (previous != null) {
                Security.addProvider(previous);
            }
        }
    }

    private static URL codeSource(String className) throws IOException {
        try {
            return Class.forName(className).getProtectionDomain().getCodeSource().getLocation();
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        plugin.close();
        jenkins.close();
    }
}
