package io.jenkins.plugins.buildkit.jenkins;

import hudson.slaves.DumbSlave;
import io.jenkins.plugins.buildkit.it.TestEnvironment;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/**
 * How long a RUN step's output line takes to reach a Pipeline's console log when the build runs on
 * an agent (its own JVM): the step prints its clock every 100 ms (busybox adjtimex, µs); this reads
 * the build's log file as it grows and stamps each line's arrival. A benchmark, run on demand
 * ({@code mvn -o -pl plugin surefire:test -Dtest=ConsoleLatencyBench} with the test environment up);
 * it prints numbers and asserts nothing, and no CI pattern runs it.
 */
public class ConsoleLatencyBench {
    private static final Pattern STAMP = Pattern.compile("TS=(\\d{16})");

    @Rule
    public JenkinsRule r = new JenkinsRule();

    @Test
    public void printConsoleLatency() throws Exception {
        TestEnvironment env = TestEnvironment.require();
        StoredCredentials.certificate(TestJenkins.CLIENT_CERT, env.pem("client.pem"), env.pem("client-key.pem"));
        TestJenkins.useBuilders("ci", TestJenkins.remoteBuilder("ci", env));
        DumbSlave agent = r.createOnlineSlave(r.jenkins.getLabel("latency-agent"));
        WorkflowJob job = r.createProject(WorkflowJob.class, "latency");
        String tick = "i=0\nwhile [ $i -lt 40 ]; do\n"
                + "  /bin/busybox adjtimex | /bin/busybox awk '/tv_sec/ { s = $2 } /tv_usec/ { u = $2 } END { printf \"TS=%d%06d\\\\n\", s, u }'\n"
                + "  /bin/busybox sleep 0.1\n  i=$((i + 1))\ndone\n";
        job.setDefinition(new CpsFlowDefinition("node('latency-agent') {\n"
                + "  dir('ctx') { sh '" + TestJenkins.busyboxRootfs(env) + " && ln -sf busybox rootfs/bin/awk' }\n"
                + "  writeFile file: 'ctx/tick.sh', text: '''" + tick + "'''\n"
                + "  writeFile file: 'ctx/Dockerfile', text: 'FROM scratch\\nCOPY rootfs/ /\\nCOPY tick.sh /\\nRUN /bin/sh /tick.sh\\n'\n"
                + "  for (int i = 0; i < 3; i++) {\n"
                + "    buildkitBuild context: 'ctx', noCache: true, outputs: ['type=cacheonly']\n"
                + "  }\n}\n", true));
        WorkflowRun run = job.scheduleBuild2(0).waitForStart();
        List<Double> latenciesMs = new ArrayList<>();
        StringBuilder partial = new StringBuilder();
        while (!run.getLogFile().exists()) {
            Thread.sleep(2);
        }
        // One handle for the whole build, polled as the file grows.
        try (RandomAccessFile log = new RandomAccessFile(run.getLogFile(), "r")) {
            long offset = 0;
            while (run.isBuilding() || offset < log.length()) {
                if (log.length() > offset) {
                    byte[] fresh = new byte[(int) (log.length() - offset)];
                    log.seek(offset);
                    log.readFully(fresh);
                    offset += fresh.length;
                    long arrivedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                    partial.append(new String(fresh, StandardCharsets.UTF_8));
                    int end;
                    while ((end = partial.indexOf("\n")) >= 0) {
                        Matcher m = STAMP.matcher(partial.substring(0, end));
                        if (m.find()) {
                            latenciesMs.add((arrivedMicros - Long.parseLong(m.group(1))) / 1000.0);
                        }
                        partial.delete(0, end + 1);
                    }
                }
                Thread.sleep(2);
            }
        }
        r.assertBuildStatusSuccess(run);
        latenciesMs.sort(null);
        int n = latenciesMs.size();
        System.out.printf(Locale.ROOT, "console latency on an agent, %d lines: median %.1f ms, p90 %.1f ms, max %.1f ms (%s)%n", n,
                latenciesMs.get((n - 1) / 2), latenciesMs.get((int) Math.ceil(n * 0.9) - 1), latenciesMs.get(n - 1), agent.getNodeName());
    }
}
