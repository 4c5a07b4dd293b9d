package io.jenkins.plugins.buildkit.acceptance;

import io.jenkins.plugins.buildkit.it.RegistryClient;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The packaged plugin ({@code plugin/target/buildkit.hpi}) in the real jenkins.war, as an
 * administrator installs and uses it: Configuration as Code (README's example with the test
 * endpoints), a WebSocket agent, Pipelines (scripted and Declarative) and freestyle jobs building on
 * every driver the test environment has (remote with mutual TLS, docker-container, docker), the
 * global configuration and a freestyle step driven through a real browser, a restart, and a log
 * that must stay free of class filter rejections, SEVERE lines and plugins that failed to load.
 *
 * <p>One scenario, in order, since each part builds on the previous one. Checks that do not stop
 * the scenario are collected and reported together at the end, so one defect does not hide others.
 */
public class PackagedPluginAcceptanceIT {
    private static final Duration STARTUP = Duration.ofSeconds(180);
    private static final Duration BUILD = Duration.ofSeconds(180);
    private static final String AGENT = "agent-ws";
    private static final String LABEL = "linux";
    private static final String UI_BUILDER = "socket-ui";

    private final String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    private final String adminPassword = "admin-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final String secretText = "acc-secret-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final String localBuilder = "local-" + run;

    private TestEnvironment env;
    private Path work;
    private Path home;
    private Path agentFs;
    private Path agentCwd;
    private Path screenshots;
    private JenkinsProcess jenkins;
    private JenkinsHttp http;
    private Process agent;
    private final List<Path> agentLogs = new ArrayList<>();
    private Browser browser;
    private RegistryClient registry;

    /** Checks that failed without stopping the scenario. */
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final long started = System.nanoTime();
    /** Images the docker builder left in the engine. */
    private final List<String> engineImages = new ArrayList<>();

    @Before
    public void setUp() throws Exception {
        env = TestEnvironment.require();
        work = Path.of(System.getProperty("acceptance.work.dir", "target/acceptance")).toAbsolutePath();
        screenshots = Path.of(System.getProperty("acceptance.screenshots.dir", "target/screenshots")).toAbsolutePath();
        deleteTree(work);
        deleteTree(screenshots);
        Files.createDirectories(work);
        home = work.resolve("jenkins-home");
        agentFs = work.resolve("agent-fs");
        // The agent runs from a directory of its own, so that anything resolved against its working
        // directory instead of the workspace shows up here, apart from everything else.
        agentCwd = work.resolve("agent-cwd");
        Files.createDirectories(agentFs);
        Files.createDirectories(agentCwd);
        ensureBrowser();
    }

    @Test
    public void packagedPluginInTheRealWar() throws Throwable {
        Throwable stopped = null;
        try {
            scenario();
        } catch (Throwable t) {
            stopped = t;
        }
        // the log is read whatever happened: a rejection may be what broke the scenario
        List<String> logProblems = new ArrayList<>();
        if (jenkins != null) {
            logProblems.addAll(jenkins.problemLines());
        }
        for (Path log : agentLogs) {
            logProblems.addAll(JenkinsProcess.problemLines(log));
        }
        printTimings();
        StringBuilder report = new StringBuilder();
        if (stopped != null) {
            report.append("The scenario stopped: ").append(stopped).append('\n');
        }
        if (!problems.isEmpty()) {
            report.append(problems.size()).append(" check(s) failed:\n");
            problems.forEach(p -> report.append("  - ").append(p.replace("\n", "\n    ")).append('\n'));
        }
        if (!logProblems.isEmpty()) {
            report.append(logProblems.size()).append(" line(s) of the Jenkins/agent logs (under ").append(work)
                    .append(") show class filter rejections, SEVERE or a plugin that failed to load:\n");
            logProblems.forEach(l -> report.append("  ").append(l).append('\n'));
        }
        if (report.length() > 0) {
            System.out.println("[acceptance] FAILED\n" + report);
            AssertionError e = new AssertionError(report.toString());
            if (stopped != null) {
                e.initCause(stopped);
            }
            throw e;
        }
        System.out.println("[acceptance] all checks passed");
    }

