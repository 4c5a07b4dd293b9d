package io.jenkins.plugins.buildkit.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * jenkins.war run as a user runs it: its own JVM, a JENKINS_HOME of its own, 127.0.0.1 only, the
 * inbound agent port off (agents come over WebSocket), no setup wizard, no update center. Its
 * output goes to a log file per start, which {@link #problemLines} reads.
 */
final class JenkinsProcess {
    /** Lines that fail the run: class filter (JEP-200) rejections, SEVERE, a plugin that did not load. */
    static final Pattern PROBLEM = Pattern.compile(
            "ClassFilterImpl|might be dangerous|Refusing to marshal|Rejected:|\\bSEVERE\\b|Failed Loading plugin");

    final Path war;
    final Path home;
    final int port;
    final String url;
    private final Path java;
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    JenkinsProcess(Path war, Path home) throws IOException {
        this.war = war;
        this.home = home;
        this.port = freePort();
        this.url = "http://127.0.0.1:" + port + "/";
        this.java = java21();
    }

    /**
     * The plugins directory: each plugin of {@code pluginsDir} as {@code SHORTNAME.jpi} (the name its
     * manifest gives), and the packaged plugin as {@code buildkit.jpi}.
     *
     * @return short name to file, for the log
     */
    TreeMap<String, Path> installPlugins(Path pluginsDir, Path hpi) throws IOException {
        Path plugins = home.resolve("plugins");
        Files.createDirectories(plugins);
        TreeMap<String, Path> installed = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pluginsDir, "*.{hpi,jpi}")) {
            for (Path f : files) {
                String name = shortName(f);
                if (name.equals("buildkit")) {
                    continue;
                }
                Files.copy(f, plugins.resolve(name + ".jpi"), StandardCopyOption.REPLACE_EXISTING);
                installed.put(name, f);
            }
        }
        if (!"buildkit".equals(shortName(hpi))) {
            throw new IOException(hpi + " is not the buildkit plugin: its manifest says Short-Name: " + shortName(hpi));
        }
        Files.copy(hpi, plugins.resolve("buildkit.jpi"), StandardCopyOption.REPLACE_EXISTING);
        installed.put("buildkit", hpi);
        return installed;
    }

    static String shortName(Path plugin) throws IOException {
        try (JarFile jar = new JarFile(plugin.toFile())) {
            Manifest m = jar.getManifest();
            String name = m == null ? null : m.getMainAttributes().getValue("Short-Name");
            if (name == null || name.isBlank()) {
                throw new IOException(plugin + ": no Short-Name in its manifest");
            }
            return name.trim();
        }
    }

    /**
     * Starts Jenkins and waits (bounded) until it is fully up and answers HTTP.
     *
     * @param cascYaml Configuration as Code to apply at start, or null for none
     */
    void start(Path cascYaml, Path log, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx768m", "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false",
                "-Dhudson.model.UpdateCenter.never=true",
                "-Dhudson.model.DownloadService.never=true",
                "-Djenkins.model.Jenkins.slaveAgentPort=-1",
                "-Djenkins.model.Jenkins.slaveAgentPortEnforce=true",
                // the telemetry and usage-statistics senders would try the internet
                "-Dhudson.model.UsageStatistics.disabled=true",
                "-Djenkins.telemetry.Telemetry.endpoint=http://127.0.0.1:9/"));
        if (cascYaml != null) {
            cmd.add("-Dcasc.jenkins.config=" + cascYaml);
        }
        cmd.addAll(List.of("-jar", war.toString(), "--httpListenAddress=127.0.0.1", "--httpPort=" + port,
                "--webroot=" + home.resolve("war")));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JENKINS_HOME", home.toString());
        pb.environment().remove("CASC_JENKINS_CONFIG");
        logs.add(log);
        process = Processes.track(pb.start());
        long deadline = System.nanoTime() + timeout.toNanos();
        JenkinsHttp anonymous = new JenkinsHttp(url, null, null);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Jenkins exited with status " + process.exitValue() + " while starting; log " + log
                        + ":\n" + tail(log, 60));
            }
            if (Files.readString(log, StandardCharsets.UTF_8).contains("Jenkins is fully up and running")) {
                try {
                    HttpResponse<String> r = anonymous.get("login");
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the connector answers a moment later
                }
            }
            Thread.sleep(500);
        }
        throw new IOException("Jenkins did not come up within " + timeout.toSeconds() + " s; log " + log + ":\n" + tail(log, 60));
    }

    /** Stops Jenkins the way an administrator does ({@code POST /safeExit}), waiting (bounded) for the JVM to end. */
    boolean stopCleanly(JenkinsHttp admin, Duration timeout) throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return true;
        }
        try {
            admin.post("safeExit", null, null);
        } catch (IOException e) {
            // the connection may close as Jenkins goes down
        }
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            kill();
        } else {
            Processes.forget(process);
        }
        return exited;
    }

    void kill() {
        Processes.kill(process, 20);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Every line of every start's log that {@link #PROBLEM} matches, with the two lines after it. */
    List<String> problemLines() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path log : logs) {
            found.addAll(problemLines(log));
        }
        return found;
    }

    static List<String> problemLines(Path log) throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.exists(log)) {
            return found;
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (PROBLEM.matcher(lines.get(i)).find()) {
                StringBuilder b = new StringBuilder(log.getFileName() + ":" + (i + 1) + ": " + lines.get(i));
                for (int j = i + 1; j < Math.min(lines.size(), i + 3); j++) {
                    b.append("\n        ").append(lines.get(j));
                }
                found.add(b.toString());
            }
        }
        return found;
    }

    static String tail(Path file, int n) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The test JVM's own java when it is 21 or newer (what Jenkins 2.568.2 needs), else JAVA_HOME's. */
    static Path java21() throws IOException {
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null) {
            Path java = Path.of(javaHome, "bin", "java");
            if (Files.isExecutable(java) && javaFeature(java) >= 21) {
                return java;
            }
        }
        throw new IOException("Jenkins 2.568.2 needs Java 21 or newer: the test runs on " + Runtime.version()
                + " and JAVA_HOME has none (source ci/toolchain.sh)");
    }

    private static int javaFeature(Path java) throws IOException {
        Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
        try (InputStream in = p.getInputStream()) {
            String out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            java.util.regex.Matcher m = Pattern.compile("version \"(\\d+)").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        }
    }
}
