package io.jenkins.plugins.buildkit.it;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.fail;

import io.jenkins.plugins.buildkit.client.BuildKitClient;
import io.jenkins.plugins.buildkit.client.BuildKitException;
import io.jenkins.plugins.buildkit.client.ConnectionConfig;
import io.jenkins.plugins.buildkit.client.Endpoint;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.DriverStatus;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import io.jenkins.plugins.buildkit.wire.control.PruneRequest;
import io.jenkins.plugins.buildkit.wire.types.WorkerRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.Before;
import org.junit.Test;

/** Connecting to the real daemon: the calls of the Control service, and each way TLS can go wrong. */
public class ConnectionIT {
    private static final Duration SHORT = Duration.ofSeconds(5);
    private TestEnvironment env;

    @Before
    public void setUp() {
        env = TestEnvironment.require();
    }

    @Test
    public void infoWorkersDiskUsageAndPruneOverMutualTls() throws Exception {
        try (BuildKitClient client = env.driver().connect()) {
            assertEquals("v0.34.2", client.info().getBuildkitVersion().getVersion());
            List<WorkerRecord> workers = client.listWorkers();
            assertFalse(workers.isEmpty());
            List<String> platforms = workers.get(0).getPlatformsList().stream()
                    .map(p -> p.getOS() + "/" + p.getArchitecture()).collect(Collectors.toList());
            assertThat(platforms, hasItem("linux/amd64"));
            client.diskUsage(List.of());
            List<String> pruned = new ArrayList<>();
            // A filter no record matches: the call works and removes nothing other tests rely on.
            client.prune(PruneRequest.newBuilder().addFilter("id==no-such-record").build(), r -> pruned.add(r.getID()));
            assertEquals(List.of(), pruned);
        }
    }

    @Test
    public void unixSocketWorksWithoutTls() throws Exception {
        try (BuildKitClient client = BuildKitClient.connect(new ConnectionConfig(Endpoint.parse(env.socket), null, SHORT))) {
            assertEquals("v0.34.2", client.info().getBuildkitVersion().getVersion());
        }
    }

    @Test
    public void remoteDriverBootstrapAndStatus() throws Exception {
        RemoteDriver driver = env.driver();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        driver.bootstrap(new PrintStream(log, true, StandardCharsets.UTF_8), java.util.Map.of());
        assertThat(log.toString(StandardCharsets.UTF_8), containsString("connected to BuildKit v0.34.2"));
        assertEquals(DriverStatus.RUNNING, driver.status());
        RemoteDriver nowhere = new RemoteDriver("gone", new RemoteDriverOptions("tcp://127.0.0.1:1", null, null, null, null, SHORT));
        assertEquals(DriverStatus.INACTIVE, nowhere.status());
    }

    private String connectFailure(ConnectionConfig config) {
        try (BuildKitClient ignored = BuildKitClient.connect(config)) {
            fail("connected although it should not have");
            return null;
        } catch (BuildKitException e) {
            System.out.println(e.getMessage());
            return e.getMessage();
        }
    }

    @Test
    public void missingClientCertificateIsAClearError() {
        String message = connectFailure(env.connection(new TlsConfig(env.pem("ca.pem"), null, null, null), SHORT));
        assertThat(message, containsString("cannot connect to BuildKit at " + env.address));
        assertThat(message, containsString("client certificate"));
    }

    @Test
    public void wrongCaIsAClearError() {
        String message = connectFailure(env.connection(
                new TlsConfig(env.pem("other-ca.pem"), env.pem("client.pem"), env.pem("client-key.pem"), null), SHORT));
        assertThat(message, containsString("cannot connect to BuildKit at " + env.address));
        assertThat(message, containsString("not signed by the given CA"));
    }

    @Test
    public void plaintextAgainstTheTlsPortIsAClearError() {
        String message = connectFailure(env.connection(null, SHORT));
        assertThat(message, containsString("cannot connect to BuildKit at " + env.address));
        assertThat(message, containsString("TLS"));
    }

    @Test
    public void nothingListeningIsAClearError() {
        String message = connectFailure(new ConnectionConfig(Endpoint.parse("tcp://127.0.0.1:1"), null, SHORT));
        assertThat(message, containsString("cannot connect to BuildKit at tcp://127.0.0.1:1"));
        assertThat(message.toLowerCase(), containsString("refused"));
    }
}