    private void scenario() throws Exception {
        Path war = requiredFile("acceptance.war");
        Path hpi = requiredFile("acceptance.hpi");
        Path pluginsDir = requiredFile("acceptance.plugins.dir");
        System.out.println("[acceptance] run " + run + ": " + hpi + " (" + Files.size(hpi) / 1024 + " KiB, built "
                + Files.getLastModifiedTime(hpi) + ") in " + war + "; work in " + work);
        registry = new RegistryClient(env);

        phase("prepare JENKINS_HOME", () -> {
            jenkins = new JenkinsProcess(war, home);
            TreeMap<String, Path> plugins = jenkins.installPlugins(pluginsDir, hpi);
            System.out.println("[acceptance] " + plugins.size() + " plugins: " + String.join(", ", plugins.keySet()));
            assertTrue("Pipeline, Declarative and JCasC are among the plugins",
                    plugins.keySet().containsAll(List.of("workflow-job", "workflow-cps", "pipeline-model-definition",
                            "configuration-as-code", "credentials", "plain-credentials", "buildkit")));
        });
        Path casc = work.resolve("jenkins.yaml");
        phase("write Configuration as Code", () -> writeCasc(casc));
        phase("start Jenkins with Configuration as Code", () -> {
            jenkins.start(casc, work.resolve("jenkins-1.log"), STARTUP);
            http = new JenkinsHttp(jenkins.url, "admin", adminPassword);
            System.out.println("[acceptance] Jenkins at " + jenkins.url);
        });
        phase("configuration as code applied", this::checkCascApplied);
        phase("connect the WebSocket agent", this::startAgent);

        String scriptedDigest = phaseValue("scripted Pipeline on the remote builder (mutual TLS)", () -> pipelineBuild(
                "scripted", "shared", "remote", SCRIPTED));
        String declarativeDigest = phaseValue("Declarative Pipeline on the docker-container builder", () -> pipelineBuild(
                "declarative", localBuilder, "docker-container", DECLARATIVE));
        phase("freestyle job from config.xml on the docker builder", this::freestyleOnEngine);
        phase("freestyle job whose config.xml leaves out the empty lists", this::freestyleMinimal);

        phase("browser: log in, add a builder, Test connection, save", this::browserGlobalConfiguration);
        phase("browser: configure a freestyle BuildKit step, build it", this::browserFreestyle);

        phase("restart Jenkins", this::restart);
        phase("after the restart: configuration, jobs and build records", () -> afterRestart(scriptedDigest, declarativeDigest));
    }

    // ---------------------------------------------------------------- Configuration as Code

