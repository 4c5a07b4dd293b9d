package io.jenkins.plugins.buildkit.bench;

import io.jenkins.plugins.buildkit.build.BuildSpec;
import io.jenkins.plugins.buildkit.client.ProgressListener;
import io.jenkins.plugins.buildkit.driver.DriverBuild;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What a long-lived JVM (a Jenkins controller or agent) pays per build once it is warm: builds the
 * tiny context and the unchanged 10,000-file context over and over in this JVM through
 * {@link DriverBuild}, each beside the same build by a {@code buildctl} process, and prints the
 * median and 90th percentile of each and how much the heap and the resident set grew. A main, not a
 * test: it asserts nothing. Reads the test environment's variables ({@code . /tmp/buildkit-test-env/env.sh}).
 *
 * <p>Arguments: {@code [builds (20)] [files (10000)] [warm-up builds (3)]}; {@code BUILDCTL} names
 * buildctl (default {@code /opt/buildkit-test/bin/buildctl}).
 */
public final class WarmJvmBench {
    private static final int FILES_PER_DIR = 100;
    private static final int FILE_BYTES = 2048;

    private final String address = requireEnv("BUILDKIT_TEST_ADDR");
    private final Path certs = Path.of(requireEnv("BUILDKIT_TEST_CERTS"));
    private final String buildctl = System.getenv().getOrDefault("BUILDCTL", "/opt/buildkit-test/bin/buildctl");
    private final RemoteDriver driver;

    private WarmJvmBench() throws IOException {
        driver = new RemoteDriver("bench", new RemoteDriverOptions(address, pem("ca.pem"), pem("client.pem"),
                pem("client-key.pem"), null, Duration.ofSeconds(20)));
    }

    public static void main(String[] args) throws Exception {
        int builds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("warm-jvm-bench");
        try {
            new WarmJvmBench().run(work, builds, files, warmUp);
        } finally {
            deleteTree(work);
        }
    }

