package io.jenkins.plugins.buildkit.driver;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.client.Endpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class RemoteDriverOptionsTest {
    private static List<String> problems(String endpoint, String ca, String cert, String key, String serverName) {
        return new RemoteDriverOptions(endpoint, ca, cert, key, serverName, null).problems();
    }

    @Test
    public void tlsRules() {
        assertEquals(List.of(), problems("tcp://127.0.0.1:1234", null, null, null, null));
        assertEquals(List.of(), problems("tcp://h:1", "CA", "C", "K", "name"));
        assertEquals(List.of(), problems("tcp://h:1", "CA", null, null, null));
        assertEquals(List.of("cacert: required when TLS is used (cert, key or servername given)"), problems("tcp://h:1", null, "C", "K", null));
        assertEquals(List.of("cacert: required when TLS is used (cert, key or servername given)"), problems("tcp://h:1", null, null, null, "name"));
        assertEquals(List.of("key: required when cert is given"), problems("tcp://h:1", "CA", "C", null, null));
        assertEquals(List.of("cert: required when key is given"), problems("tcp://h:1", "CA", null, "K", null));
    }

    @Test
    public void endpoints() {
        assertThat(problems("http://h:1", null, null, null, null).get(0), containsString("endpoint: \"http://h:1\" has an unsupported scheme"));
        assertThat(problems("tcp://h", null, null, null, null).get(0), containsString("needs a host and a port"));
        assertThat(problems("unix://relative.sock", null, null, null, null).get(0), containsString("absolute socket path"));
        assertEquals("/run/buildkit/buildkitd.sock", Endpoint.parse("unix:///run/buildkit/buildkitd.sock").socketPath());
        assertEquals(1234, Endpoint.parse("tcp://buildkit:1234").port());
        assertThat(new RemoteDriverOptions("tcp://h:1", null, null, null, null, Duration.ZERO).problems().get(0), containsString("timeout"));
    }

    @Test
    public void driverRefusesBadOptionsNamingTheBuilder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteDriver("ci", new RemoteDriverOptions("tcp://h:1", null, "C", null, null, null)));
        assertThat(e.getMessage(), containsString("builder \"ci\" (driver remote): cacert: required"));
    }
}
