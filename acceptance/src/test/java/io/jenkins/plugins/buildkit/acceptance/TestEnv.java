package io.jenkins.plugins.buildkit.acceptance;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test environment {@code ci/test-env.sh start} runs on loopback, as its {@code env.sh} exports
 * it. Without it the acceptance test is skipped locally and fails under CI, like the other ITs.
 */
final class TestEnv {
    final String address = System.getenv("BUILDKIT_TEST_ADDR");
    final String socket = System.getenv("BUILDKIT_TEST_SOCKET");
    final Path certs = pathOrNull(System.getenv("BUILDKIT_TEST_CERTS"));
    final String registry = System.getenv("BUILDKIT_TEST_REGISTRY");
    final String registryUser = System.getenv("BUILDKIT_TEST_REGISTRY_USER");
    final String registryPassword = System.getenv("BUILDKIT_TEST_REGISTRY_PASSWORD");
    final String buildkitImage = System.getenv().getOrDefault("BUILDKIT_TEST_IMAGE", "buildkit-jenkins-test/buildkit:local");
    final Path busybox = Path.of(System.getenv().getOrDefault("BUILDKIT_TEST_BUSYBOX", "/bin/busybox"));

    static TestEnv require() {
        TestEnv env = new TestEnv();
        if (env.address == null || env.socket == null || env.registry == null || env.certs == null) {
            if (System.getenv("CI") != null) {
                fail("BUILDKIT_TEST_ADDR/_SOCKET/_REGISTRY/_CERTS are not set: run through ci/test.sh");
            }
            assumeTrue("no test environment (ci/test-env.sh start, then . /tmp/buildkit-test-env/env.sh)", false);
        }
        return env;
    }

    String pem(String name) throws IOException {
        return Files.readString(certs.resolve(name), StandardCharsets.US_ASCII);
    }

    private static Path pathOrNull(String s) {
        return s == null ? null : Path.of(s);
    }
}
