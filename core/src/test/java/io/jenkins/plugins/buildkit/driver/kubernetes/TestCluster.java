package io.jenkins.plugins.buildkit.driver.kubernetes;

import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The test cluster that ci/k8s/up.sh starts, as the kubernetes ITs find it. */
final class TestCluster {
    private TestCluster() {
    }

    /** Its admin kubeconfig; skips the test without a cluster, and fails it under CI, where one must run. */
    static String kubeconfig() throws IOException {
        String path = System.getenv("BUILDKIT_TEST_KUBECONFIG");
        if (path == null) {
            if (System.getenv("CI") != null) {
                fail("BUILDKIT_TEST_KUBECONFIG is not set: run the tests through ci/test.sh");
            }
            assumeTrue("no test cluster (bash ci/k8s/up.sh, then . /tmp/buildkit-k8s/env.sh)", false);
        }
        return Files.readString(Path.of(path));
    }
}
