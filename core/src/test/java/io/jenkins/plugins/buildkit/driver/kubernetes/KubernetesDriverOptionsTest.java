package io.jenkins.plugins.buildkit.driver.kubernetes;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.build.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.Test;

/**
 * Every kubernetes driver option with a bad value is refused when the driver is made (before any
 * object is created, which KubernetesDriverIT checks on the cluster), naming the option and the value.
 */
public class KubernetesDriverOptionsTest {
    /** Option, bad value, and the words that say what is wrong with it. */
    private static final String[][] BAD = {
        {"image", " ", "is empty"},
        {"namespace", "Not_A_Namespace", "is not a Kubernetes namespace name"},
        {"replicas", "zero", "is not a whole number"},
        {"replicas", "0", "is not between 1 and 100"},
        {"requests.cpu", "lots", "is not a Kubernetes quantity"},
        {"requests.memory", "1GB", "is not a Kubernetes quantity"},
        {"requests.ephemeral-storage", "-1Gi", "is not a Kubernetes quantity"},
        {"limits.cpu", "two", "is not a Kubernetes quantity"},
        {"limits.memory", "4 Gi", "is not a Kubernetes quantity"},
        {"limits.ephemeral-storage", "x", "is not a Kubernetes quantity"},
        {"persistent-volume-claim.requests.storage", "10 gigs", "is not a Kubernetes quantity"},
        {"rootless", "yes", "is not true or false"},
        {"buildkit-root-volume-memory", "lots", "is not a Kubernetes quantity"},
        {"schedulername", "My Scheduler", "is not a Kubernetes object name"},
        {"serviceaccount", "Builder_Account", "is not a Kubernetes object name"},
        {"nodeselector", "no-equals-sign", "is not KEY=VALUE"},
        {"nodeselector", "bad key!=x", "is not a Kubernetes label or annotation key"},
        {"annotations", "buildx.docker.com/platform=linux/arm64", "is set by the driver itself"},
        {"labels", "app=mine", "is set by the driver itself"},
        {"tolerations", "operator=Maybe", "is not an operator"},
        {"tolerations", "effect=Sometimes", "is not an effect"},
        {"tolerations", "key=a,tolerationSeconds=soon", "is not a number of seconds"},
        {"tolerations", "colour=blue", "is not key=, operator=, value=, effect= or tolerationSeconds="},
        {"loadbalance", "roundrobin", "is not sticky or random"},
        {"qemu.install", "maybe", "is not true or false"},
        {"qemu.image", "", "is empty"},
        {"default-load", "1", "is not true or false"},
        {"timeout", "2m", "is not a whole number"},
        {"timeout", "0", "is not between 1 and 3600"},
        {"env.1BAD", "x", "is not an environment variable name"},
        {"hostnetwork", "on", "is not true or false"},
    };

    @Test
    public void everyOptionWithABadValueIsRefusedNamingItAndTheValue() {
        for (String[] row : BAD) {
            InvalidRequestException e = assertThrows(row[0] + "=" + row[1], InvalidRequestException.class,
                    () -> KubernetesDriverOptions.parse(Map.of(row[0], row[1])));
            assertEquals(row[0], e.problems().get(0).field());
            assertThat(e.getMessage(), containsString("driver option " + row[0] + ": "));
            assertThat(e.getMessage(), containsString(row[2]));
        }
    }

    @Test
    public void anUnknownOptionIsRefusedListingTheKnownOnes() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> KubernetesDriverOptions.parse(Map.of("replica", "2")));
        assertThat(e.getMessage(), containsString("unknown driver option \"replica\" for the kubernetes driver (known: "));
        assertThat(e.getMessage(), containsString("replicas"));
    }

    @Test
    public void buildxDefaults() {
        KubernetesDriverOptions o = KubernetesDriverOptions.parse(new LinkedHashMap<>());
        assertEquals(KubernetesDriverOptions.DEFAULT_IMAGE, o.image);
        assertEquals(1, o.replicas);
        assertEquals(KubernetesDriverOptions.LoadBalance.STICKY, o.loadBalance);
        assertEquals(120, o.timeout().toSeconds());
        assertEquals("tonistiigi/binfmt:latest", o.qemuImage);
        assertEquals(KubernetesDriverOptions.DEFAULT_IMAGE + "-rootless",
                KubernetesDriverOptions.parse(Map.of("rootless", "true")).image);
    }
}
