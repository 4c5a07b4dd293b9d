package io.jenkins.plugins.buildkit.it;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.buildkit.client.ConnectionConfig;
import io.jenkins.plugins.buildkit.client.Endpoint;
import io.jenkins.plugins.buildkit.client.TlsConfig;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real daemon and registry that {@code ci/test-env.sh start} runs on loopback, described by the
 * variables it exports. Without them the integration tests are skipped, except under CI, where their
 * absence is a failure.
 */
public final class TestEnvironment {
    public final String address = System.getenv("BUILDKIT_TEST_ADDR");
    public final String socket = System.getenv("BUILDKIT_TEST_SOCKET");
    public final Path certs = System.getenv("BUILDKIT_TEST_CERTS") == null ? null : Path.of(System.getenv("BUILDKIT_TEST_CERTS"));
    public final String registry = System.getenv("BUILDKIT_TEST_REGISTRY");
    public final String registryUser = System.getenv("BUILDKIT_TEST_REGISTRY_USER");
    public final String registryPassword = System.getenv("BUILDKIT_TEST_REGISTRY_PASSWORD");
    public final Path busybox = Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX", "/bin/busybox"));
    /** A BuildKit image in the local engine, for docker-container builders. */
    public final String buildkitImage = System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local");

    public static TestEnvironment require() {
        TestEnvironment env = new TestEnvironment();
        if (env.address == null || env.socket == null || env.certs == null || env.registry == null) {
            if (System.getenv("CI") != null) {
                fail("BUILDKIT_TEST_ADDR, _SOCKET, _CERTS or _REGISTRY is not set: run the tests through ci/test.sh");
            }
            assumeTrue("no test environment (run ci/test.sh, or ci/test-env.sh start and . /tmp/buildkit-test-env/env.sh)", false);
        }
        return env;
    }

    public String pem(String name) {
        try {
            return Files.readString(certs.resolve(name), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RemoteDriverOptions remoteOptions() {
        return new RemoteDriverOptions(address, pem("ca.pem"), pem("client.pem"), pem("client-key.pem"), null,
                Duration.ofSeconds(20));
    }

    RemoteDriver driver() {
        return new RemoteDriver("test-remote", remoteOptions());
    }

    ConnectionConfig connection(TlsConfig tls, Duration timeout) {
        return new ConnectionConfig(Endpoint.parse(address), tls, timeout);
    }
}