    private void writeCasc(Path casc) throws IOException, InterruptedException {
        // the client certificate and key as a PKCS#12 key store, the form the certificate credential takes
        Path p12 = work.resolve("buildkit-client.p12");
        String p12Password = "p12-" + run;
        int status = exec(Duration.ofSeconds(30), "openssl", "pkcs12", "-export",
                "-in", env.certs.resolve("client.pem").toString(), "-inkey", env.certs.resolve("client-key.pem").toString(),
                "-name", "buildkit-client", "-passout", "pass:" + p12Password, "-out", p12.toString());
        if (status != 0) {
            throw new IOException("openssl could not make " + p12 + " (status " + status + ")");
        }
        String template;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("jenkins.yaml"))) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String ca = env.pem("ca.pem").strip().indent(14).stripTrailing();
        String yaml = template
                .replace("@ADMIN_PASSWORD@", adminPassword)
                .replace("@AGENT_NAME@", AGENT)
                .replace("@AGENT_LABEL@", LABEL)
                .replace("@AGENT_FS@", agentFs.toString())
                .replace("@REGISTRY_USER@", env.registryUser)
                .replace("@REGISTRY_PASSWORD@", env.registryPassword)
                .replace("@SECRET_TEXT@", secretText)
                .replace("@P12_PASSWORD@", p12Password)
                .replace("@P12_PATH@", p12.toString())
                .replace("@BUILDKIT_ADDR@", env.address)
                .replace("@CA_PEM@", ca)
                .replace("@LOCAL_BUILDER@", localBuilder)
                .replace("@REGISTRY@", env.registry)
                .replace("@BUILDKIT_IMAGE@", env.buildkitImage);
        if (yaml.contains("@")) {
            Matcher m = Pattern.compile("@[A-Z_0-9]+@").matcher(yaml);
            if (m.find()) {
                throw new IllegalStateException("unfilled placeholder " + m.group() + " in jenkins.yaml");
            }
        }
        Files.writeString(casc, yaml);
    }

    private void checkCascApplied() throws Exception {
        String out = http.script("""
                def c = io.jenkins.plugins.buildkit.jenkins.BuildKitGlobalConfiguration.get()
                println('builders=' + c.builders.collect { it.name + ':' + it.driver.class.simpleName }.join(','))
                println('default=' + c.defaultBuilder)
                def creds = com.cloudbees.plugins.credentials.SystemCredentialsProvider.getInstance().getCredentials()
                println('credentials=' + creds.collect { it.id + ':' + it.class.simpleName }.sort().join(','))
                def cert = creds.find { it.id == 'buildkit-client-cert' }
                println('certificate-aliases=' + (cert == null ? 'none' : java.util.Collections.list(cert.keyStore.aliases()).join(',')))
                println('agent-websocket=' + jenkins.model.Jenkins.get().getNode('%s').launcher.webSocket)
                """.formatted(AGENT));
        System.out.println("[acceptance] " + out.strip().replace("\n", "\n[acceptance] "));
        check(out.contains("builders=shared:RemoteDriverConfig," + localBuilder + ":DockerContainerDriverConfig,engine:DockerDriverConfig"),
                "JCasC: the three builders of README's example, in order", out);
        check(out.contains("default=shared"), "JCasC: defaultBuilder shared", out);
        check(out.contains("buildkit-client-cert:CertificateCredentialsImpl") && out.contains("certificate-aliases=buildkit-client"),
                "JCasC: the certificate credential holds the PKCS#12 key entry", out);
        check(out.contains("build-token:StringCredentialsImpl") && out.contains("registry-login:UsernamePasswordCredentialsImpl"),
                "JCasC: the Secret text and Username with password credentials", out);
        check(out.contains("agent-websocket=true"), "JCasC: the inbound node uses WebSocket", out);

        // the way back: JCasC's export of the running configuration has the builders, and no attribute it could not export
        String export = http.postOk("configuration-as-code/export", null, null).body();
        Files.writeString(work.resolve("jcasc-export.yaml"), export);
        String buildkit = export.contains("  buildkit:") ? export.substring(export.indexOf("  buildkit:")) : "";
        check(buildkit.contains("name: \"shared\"") || buildkit.contains("name: shared"),
                "JCasC export: the buildkit block lists the builders", excerpt(export, "buildkit:"));
        // a driver without attributes exports as its bare symbol: driver: "docker"
        check(buildkit.contains("dockerContainer:") && buildkit.contains("remote:")
                && (buildkit.contains("driver: \"docker\"") || buildkit.contains("docker: {}")),
                "JCasC export: each builder with its driver symbol", excerpt(export, "buildkit:"));
        List<String> failed = export.lines().filter(l -> l.contains("FAILED TO EXPORT")).toList();
        check(failed.isEmpty(), "JCasC export: nothing failed to export", String.join("\n", failed));
    }

    // ---------------------------------------------------------------- agent

    private void startAgent() throws Exception {
        Path jar = work.resolve("agent.jar");
        if (!Files.exists(jar)) {
            http.download("jnlpJars/agent.jar", jar);
        }
        String secret = http.script("println(jenkins.model.Jenkins.get().getComputer('" + AGENT + "').jnlpMac)").strip();
        check(secret.matches("[0-9a-f]{64}"), "the agent's secret", secret);
        Path log = work.resolve("agent-" + (agentLogs.size() + 1) + ".log");
        agentLogs.add(log);
        agent = Processes.track(new ProcessBuilder(JenkinsProcess.java21().toString(), "-Xmx256m", "-jar", jar.toString(),
                "-url", jenkins.url, "-webSocket", "-secret", secret, "-name", AGENT, "-workDir", agentFs.toString())
                .directory(agentCwd.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!agent.isAlive()) {
                throw new IOException("the agent exited with status " + agent.exitValue() + ":\n" + JenkinsProcess.tail(log, 40));
            }
            if (http.getOk("computer/" + AGENT + "/api/json?tree=offline").contains("\"offline\":false")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("the agent did not come online within 90 s:\n" + JenkinsProcess.tail(log, 40));
    }

    // ---------------------------------------------------------------- builds

    /** Builds the image of {@code job} and returns the digest it printed. */
    private String pipelineBuild(String job, String builder, String driver, String script) throws Exception {
        String tag = run + "-1";
        String filled = script.replace("@LABEL@", LABEL).replace("@BUSYBOX@", env.busybox.toString())
                .replace("@JOB@", job).replace("@BUILDER@", builder).replace("@REGISTRY@", env.registry)
                .replace("@RUN@", run);
        http.createJob(job, """
                <?xml version='1.1' encoding='UTF-8'?>
                <flow-definition>
                  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
                    <script>%s</script>
                    <sandbox>true</sandbox>
                  </definition>
                </flow-definition>
                """.formatted(xml(filled)));
        int n = http.build(job, BUILD);
        String result = http.awaitResult(job, n, BUILD);
        String console = http.console(job, n);
        Files.writeString(work.resolve(job + "-" + n + ".log"), console);
        if (!check("SUCCESS".equals(result), job + " #" + n + " succeeds (was " + result + ")", tail(console, 40))) {
            return null;
        }
        checkBuildLog(job, n, console, builder, driver);
        Matcher m = Pattern.compile("DIGEST=(sha256:[0-9a-f]{64})").matcher(console);
        String digest = m.find() ? m.group(1) : null;
        check(digest != null, job + ": the step's result map carries the digest (echo DIGEST=${image.digest})", tail(console, 20));
        check(console.contains("BUILDER=" + builder), job + ": the result map names the builder", tail(console, 20));
        String pushed = registry.digest("acceptance/" + job, tag);
        check(pushed != null && pushed.equals(digest), job + ": the registry has " + env.registry + "/acceptance/" + job + ":" + tag
                + " with the digest the step returned", "registry: " + pushed + ", step: " + digest);
        checkLocalOutput(job, "out/result.txt", "built-by-" + job);
        checkBuildPage(job, n, builder, driver, digest, env.registry + "/acceptance/" + job + ":" + tag);
        return digest;
    }

    private static final String SCRIPTED = """
            node('@LABEL@') {
                sh 'rm -rf app out && mkdir -p app/rootfs/bin && cp @BUSYBOX@ app/rootfs/bin/busybox && ln -s busybox app/rootfs/bin/sh'
                writeFile file: 'app/Dockerfile', text: '''FROM scratch
            COPY rootfs/ /
            RUN --mount=type=secret,id=token echo "the token is $(cat /run/secrets/token)" && echo built-by-@JOB@ > /result.txt
            '''
                def image = buildkitBuild(builder: '@BUILDER@', context: 'app', noCache: true,
                    tags: ["@REGISTRY@/acceptance/@JOB@:@RUN@-${env.BUILD_NUMBER}"], push: true,
                    outputs: ['type=local,dest=out'],
                    secrets: [[id: 'token', credentialsId: 'build-token']],
                    registryCredentials: [[registry: '@REGISTRY@', credentialsId: 'registry-login']])
                echo "DIGEST=${image.digest}"
                echo "BUILDER=${image.builder}"
            }
            """;

    private static final String DECLARATIVE = """
            pipeline {
                agent { label '@LABEL@' }
                stages {
                    stage('Image') {
                        steps {
                            sh 'rm -rf app out && mkdir -p app/rootfs/bin && cp @BUSYBOX@ app/rootfs/bin/busybox && ln -s busybox app/rootfs/bin/sh'
                            writeFile file: 'app/Dockerfile', text: '''FROM scratch
            COPY rootfs/ /
            RUN --mount=type=secret,id=token echo "the token is $(cat /run/secrets/token)" && echo built-by-@JOB@ > /result.txt
            '''
                            script {
                                def image = buildkitBuild(
                                    builder: '@BUILDER@',
                                    context: 'app',
                                    noCache: true,
                                    tags: ["@REGISTRY@/acceptance/@JOB@:@RUN@-${env.BUILD_NUMBER}"],
                                    push: true,
                                    outputs: ['type=local,dest=out'],
                                    secrets: [[id: 'token', credentialsId: 'build-token']],
                                    registryCredentials: [[registry: '@REGISTRY@', credentialsId: 'registry-login']])
                                echo "DIGEST=${image.digest}"
                                echo "BUILDER=${image.builder}"
                            }
                        }
                    }
                }
            }
            """;

    /**
     * Freestyle, as Jenkins itself would save it (every list element present): one step pushes with
     * the registry credential, a second exports the image's files (the docker driver's engine takes one
     * output per build).
     */
    private void freestyleOnEngine() throws Exception {
        String job = "freestyle";
        String tag = run + "-1";
        String image = env.registry + "/acceptance/" + job + ":" + run + "-$BUILD_NUMBER";
        http.createJob(job, """
                <?xml version='1.1' encoding='UTF-8'?>
                <project>
                  <assignedNode>%s</assignedNode>
                  <canRoam>false</canRoam>
                  <builders>
                    <hudson.tasks.Shell>
                      <command>%s</command>
                    </hudson.tasks.Shell>
                    <io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>
                      <builder>engine</builder>
                      <context>app</context>
                      <tags>%s</tags>
                      <push>true</push>
                      <load>false</load>
                      <secrets>%s</secrets>
                      <ssh/>
                      <registryCredentials>
                        <io.jenkins.plugins.buildkit.jenkins.RegistryCredential>
                          <registry>%s</registry>
                          <credentialsId>registry-login</credentialsId>
                        </io.jenkins.plugins.buildkit.jenkins.RegistryCredential>
                      </registryCredentials>
                      <noCache>true</noCache>
                      <pull>false</pull>
                      <progress>plain</progress>
                    </io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>
                    <io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>
                      <builder>engine</builder>
                      <context>app</context>
                      <outputs>type=local,dest=out</outputs>
                      <push>false</push>
                      <load>false</load>
                      <secrets>%s</secrets>
                      <ssh/>
                      <registryCredentials/>
                      <noCache>true</noCache>
                      <pull>false</pull>
                      <progress>plain</progress>
                    </io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>
                  </builders>
                </project>
                """.formatted(LABEL, xml(contextScript(job)), xml(image), SECRET_XML, env.registry, SECRET_XML));
        int n = http.build(job, BUILD);
        String result = http.awaitResult(job, n, BUILD);
        String console = http.console(job, n);
        Files.writeString(work.resolve(job + "-" + n + ".log"), console);
        engineImages.add(env.registry + "/acceptance/" + job + ":" + tag);
        if (!check("SUCCESS".equals(result), job + " #" + n + " succeeds (was " + result + ")", tail(console, 40))) {
            return;
        }
        checkBuildLog(job, n, console, "engine", "docker");
        String pushed = registry.digest("acceptance/" + job, tag);
        check(pushed != null, job + ": the registry has " + env.registry + "/acceptance/" + job + ":" + tag, console);
        checkLocalOutput(job, "out/result.txt", "built-by-" + job);
        checkBuildPage(job, n, "engine", "docker", pushed, env.registry + "/acceptance/" + job + ":" + tag);
    }

    private static final String SECRET_XML = """
            <io.jenkins.plugins.buildkit.jenkins.BuildSecret><id>token</id><credentialsId>build-token</credentialsId></io.jenkins.plugins.buildkit.jenkins.BuildSecret>""";

    /** A shell step's commands making the build context: busybox as the image's shell, a Dockerfile with a secret. */
    private String contextScript(String job) {
        return "rm -rf app out && mkdir -p app/rootfs/bin && cp " + env.busybox + " app/rootfs/bin/busybox && ln -s busybox app/rootfs/bin/sh\n"
                + "printf 'FROM scratch\\nCOPY rootfs/ /\\nRUN --mount=type=secret,id=token echo \"the token is $(cat /run/secrets/token)\" && echo built-by-"
                + job + " > /result.txt\\n' > app/Dockerfile\n";
    }

    /**
     * A BuildKit step written by hand (or by a tool) names only what it sets, as config.xml of other
     * build steps may: the lists it leaves out must read as empty.
     */
    private void freestyleMinimal() throws Exception {
        String job = "freestyle-minimal";
        http.createJob(job, """
                <?xml version='1.1' encoding='UTF-8'?>
                <project>
                  <assignedNode>%s</assignedNode>
                  <builders>
                    <hudson.tasks.Shell><command>rm -rf app &amp;&amp; mkdir app &amp;&amp; echo hi > app/hi.txt &amp;&amp; printf 'FROM scratch\\nCOPY hi.txt /\\n' > app/Dockerfile</command></hudson.tasks.Shell>
                    <io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>
                      <builder>shared</builder>
                      <context>app</context>
                    </io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder>
                  </builders>
                </project>
                """.formatted(LABEL));
        int n = http.build(job, BUILD);
        String result = http.awaitResult(job, n, BUILD);
        String console = http.console(job, n);
        Files.writeString(work.resolve(job + "-" + n + ".log"), console);
        check("SUCCESS".equals(result), job + " #" + n + ": a BuildKit step whose config.xml has no <secrets>, <ssh>, "
                + "<registryCredentials> builds (was " + result + ")", tail(console, 25));
    }

    private void checkBuildLog(String job, int n, String console, String builder, String driver) {
        String first = "#0 building with \"" + builder + "\" instance using " + driver + " driver";
        check(console.contains(first), job + " #" + n + ": the log says " + first, tail(console, 40));
        check(console.contains("the token is ****"), job + " #" + n + ": the secret is used and shown as ****", tail(console, 40));
        Map<String, String> secrets = Map.of("the Secret text", secretText, "the registry password", env.registryPassword,
                "the admin's password", adminPassword);
        // the failure names which value leaked, never the value itself
        secrets.forEach((what, secret) -> check(!console.contains(secret),
                job + " #" + n + ": no credential value appears in the log", "found " + what));
    }

    /**
     * A relative {@code dest} of a {@code type=local} output is a path in the workspace, on the agent.
     * When the file is elsewhere the message says where it went.
     */
    private void checkLocalOutput(String job, String relative, String content) throws IOException {
        Path inWorkspace = agentFs.resolve("workspace").resolve(job).resolve(relative);
        Path inAgentCwd = agentCwd.resolve(relative);
        String where = Files.exists(inAgentCwd)
                ? "it is in the agent process's working directory instead: " + inAgentCwd
                : "not in the agent's working directory (" + inAgentCwd + ") either";
        if (check(Files.exists(inWorkspace), job + ": outputs 'type=local,dest=out' puts the image's files in the workspace: "
                + inWorkspace, where)) {
            String text = Files.readString(inWorkspace).strip();
            check(text.equals(content), job + ": " + relative + " holds what the build wrote", text);
        }
        deleteTree(agentCwd.resolve(relative.substring(0, relative.indexOf('/'))));
    }

    /** The build page shows the BuildKit record: builder and driver, image, digest. */
    private void checkBuildPage(String job, int n, String builder, String driver, String digest, String image) throws Exception {
        String page = text(http.getOk("job/" + job + "/" + n + "/"));
        check(page.contains("BuildKit build on " + builder + " (" + driver + ")"), job + " #" + n
                + ": the build page shows \"BuildKit build on " + builder + " (" + driver + ")\"", excerpt(page, "BuildKit"));
        if (digest != null) {
            check(page.contains(digest), job + " #" + n + ": the build page shows the digest " + digest, excerpt(page, "BuildKit"));
        }
        if (image != null) {
            check(page.contains(image), job + " #" + n + ": the build page shows the image " + image, excerpt(page, "BuildKit"));
        }
    }

    // ---------------------------------------------------------------- browser

    private void browserGlobalConfiguration() throws Exception {
        browser = new Browser(jenkins.url, screenshots, work.resolve("chromedriver.log"));
        login();
        browser.open("manage/configure");
        By addButton = By.xpath("//button[contains(@class,'repeatable-add') and normalize-space()='Add builder']");
        By chunks = By.xpath("//button[contains(@class,'repeatable-add') and normalize-space()='Add builder']"
                + "/parent::div[contains(@class,'repeated-container')]/div[contains(@class,'repeated-chunk')]");
        WebElement add = browser.visible("the BuildKit section's \"Add builder\" button", browser.driver, addButton);
        List<WebElement> existing = browser.driver.findElements(chunks);
        check(existing.size() == 3, "System page: the three builders of the YAML are listed", "found " + existing.size());

        // Test connection of the YAML's remote builder: mutual TLS with the certificate credential, from the controller
        if (!existing.isEmpty()) {
            WebElement shared = existing.get(0);
            String answer = testConnection(shared);
            browser.screenshot("test-connection-shared");
            check(answer.startsWith("BuildKit v") && answer.contains("on remote builder shared"),
                    "Test connection of builder shared (remote, mutual TLS, certificate credential)"
                    + " reports the BuildKit version under the builder's name", answer);
        }

        browser.click(add);
        WebElement chunk = browser.await("a new builder form", Duration.ofSeconds(20), d -> {
            List<WebElement> all = d.findElements(chunks);
            return all.size() > existing.size() ? all.get(all.size() - 1) : null;
        });
        browser.type(browser.visible("the new builder's name", chunk, By.name("_.name")), UI_BUILDER);
        new Select(chunk.findElement(By.cssSelector("select.dropdownList"))).selectByVisibleText("remote (a buildkitd run by someone else)");
        browser.type(browser.visible("the remote driver's endpoint", chunk, By.name("_.endpoint")), env.socket);
        String answer = testConnection(chunk);
        browser.screenshot("test-connection-new-builder");
        check(answer.startsWith("BuildKit v") && answer.contains("platforms") && answer.contains("builder " + UI_BUILDER),
                "Test connection of the new builder (" + env.socket + ") reports the BuildKit version and platforms", answer);
        browser.click(browser.driver.findElement(By.name("Submit")));
        browser.await("the System page saved", Duration.ofSeconds(30), d -> !d.getCurrentUrl().contains("/configure"));
        browser.screenshot("system-saved");
        String page = browser.driver.getPageSource();
        check(!page.contains("FormException") && !page.contains("Oops!"), "saving the System page shows no error", excerpt(text(page), "Error"));
        String saved = http.script("println(io.jenkins.plugins.buildkit.jenkins.BuildKitGlobalConfiguration.get().builders"
                + ".collect { it.name + '=' + (it.driver.hasProperty('endpoint') ? it.driver.endpoint : '') }.join(','))");
        check(saved.contains(UI_BUILDER + "=" + env.socket), "the builder added in the browser is in force after Save", saved);
        check(saved.contains("shared=" + env.address), "the YAML's builders are kept by the form's Save", saved);
    }

    /** Presses a builder form's Test connection button and returns the answer shown beside it. */
    private String testConnection(WebElement builderForm) {
        WebElement button = browser.visible("Test connection", builderForm, By.xpath(".//button[normalize-space()='Test connection']"));
        WebElement item = button.findElement(By.xpath("./ancestor::div[contains(@class,'jenkins-form-item')][1]"));
        browser.click(button);
        return browser.await("the answer of Test connection", Duration.ofSeconds(60), d -> {
            String t = item.getText().replace("Test connection", "").replace("Testing...", "").strip();
            return t.isEmpty() ? null : t;
        });
    }

    private void login() {
        browser.open("login");
        browser.visible("the login form", browser.driver, By.name("j_username")).sendKeys("admin");
        WebElement password = browser.driver.findElement(By.name("j_password"));
        password.sendKeys(adminPassword);
        password.submit();
        browser.await("logged in", Duration.ofSeconds(30), d -> !d.getCurrentUrl().contains("login"));
        browser.screenshot("logged-in");
    }

    private void browserFreestyle() throws Exception {
        String job = "ui-freestyle";
        // the job and its context-making shell step come over HTTP; the BuildKit step through the form
        http.createJob(job, """
                <?xml version='1.1' encoding='UTF-8'?>
                <project>
                  <assignedNode>%s</assignedNode>
                  <canRoam>false</canRoam>
                  <builders>
                    <hudson.tasks.Shell>
                      <command>rm -rf app &amp;&amp; mkdir -p app &amp;&amp; echo "made through the form" &gt; app/hello.txt &amp;&amp; printf 'FROM scratch\\nCOPY hello.txt /hello.txt\\n' &gt; app/Dockerfile</command>
                    </hudson.tasks.Shell>
                  </builders>
                </project>
                """.formatted(LABEL));
        browser.open("job/" + job + "/configure");
        browser.click(browser.visible("Add build step", browser.driver, By.xpath("//button[normalize-space()='Add build step']")));
        browser.click(browser.visible("the step \"Build a container image with BuildKit\"", browser.driver,
                By.xpath("//button[normalize-space()='Build a container image with BuildKit']")));
        WebElement tags = browser.visible("the BuildKit step's tags", browser.driver, By.name("_.tags"));
        WebElement step = tags.findElement(By.xpath("./ancestor::div[contains(@class,'repeated-chunk')][1]"));
        browser.type(tags, "acceptance/ui:" + run + "-$BUILD_NUMBER");
        browser.type(browser.visible("the BuildKit step's context", step, By.name("_.context")), "app");
        WebElement builder = browser.visible("the BuildKit step's builder", step, By.name("_.builder"));
        browser.await("the builder list offers " + UI_BUILDER, Duration.ofSeconds(20),
                d -> builder.findElements(By.xpath("./option[@value='" + UI_BUILDER + "']")).isEmpty() ? null : true);
        List<String> offered = new Select(builder).getOptions().stream().map(WebElement::getText).toList();
        check(offered.containsAll(List.of("(default: shared)", "shared", localBuilder, "engine", UI_BUILDER)),
                "the step's builder list offers the default and every builder", offered.toString());
        new Select(builder).selectByValue(UI_BUILDER);
        browser.scrollTo(tags);
        browser.screenshot("freestyle-step-form");
        browser.click(browser.driver.findElement(By.name("Submit")));
        browser.await("the job saved", Duration.ofSeconds(30), d -> !d.getCurrentUrl().contains("/configure"));

        String config = http.getOk("job/" + job + "/config.xml");
        check(config.contains("<io.jenkins.plugins.buildkit.jenkins.BuildKitBuilder") && config.contains("<builder>" + UI_BUILDER + "</builder>")
                && config.contains("<string>acceptance/ui:" + run + "-$BUILD_NUMBER</string>"),
                job + ": config.xml holds the BuildKit step as filled in", config);

        int n = http.build(job, BUILD);
        String result = http.awaitResult(job, n, BUILD);
        String console = http.console(job, n);
        Files.writeString(work.resolve(job + "-" + n + ".log"), console);
        check("SUCCESS".equals(result), job + " #" + n + " succeeds (was " + result + ")", tail(console, 40));
        check(console.contains("#0 building with \"" + UI_BUILDER + "\" instance using remote driver"),
                job + " #" + n + ": built on the builder chosen in the form", tail(console, 30));
        browser.open("job/" + job + "/" + n + "/");
        browser.visible("the build page", browser.driver, By.xpath("//*[contains(normalize-space(),'BuildKit build')]"));
        browser.screenshot("freestyle-build-page");
        checkBuildPage(job, n, UI_BUILDER, "remote", null, "acceptance/ui:" + run + "-" + n);
        browser.open("job/scripted/1/");
        browser.screenshot("scripted-build-page");
    }

    // ---------------------------------------------------------------- restart

    /**
     * Stops Jenkins as an administrator does and starts it on the same JENKINS_HOME, this time without
     * Configuration as Code: JCasC would replace the builder list with the YAML's, and what is checked
     * here is what Jenkins itself saved (the YAML's builders and the one added in the browser).
     */
    private void restart() throws Exception {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        Processes.kill(agent, 10);
        agent = null;
        boolean clean = jenkins.stopCleanly(http, Duration.ofSeconds(90));
        check(clean, "Jenkins stops within 90 s after POST /safeExit", JenkinsProcess.tail(work.resolve("jenkins-1.log"), 20));
        jenkins.start(null, work.resolve("jenkins-2.log"), STARTUP);
        http = new JenkinsHttp(jenkins.url, "admin", adminPassword);
        startAgent();
    }

    private void afterRestart(String scriptedDigest, String declarativeDigest) throws Exception {
        String builders = http.script("def c = io.jenkins.plugins.buildkit.jenkins.BuildKitGlobalConfiguration.get()\n"
                + "println(c.builders.collect { it.name }.join(',') + ' default=' + c.defaultBuilder)");
        check(builders.strip().equals("shared," + localBuilder + ",engine," + UI_BUILDER + " default=shared"),
                "after the restart: the YAML's builders, the browser's " + UI_BUILDER + " and the default are loaded", builders);
        String config = http.getOk("job/ui-freestyle/config.xml");
        check(config.contains("<builder>" + UI_BUILDER + "</builder>"), "after the restart: ui-freestyle keeps its BuildKit step", config);
        checkBuildPage("scripted", 1, "shared", "remote", scriptedDigest, null);
        checkBuildPage("declarative", 1, localBuilder, "docker-container", declarativeDigest, null);
        checkBuildPage("freestyle", 1, "engine", "docker", null, null);
        checkBuildPage("ui-freestyle", 1, UI_BUILDER, "remote", null, null);
        // the builder saved from the browser still builds after the restart
        int n = http.build("ui-freestyle", BUILD);
        String result = http.awaitResult("ui-freestyle", n, BUILD);
        String console = http.console("ui-freestyle", n);
        Files.writeString(work.resolve("ui-freestyle-" + n + ".log"), console);
        check("SUCCESS".equals(result), "after the restart: ui-freestyle #" + n + " succeeds (was " + result + ")", tail(console, 30));
        browser = new Browser(jenkins.url, screenshots, work.resolve("chromedriver-2.log"));
        login();
        browser.open("manage/configure");
        WebElement name = browser.visible("the builder " + UI_BUILDER + " on the System page", browser.driver,
                By.xpath("//input[@name='_.name' and @value='" + UI_BUILDER + "']"));
        browser.scrollTo(name);
        browser.screenshot("system-after-restart");
    }

    // ---------------------------------------------------------------- cleanup

    @After
    public void tearDown() throws Exception {
        if (browser != null) {
            browser.close();
        }
        Processes.kill(agent, 10);
        if (jenkins != null && jenkins.isAlive()) {
            if (http != null) {
                jenkins.stopCleanly(http, Duration.ofSeconds(30));
            }
            jenkins.kill();
        }
        Processes.killAll();
        if (env != null && hasDocker()) {
            String container = "buildx_buildkit_" + localBuilder + "0";
            exec(Duration.ofSeconds(60), "docker", "rm", "-f", "-v", container);
            exec(Duration.ofSeconds(60), "docker", "volume", "rm", "-f", container + "_state");
            for (String image : engineImages) {
                exec(Duration.ofSeconds(60), "docker", "image", "rm", "-f", image);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean check(boolean ok, String what, String evidence) {
        if (!ok) {
            problems.add(what + (evidence == null || evidence.isBlank() ? "" : "\n" + JenkinsHttp.abbreviate(evidence.strip())));
            System.out.println("[acceptance] CHECK FAILED: " + what);
        }
        return ok;
    }

    interface Step {
        void run() throws Exception;
    }

    interface ValueStep<T> {
        T run() throws Exception;
    }

    private void phase(String name, Step step) throws Exception {
        phaseValue(name, () -> {
            step.run();
            return null;
        });
    }

    private <T> T phaseValue(String name, ValueStep<T> step) throws Exception {
        long t0 = System.nanoTime();
        System.out.println("[acceptance] >> " + name);
        try {
            return step.run();
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            timings.put(name, ms);
            System.out.printf("[acceptance] << %s: %.1f s%n", name, ms / 1000.0);
        }
    }

    private void printTimings() {
        StringBuilder b = new StringBuilder("[acceptance] timings:\n");
        timings.forEach((k, v) -> b.append(String.format("[acceptance]   %6.1f s  %s%n", v / 1000.0, k)));
        b.append(String.format("[acceptance]   %6.1f s  total%n", (System.nanoTime() - started) / 1e9));
        System.out.print(b);
    }

    private static Path requiredFile(String property) throws IOException {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IOException("system property " + property + " is not set (run through mvn verify)");
        }
        Path p = Path.of(value).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IOException(property + ": " + p + " does not exist (package the plugin first: mvn -B -ntp verify from the root)");
        }
        return p;
    }

    /**
     * chromium and chromedriver from Debian. When either is missing, ci/acceptance-deps.sh installs
     * them (as root, from Debian's archive), so that {@code mvn verify} works on a fresh machine even
     * when the CI script did not run it first.
     */
    private void ensureBrowser() throws Exception {
        if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.CHROMEDRIVER)) {
            return;
        }
        String script = System.getProperty("acceptance.deps.script");
        if (script != null && Files.exists(Path.of(script))) {
            System.out.println("[acceptance] " + Browser.CHROMIUM + " or " + Browser.CHROMEDRIVER + " missing: running " + script);
            exec(Duration.ofMinutes(10), "bash", script);
        }
        if (!Files.isExecutable(Browser.CHROMIUM) || !Files.isExecutable(Browser.CHROMEDRIVER)) {
            fail(Browser.CHROMIUM + " and " + Browser.CHROMEDRIVER + " are needed: run ci/acceptance-deps.sh as root");
        }
    }

    private static boolean hasDocker() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "docker"))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command (bounded), its output echoed; a non-zero status is reported, not thrown. */
    private static int exec(Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = Processes.track(new ProcessBuilder(command).redirectErrorStream(true).start());
        byte[] out;
        Thread reader;
        ByteCollector collector = new ByteCollector(p.getInputStream());
        reader = new Thread(collector);
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            Processes.kill(p, 5);
            throw new IOException(String.join(" ", command) + ": still running after " + timeout.toSeconds() + " s");
        }
        Processes.forget(p);
        reader.join(5000);
        out = collector.bytes();
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (p.exitValue() != 0) {
            System.out.println("[acceptance] " + command[0] + " " + command[1] + " exited " + p.exitValue() + ": " + text);
        }
        return p.exitValue();
    }

    private static final class ByteCollector implements Runnable {
        private final InputStream in;
        private volatile byte[] bytes = new byte[0];

        ByteCollector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            try {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                // the process is gone
            }
        }

        byte[] bytes() {
            return bytes;
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }

    /** The visible text of an HTML page, roughly: tags dropped, whitespace collapsed. */
    private static String text(String html) {
        return html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]*>", " ").replace("&nbsp;", " ")
                .replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replaceAll("\\s+", " ");
    }

    private static String excerpt(String text, String around) {
        int i = text.indexOf(around);
        if (i < 0) {
            return text.length() > 600 ? text.substring(0, 600) + "..." : text;
        }
        return text.substring(Math.max(0, i - 100), Math.min(text.length(), i + 500));
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
