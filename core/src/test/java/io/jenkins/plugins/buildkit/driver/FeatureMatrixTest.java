package io.jenkins.plugins.buildkit.driver;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.util.EnumSet;
import java.util.Map;
import org.junit.Test;

/** The capability matrix of docs/ARCHITECTURE.md, as the drivers declare it. */
public class FeatureMatrixTest {
    private final DockerDriver docker = new DockerDriver("engine", new DockerEndpoint(null, null), null);
    private final ContainerDriver container = new ContainerDriver("ctr", new DockerEndpoint(null, null), ContainerDriverOptions.parse(Map.of()), null);
    private final RemoteDriver remote = new RemoteDriver("far", new RemoteDriverOptions("tcp://127.0.0.1:1", null, null, null, null, null));

    @Test
    public void matrix() {
        assertEquals(EnumSet.of(DriverFeature.LOAD_INTO_DOCKER), docker.features());
        assertEquals(EnumSet.allOf(DriverFeature.class), container.features());
        assertEquals(EnumSet.of(DriverFeature.CACHE_EXPORT, DriverFeature.TARBALL_OUTPUTS, DriverFeature.MULTI_PLATFORM,
                DriverFeature.ATTESTATIONS), remote.features());
    }

    /** --load needs a Docker Engine: refused before connecting where the builder has none, naming the feature. */
    @Test
    public void loadIsRefusedWhereThereIsNoEngine() throws Exception {
        io.jenkins.plugins.buildkit.build.BuildSpec load = io.jenkins.plugins.buildkit.build.BuildSpec.builder()
                .tag("app:dev").output("type=docker").build();
        FeatureCheck.check(container, load);
        FeatureCheck.check(docker, load);
        assertThat(assertThrows(UnsupportedFeatureException.class, () -> FeatureCheck.check(remote, load)).getMessage(),
                containsString("builder \"far\" (driver remote) does not support loading the image into Docker"));
    }

    @Test
    public void configurationOnlyWhereTheDriverStartsTheDaemon() throws Exception {
        FeatureCheck.checkConfiguration(container, true);
        FeatureCheck.checkConfiguration(docker, false);
        assertThat(assertThrows(UnsupportedFeatureException.class, () -> FeatureCheck.checkConfiguration(docker, true)).getMessage(),
                containsString("builder \"engine\" (driver docker) does not support BuildKit configuration; use a builder with the docker-container driver instead"));
        assertThat(assertThrows(UnsupportedFeatureException.class, () -> FeatureCheck.checkConfiguration(remote, true)).getMessage(),
                containsString("the daemon's configuration belongs to whoever runs it"));
    }
}
