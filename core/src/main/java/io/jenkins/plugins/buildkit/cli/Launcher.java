package io.jenkins.plugins.buildkit.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The jar's entry point: {@code java -jar buildkit-cli.jar ...} runs the command in a second JVM set up
 * for a short life, since a fresh JVM spends most of a small build loading 5,000 classes and compiling
 * methods it runs a few times. The second JVM maps the classes from a class-data archive (AppCDS) that
 * the first build writes into the user's cache, compiles with C1 only and collects garbage with the
 * serial collector. The jar's manifest cannot give a JVM these flags, and neither
 * {@code JAVA_TOOL_OPTIONS} nor a wrapper script may be required.
 *
 * <p>The command runs in this JVM instead when it was started with JVM options of its own (its user
 * tunes it), when {@value #RELAUNCH_ENV} is {@code 0}, or when this is not {@code java -jar}. Without a
 * writable cache the second JVM goes without the archive: still faster than this one.
 */
public final class Launcher {
    /** Set on the second JVM, so that it runs the command rather than launching again. */
    static final String LAUNCHED_PROPERTY = "buildkit.cli.launched";
    /** {@code 0} runs every command in the JVM that {@code java -jar} started. */
    static final String RELAUNCH_ENV = "BUILDKIT_CLI_RELAUNCH";
    /** How long a signalled launcher waits for the command to cancel its work before it leaves. */
    private static final long CANCEL_WAIT_SECONDS = 10;

    private Launcher() {
    }

    public static void main(String[] args) {
        Optional<List<String>> command = Optional.empty();
        try {
            command = relaunchCommand(args);
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written or a process that cannot be inspected only costs speed.
        }
        Process child = command.isEmpty() ? null : start(command.get());
        if (child == null) {
            BuildKitCli.main(args);
            return;
        }
        System.exit(waitFor(child, command.get()));
    }

    /** The second JVM's command line, or empty when this JVM should run the command itself. */
    static Optional<List<String>> relaunchCommand(String[] args) throws IOException {
        if (System.getProperty(LAUNCHED_PROPERTY) != null || "0".equals(System.getenv(RELAUNCH_ENV))
                || isSet(System.getenv("JAVA_TOOL_OPTIONS")) || isSet(System.getenv("JDK_JAVA_OPTIONS"))) {
            return Optional.empty();
        }
        Path jar = ownJar();
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (jar == null || !Files.isExecutable(java) || !startedAsPlainJar(jar)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        // Without a usable cache the second JVM goes without archive and unpacked libraries.
        Path cache = cacheDir();
        ClassArchive archive = null;
        if (cache != null) {
            String jarId = jarId(jar);
            String driver = BuilderArgument.kind(args, System.getenv(BuilderArgument.ENVIRONMENT_VARIABLE));
            archive = driver == null ? null : ClassArchive.in(cache, jarId, driver);
            if (archive != null) {
                command.addAll(archive.jvmOptions(isBuild(args)));
            }
            NativeLibraries.in(cache, jarId, jar).map(NativeLibraries::jvmOption).ifPresent(command::add);
        }
        // The JVM writes its warnings to stdout, which may carry an image or metadata; those about the
        // archive (classes it cannot hold, an archive of another jar) are no news to a user.
        command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off:stderr"));
        if (archive != null && archive.aot()) {
            command.add("-Xlog:aot*=off:stderr");
        }
        // C1 alone: a command line runs most methods too few times for C2 to pay back its compile time.
        command.add("-XX:TieredStopAtLevel=1");
        // Sending a context makes garbage fast (each chunk is copied a few times on its way into TLS),
        // and G1 answered by growing the heap to ~300 MiB for ~20 MiB live; a small young generation
        // collected by one thread keeps the whole process near 120 MiB for ~10 % more CPU.
        command.addAll(List.of("-XX:+UseSerialGC", "-Xmn16m"));
        if (Runtime.version().feature() >= 23) {
            // Protobuf and Netty use sun.misc.Unsafe, of which Java 24 and later warn on stderr in every run.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-D" + LAUNCHED_PROPERTY + "=true");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        return Optional.of(command);
    }

    /** The second JVM on this one's standard streams, or null when it cannot be started. */
    private static Process start(List<String> command) {
        try {
            return new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The second JVM's exit status. A signal to this JVM (Ctrl-C reaches both; a kill only this one)
     * is passed on, and the command given time to cancel its work.
     */
    private static int waitFor(Process child, List<String> command) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (child.isAlive()) {
                child.destroy();
                try {
                    child.waitFor(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    // exiting anyway
                }
            }
        }, "buildkit-cli-forward-signal"));
        int status;
        while (true) {
            try {
                status = child.waitFor();
                break;
            } catch (InterruptedException ignored) {
                // only the shutdown hook's signal ends the wait, by ending the child
            }
        }
        ClassArchive.finish(command, status);
        return status;
    }

    /** Whether this JVM's own command line was {@code java -jar <jar> ...}, without JVM options. */
    private static boolean startedAsPlainJar(Path jar) {
        Optional<String[]> arguments = ProcessHandle.current().info().arguments();
        if (arguments.isEmpty() || arguments.get().length < 2 || !"-jar".equals(arguments.get()[0])) {
            return false;
        }
        return Path.of(arguments.get()[1]).toAbsolutePath().normalize().equals(jar);
    }

    private static Path ownJar() {
        try {
            Path location = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? location.toAbsolutePath().normalize() : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Only a build loads what most commands need, so only a build's classes are worth archiving. */
    private static boolean isBuild(String[] args) {
        return args.length > 0 && "build".equals(args[0]);
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /**
     * Where this user's cache of archives and libraries lives, or null when there is none. The JVM runs
     * what it finds there (classes, native code), so a directory that someone else owns or may write to
     * ({@code XDG_CACHE_HOME=/tmp}) is not used.
     */
    private static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        String home = System.getProperty("user.home");
        Path dir = isSet(xdg) ? Path.of(xdg, "buildkit-cli")
                : isSet(home) && !"?".equals(home) ? Path.of(home, ".cache", "buildkit-cli") : null;
        return dir != null && isPrivate(dir) ? dir : null;
    }

    /** Whether {@code dir} is a directory of this user's that no one else may write to; made so if missing. */
    private static boolean isPrivate(Path dir) {
        try {
            boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                if (posix) {
                    Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                            java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dir);
                }
            }
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            Path self = Path.of("/proc/self");
            if (!posix || !Files.exists(self)) {
                return true; // no way to learn this process's user id without a passwd lookup: as before
            }
            int owner = (Integer) Files.getAttribute(dir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(dir, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return owner == (Integer) Files.getAttribute(self, "unix:uid") && (mode & 0022) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A name for this build of the jar: its path, size and time, so that a rebuilt jar gets new files. */
    private static String jarId(Path jar) throws IOException {
        return Long.toHexString(jar.toString().hashCode() * 31L * 31L
                + Files.size(jar) * 31L + Files.getLastModifiedTime(jar).toMillis());
    }

    /**
     * Netty's native libraries (epoll, OpenSSL) for this machine, unpacked once per jar into the cache.
     * Netty looks on {@code java.library.path} first and otherwise copies each library out of the jar
     * into a temporary file on every start: 3 MB written, and ~30 ms, per command.
     */
    record NativeLibraries(Path dir) {
        private static final String PREFIX = "META-INF/native/";

        /** The unpacked libraries, unpacking them first when they are not there yet; empty when that fails. */
        static Optional<NativeLibraries> in(Path cache, String jarId, Path jar) {
            String suffix = librarySuffix();
            if (suffix == null) {
                return Optional.empty();
            }
            try {
                Path dir = cache.resolve("natives-" + jarId);
                if (!Files.isDirectory(dir)) {
                    unpack(jar, suffix, dir);
                }
                return Optional.of(new NativeLibraries(dir));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        /** Ahead of the JVM's own places, which the second JVM still searches for anything else. */
        String jvmOption() {
            String inherited = System.getProperty("java.library.path", "");
            return "-Djava.library.path=" + dir + (inherited.isEmpty() ? "" : java.io.File.pathSeparator + inherited);
        }

        /**
         * Writes into a directory of this process's own that then takes the final name in one step, so
         * that concurrent first commands never see half a library; drops other jars' libraries after.
         */
        private static void unpack(Path jar, String suffix, Path dir) throws IOException {
            Path partial = dir.resolveSibling(dir.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile(), false)) {
                Files.createDirectories(partial);
                for (var entries = file.entries(); entries.hasMoreElements();) {
                    var entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(PREFIX) && name.endsWith(suffix) && name.indexOf('/', PREFIX.length()) < 0) {
                        try (var in = file.getInputStream(entry)) {
                            Files.copy(in, partial.resolve(name.substring(PREFIX.length())));
                        }
                    }
                }
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (!Files.isDirectory(dir)) {
                    throw e;
                }
                // another command unpacked them first
            } finally {
                deleteTree(partial);
            }
            try (DirectoryStream<Path> others = Files.newDirectoryStream(dir.getParent(), "natives-*")) {
                for (Path other : others) {
                    if (!other.equals(dir) && !other.getFileName().toString().endsWith(".tmp")) {
                        deleteTree(other);
                    }
                }
            }
        }

        /** How Netty names its libraries for this machine ({@code _x86_64.so}), or null when it has none. */
        private static String librarySuffix() {
            if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
                return null;
            }
            return switch (System.getProperty("os.arch", "")) {
                case "amd64", "x86_64" -> "_x86_64.so";
                case "aarch64" -> "_aarch_64.so";
                default -> null;
            };
        }

        private static void deleteTree(Path dir) throws IOException {
            if (!Files.isDirectory(dir)) {
                return;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path f : files) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The class-data archive of this jar on this JDK, in the user's cache. The first build writes it at
     * exit, under a name of its own that becomes the archive's only when the build succeeded (a failed
     * one may have loaded too little), so that concurrent first builds do not write over each other.
     *
     * <p>From Java 25 it is an AOT cache (JEP 483, 514), which also holds the classes linked and their
     * call sites resolved: a build records what it loads, and a second JVM, started here after the
     * build, turns that into the cache. Before, it is a dynamic CDS archive that the build writes itself.
     *
     * <p>There is one per driver: an AOT cache loads every class it holds at start, so a cache that a
     * docker build made cost each later remote build ~0.07 s and 7 MiB for the docker client's classes,
     * while still missing the remote build's own.
     */
    record ClassArchive(Path file, boolean aot) {
        private static final String CDS_DUMP = "-XX:ArchiveClassesAtExit=";
        private static final String AOT_CONFIGURATION = "-XX:AOTConfiguration=";
        private static final String AOT_RECORD = "-XX:AOTMode=record";
        /** Turning a recording into a cache takes ~3 s; a JVM that hangs gets no more than this. */
        private static final long AOT_CREATE_SECONDS = 120;

        /** The archive for builds with {@code driver} by the jar named {@code jarId} on this JDK, in {@code cache}. */
        static ClassArchive in(Path cache, String jarId, String driver) {
            boolean aot = Runtime.version().feature() >= 25;
            // The JVM refuses an archive made by another JDK or from another jar, so both name it.
            String jdk = Integer.toHexString((System.getProperty("java.home") + System.getProperty("java.vm.version")).hashCode());
            String kind = aot ? "aot" : "cds";
            return new ClassArchive(cache.resolve(kind + "-" + jdk + "-" + jarId + "-" + driver + (aot ? ".aot" : ".jsa")), aot);
        }

        /**
         * Options that use the archive; when there is none yet and {@code dump}, that write it (or its
         * recording) at exit, if the cache can be written (otherwise the JVM goes without: still faster
         * than one JVM).
         */
        List<String> jvmOptions(boolean dump) {
            if (Files.isRegularFile(file)) {
                return List.of((aot ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=") + file);
            }
            if (!dump || !Files.isWritable(file.getParent())) {
                return List.of();
            }
            Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            if (!aot) {
                return List.of(CDS_DUMP + partial);
            }
            // The recording JVM announces its file on stdout, which may carry an image: VM output is off
            // for that one run (a JDK without the diagnostic option ignores it rather than failing).
            return List.of("-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockDiagnosticVMOptions", "-XX:-DisplayVMOutput",
                    AOT_RECORD, AOT_CONFIGURATION + partial);
        }

        /** After the command: keeps a newly written archive if the build succeeded, and drops the outdated. */
        static void finish(List<String> command, int status) {
            String dump = command.stream().filter(o -> o.startsWith(CDS_DUMP) || o.startsWith(AOT_CONFIGURATION))
                    .findFirst().orElse(null);
            if (dump == null) {
                return;
            }
            boolean aot = dump.startsWith(AOT_CONFIGURATION);
            Path written = Path.of(dump.substring(dump.indexOf('=') + 1));
            String name = written.getFileName().toString();
            // cds-….jsa.<pid>.tmp is the archive cds-….jsa once kept
            Path archive = written.resolveSibling(name.substring(0, name.lastIndexOf('.', name.lastIndexOf('.') - 1)));
            try {
                if (status == 0 && Files.size(written) > 0) {
                    Path made = aot ? createAotCache(command, written) : written;
                    if (made != null) {
                        Files.move(made, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        deleteOthersOfThisJdk(archive);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the next build tries again
            } finally {
                try {
                    Files.deleteIfExists(written);
                } catch (IOException e) {
                    // a leftover of this process's own name, harmless
                }
            }
        }

        /**
         * Runs the JVM that turns the build's recording into an AOT cache, with the build's own options
         * (the cache holds only for them) and nothing on the user's streams; null when it did not finish.
         */
        private static Path createAotCache(List<String> command, Path configuration) throws IOException {
            Path cache = configuration.resolveSibling(configuration.getFileName() + ".aot");
            int jarOption = command.indexOf("-jar");
            List<String> create = new ArrayList<>();
            for (String option : command.subList(0, jarOption)) {
                if (!option.equals(AOT_RECORD) && !option.startsWith(AOT_CONFIGURATION)) {
                    create.add(option);
                }
            }
            create.addAll(List.of("-XX:AOTMode=create", AOT_CONFIGURATION + configuration, "-XX:AOTCache=" + cache));
            create.addAll(command.subList(jarOption, jarOption + 2));
            Process creator = new ProcessBuilder(create).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try {
                if (creator.waitFor(AOT_CREATE_SECONDS, TimeUnit.SECONDS) && creator.exitValue() == 0 && Files.isRegularFile(cache)) {
                    return cache;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            creator.destroyForcibly();
            Files.deleteIfExists(cache);
            return null;
        }

        /** Archives of this JDK for other jars (older versions of the command line), whatever their driver. */
        private static void deleteOthersOfThisJdk(Path archive) throws IOException {
            String name = archive.getFileName().toString();
            // KIND-JDK-JAR-DRIVER.EXT, as in() names it; none of the four parts holds a '-'
            String[] parts = name.split("-");
            String jdkPrefix = parts[0] + "-" + parts[1] + "-";
            String thisJar = jdkPrefix + parts[2] + "-";
            String extension = name.substring(name.lastIndexOf('.'));
            try (DirectoryStream<Path> others = Files.newDirectoryStream(archive.getParent(), jdkPrefix + "*" + extension)) {
                for (Path other : others) {
                    if (!other.getFileName().toString().startsWith(thisJar)) {
                        Files.deleteIfExists(other);
                    }
                }
            }
        }
    }
}