    private void run(Path work, int builds, int files, int warmUp) throws Exception {
        Path tiny = Files.createDirectories(work.resolve("tiny"));
        writeCommon(tiny);
        Path many = Files.createDirectories(work.resolve("files"));
        writeFiles(many, files);
        writeCommon(many);

        System.out.printf(Locale.ROOT, "warm JVM: %d builds of each after %d warm-up builds; %s%n", builds, warmUp,
                Runtime.version());
        System.out.printf(Locale.ROOT, "%-28s %10s %10s %14s %14s %7s%n", "case", "ours med s", "ours p90 s",
                "buildctl med s", "buildctl p90 s", "ratio");
        for (Path context : List.of(tiny, many)) {
            String label = context == tiny ? "tiny, unchanged" : files + " files, unchanged";
            // The first builds upload the context (for each client) and warm the JIT; not counted.
            for (int i = 0; i < warmUp; i++) {
                buildOurs(context);
                buildctl(context);
            }
            Memory before = Memory.now();
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                // Alternating, so that neither always follows the other.
                if (i % 2 == 0) {
                    ours.add(buildOurs(context));
                    theirs.add(buildctl(context));
                } else {
                    theirs.add(buildctl(context));
                    ours.add(buildOurs(context));
                }
            }
            Memory after = Memory.now();
            printRow(label, ours, theirs, "");
            System.out.printf(Locale.ROOT, "  over the %d builds: heap after GC %d -> %d MiB, RSS %d -> %d MiB (peak %d MiB)%n",
                    builds, before.heapMib, after.heapMib, before.rssMib, after.rssMib, after.peakRssMib);
        }
        coldUploads(work, Math.max(3, builds / 4), files);
        if (dockerBuildxPresent()) {
            // The docker driver beside `docker buildx build` on the engine of /var/run/docker.sock: the
            // tiny context into an image in the engine, both clients' default on that driver.
            DockerDriver docker = new DockerDriver("bench-docker", new DockerEndpoint(null, null), Duration.ofSeconds(20));
            BuildSpec intoEngine = BuildSpec.builder().context(tiny.toString()).tag("bench-warm-ours").build();
            List<String> buildx = List.of("docker", "buildx", "build", "-q", "-t", "bench-warm-buildx", tiny.toString());
            for (int i = 0; i < warmUp; i++) {
                DriverBuild.run(docker, intoEngine, ProgressListener.NONE);
                timed(buildx);
            }
            List<Double> ours = new ArrayList<>();
            List<Double> theirs = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                long start = System.nanoTime();
                DriverBuild.run(docker, intoEngine, ProgressListener.NONE);
                ours.add((System.nanoTime() - start) / 1e9);
                theirs.add(timed(buildx));
            }
            printRow("docker driver, tiny cached", ours, theirs, "   (beside docker buildx build)");
            timed(List.of("docker", "rmi", "-f", "bench-warm-ours", "bench-warm-buildx"));
        }
    }

    /**
     * A context the daemon has never seen, as a Jenkins agent sends after a checkout: each build, ours
     * and buildctl's alike, gets its own directory of fresh random files, made before the clock starts.
     */
    private void coldUploads(Path work, int builds, int files) throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> theirs = new ArrayList<>();
        List<Double> oursCpu = new ArrayList<>();
        List<Double> theirsCpu = new ArrayList<>();
        for (int i = 0; i < builds; i++) {
            for (boolean forUs : new boolean[] {i % 2 == 0, i % 2 != 0}) {
                Path context = Files.createDirectories(work.resolve("cold-" + i + (forUs ? "-ours" : "-buildctl")));
                writeFiles(context, files);
                writeCommon(context);
                if (forUs) {
                    long cpuBefore = processCpuNanos();
                    ours.add(buildOurs(context));
                    oursCpu.add((processCpuNanos() - cpuBefore) / 1e9);
                } else {
                    Timing t = timedBuildctl(context);
                    theirs.add(t.seconds());
                    theirsCpu.add(t.cpuSeconds());
                }
                deleteTree(context);
            }
        }
        printRow(files + " files, cold", ours, theirs, "");
        System.out.printf(Locale.ROOT, "  CPU per build, medians: ours %.3f s (this JVM's, JIT included), buildctl %.3f s%n",
                percentile(oursCpu, 50), percentile(theirsCpu, 50));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static boolean dockerBuildxPresent() {
        try {
            return new ProcessBuilder("docker", "buildx", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Seconds a command took; it must succeed. */
    private static double timed(List<String> command) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("DOCKER_HOST");
        int exit = pb.start().waitFor();
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private double buildOurs(Path context) throws Exception {
        BuildSpec spec = BuildSpec.builder().context(context.toString()).output("type=cacheonly").build();
        long start = System.nanoTime();
        DriverBuild.run(driver, spec, ProgressListener.NONE);
        return (System.nanoTime() - start) / 1e9;
    }

    /** One row of the table: medians and 90th percentiles of both clients, and the ratio of the medians. */
    private static void printRow(String label, List<Double> ours, List<Double> theirs, String suffix) {
        System.out.printf(Locale.ROOT, "%-28s %10.3f %10.3f %14.3f %14.3f %7.1f%s%n", label, percentile(ours, 50),
                percentile(ours, 90), percentile(theirs, 50), percentile(theirs, 90),
                percentile(ours, 50) / percentile(theirs, 50), suffix);
    }

    /** Wall and CPU (user and system) seconds of one run. */
    private record Timing(double seconds, double cpuSeconds) {
    }

    private double buildctl(Path context) throws IOException, InterruptedException {
        return timedBuildctl(context).seconds();
    }

    private Timing timedBuildctl(Path context) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path times = Files.createTempFile("buildctl-time", ".txt");
        Process p = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", "-o", times.toString(), buildctl, "--addr", address, "--tlscacert", certs.resolve("ca.pem").toString(),
                "--tlscert", certs.resolve("client.pem").toString(), "--tlskey", certs.resolve("client-key.pem").toString(),
                "build", "--progress", "plain", "--frontend", "dockerfile.v0", "--local", "context=" + context,
                // no --output: no export, as our type=cacheonly
                "--local", "dockerfile=" + context)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        String[] userSystem = Files.readString(times).trim().split("\\s+");
        Files.delete(times);
        double cpu = Double.parseDouble(userSystem[userSystem.length - 2]) + Double.parseDouble(userSystem[userSystem.length - 1]);
        if (exit != 0) {
            throw new IOException("buildctl exited with " + exit + " building " + context);
        }
        return new Timing(seconds, cpu);
    }

    /** The nearest-rank percentile. */
    private static double percentile(List<Double> values, int pct) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(pct / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private record Memory(long heapMib, long rssMib, long peakRssMib) {
        static Memory now() throws IOException {
            // After a collection the heap holds only what the builds kept.
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) >> 20;
            return new Memory(heap, statusKib("VmRSS") >> 10, statusKib("VmHWM") >> 10);
        }

        private static long statusKib(String field) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
                }
            }
            return -1;
        }
    }

    private static void writeCommon(Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY . /ctx\n", StandardCharsets.UTF_8);
        // New to the daemon, so that the warm-up builds really upload it once.
        Files.writeString(dir.resolve("nonce"), System.nanoTime() + " " + new Random().nextLong() + "\n", StandardCharsets.UTF_8);
    }

    /** Random small files, 100 to a directory, two levels deep (as ci/bench.sh makes them). */
    private static void writeFiles(Path root, int count) throws IOException {
        Random random = new Random();
        byte[] content = new byte[FILE_BYTES];
        for (int i = 0; i < count; i++) {
            int dirIndex = i / FILES_PER_DIR;
            Path dir = Files.createDirectories(root.resolve("d" + dirIndex / 10).resolve("e" + dirIndex % 10));
            random.nextBytes(content);
            Files.write(dir.resolve(String.format(Locale.ROOT, "f%03d", i % FILES_PER_DIR)), content);
        }
    }

    private String pem(String name) throws IOException {
        return Files.readString(certs.resolve(name), StandardCharsets.US_ASCII);
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: . /tmp/buildkit-test-env/env.sh first");
        }
        return value;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
