package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.buildkit.it.RawJsonLogs;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.RuleChain;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * The Jenkins half of the secret scan: a Pipeline on an agent builds with a secret (whole, cut
 * across log chunks, and multi-line), a registry login, an SSH key and the builder's TLS key, in
 * every progress mode, succeeding and failing. Then every file Jenkins keeps (console logs, build.xml,
 * config.xml, the global configuration) is searched for each of them.
 */
public class SecretScanIT {
    private final JenkinsRule r = new JenkinsRule();

    @Rule
    public RuleChain rules = RuleChain.outerRule(new ClassFilterGuard()).around(r);

    @Test
    public void noSecretReachesTheConsoleOrAnyStoredFile() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        String secret = "jenkins-scan-" + System.nanoTime() + "-value";
        String multiLine = "first line of the file secret " + System.nanoTime() + "\nsecond line, also secret";
        String sshKey = Files.readString(Path.of(System.getenv("BUILDKIT_TEST_SSH_KEY")));
        StoredCredentials.certificate(TestJenkins.CLIENT_CERT, env.pem("client.pem"), env.pem("client-key.pem"));
        StoredCredentials.usernamePassword(TestJenkins.REGISTRY_LOGIN, env.registryUser, env.registryPassword);
        StoredCredentials.secretText("tok", secret);
        StoredCredentials.secretFile("multi", multiLine);
        StoredCredentials.sshKey("deploy-key", sshKey);
        TestJenkins.useBuilders("shared", TestJenkins.remoteBuilder("shared", env));
        r.createOnlineSlave(Label.get("linux"));

        List<String> forbidden = new ArrayList<>(List.of(secret, env.registryPassword));
        for (String text : List.of(multiLine, sshKey, env.pem("client-key.pem"))) {
            for (String line : text.split("\n")) {
                if (line.strip().length() >= 8 && !line.startsWith("-----")) {
                    forbidden.add(line.strip());
                }
            }
        }
        int runs = 0;
        for (String progress : List.of("plain", "rawjson", "quiet")) {
            for (boolean fail : List.of(false, true)) {
                WorkflowJob job = r.createProject(WorkflowJob.class, "scan-" + progress + (fail ? "-failing" : ""));
                job.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                        + "writeFile file: 'Dockerfile', text: '''FROM scratch\nCOPY rootfs/ /\n"
                        + "RUN --mount=type=secret,id=tok --mount=type=secret,id=multi --mount=type=ssh cat /run/secrets/tok"
                        + " && echo && head -c 9 /run/secrets/tok && sleep 1 && tail -c +10 /run/secrets/tok && echo"
                        + " && cat /run/secrets/multi && echo" + (fail ? " && cat /run/secrets/tok >&2 && exit 3" : "") + "\n'''\n"
                        + "sh '''" + TestJenkins.busyboxRootfs(env) + "'''\n"
                        + "buildkitBuild progress: '" + progress + "', noCache: true, push: true,"
                        + " tags: ['" + env.registry + "/jenkins/scan:" + progress + System.nanoTime() + "'],"
                        + " secrets: [[id: 'tok', credentialsId: 'tok'], [id: 'multi', credentialsId: 'multi']],"
                        + " ssh: [[id: 'default', credentialsId: 'deploy-key']],"
                        + " registryCredentials: [[registry: '" + env.registry + "', credentialsId: '" + TestJenkins.REGISTRY_LOGIN + "']]\n"
                        + "}\n", true));
                WorkflowRun run = r.buildAndAssertStatus(fail ? Result.FAILURE : Result.SUCCESS, job);
                String log = JenkinsRule.getLog(run);
                if (!progress.equals("quiet")) {
                    String shown = progress.equals("rawjson") ? RawJsonLogs.decoded(log) : log;
                    assertTrue(progress + ": the step printed the secret, masked:\n" + log, shown.contains("****"));
                }
                runs++;
            }
        }
        assertEquals(6, runs);
        // Everything Jenkins keeps: logs, build.xml, job and global configuration. Jenkins may still be
        // writing one atomically (a temporary file renamed into place): a file gone meanwhile is skipped.
        r.waitUntilNoActivity();
        List<Path> kept = new ArrayList<>();
        Files.walkFileTree(r.jenkins.getRootDir().toPath(), new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path p, java.nio.file.attribute.BasicFileAttributes attrs) {
                String name = p.getFileName().toString();
                if (attrs.isRegularFile() && (name.equals("log") || name.endsWith(".xml")) && !name.equals("credentials.xml")) {
                    kept.add(p);
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path p, java.io.IOException e) {
                return java.nio.file.FileVisitResult.CONTINUE;
            }
        });
        assertTrue("the builds' logs are among the files: " + kept, kept.stream().filter(p -> p.getFileName().toString().equals("log")).count() >= 6);
        for (Path file : kept) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.ISO_8859_1);
            } catch (java.nio.file.NoSuchFileException renamedMeanwhile) {
                continue;
            }
            String decoded = RawJsonLogs.decoded(text);
            for (String value : forbidden) {
                assertFalse(value + " is in " + file, text.contains(value) || decoded.contains(value));
            }
        }
        assertFalse("the stored credentials are encrypted", Files.readString(new File(r.jenkins.getRootDir(), "credentials.xml").toPath())
                .contains(secret));
    }
}
