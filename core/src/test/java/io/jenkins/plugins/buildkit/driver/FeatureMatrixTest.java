package io.jenkins.plugins.buildkit.driver;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import io.jenkins.plugins.buildkit.driver.container.ContainerDriver;
import io.jenkins.plugins.buildkit.driver.container.ContainerDriverOptions;
import io.jenkins.plugins.buildkit.driver.docker.DockerDriver;
import io.jenkins.plugins.buildkit.driver.docker.DockerEndpoint;
import io.jenkins.plugins.buildkit.driver.kubernetes.KubernetesDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriver;
import io.jenkins.plugins.buildkit.driver.remote.RemoteDriverOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The capability matrix of docs/ARCHITECTURE.md, as the drivers declare it. */
public class FeatureMatrixTest {
    private final DockerDriver docker = new DockerDriver("engine", new DockerEndpoint(null, null), null);
    private final ContainerDriver container = new ContainerDriver("ctr", new DockerEndpoint(null, null), ContainerDriverOptions.parse(Map.of()), null);
    private final RemoteDriver remote = new RemoteDriver("far", new RemoteDriverOptions("tcp://127.0.0.1:1", null, null, null, null, null));

    private final RemoteDriver remoteWithoutEngine = new RemoteDriver("far", new RemoteDriverOptions("tcp://127.0.0.1:1", null, null,
            null, null, null), Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
    private final KubernetesDriver kubernetes = new KubernetesDriver("pods", Map.of(), null, null, null, null, null, List.of(),
            Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));

    @Test
    public void matrix() {
        assertEquals(EnumSet.of(DriverFeature.LOAD_INTO_DOCKER), docker.features());
        assertEquals(EnumSet.allOf(DriverFeature.class), container.features());
        assertEquals(EnumSet.allOf(DriverFeature.class), kubernetes.features());
        assertEquals(EnumSet.of(DriverFeature.CACHE_EXPORT, DriverFeature.TARBALL_OUTPUTS, DriverFeature.MULTI_PLATFORM,
                DriverFeature.ATTESTATIONS, DriverFeature.LOAD_INTO_DOCKER), remote.features());
    }

    /**
     * --load from a daemon outside Docker goes to the build machine's engine: refused before any work
     * when none answers there, naming the builder and the engine asked.
     */
    @Test
    public void loadIsRefusedWhereNoEngineAnswers() throws Exception {
        io.jenkins.plugins.buildkit.build.BuildSpec load = io.jenkins.plugins.buildkit.build.BuildSpec.builder()
                .tag("app:dev").output("type=docker").build();
        FeatureCheck.check(container, load);
        FeatureCheck.check(docker, load);
        for (Driver d : List.of(remoteWithoutEngine, kubernetes)) {
            String message = assertThrows(io.jenkins.plugins.buildkit.build.InvalidRequestException.class,
                    () -> FeatureCheck.check(d, load)).getMessage();
            assertThat(message, containsString("builder \"" + d.builderName() + "\" (driver " + d.driverName()
                    + ") loads images into the Docker Engine of the machine that runs the build, and none answers at"
                    + " unix:///nonexistent/docker.sock"));
        }
        // default-load asks for the same load without --load
        KubernetesDriver defaultLoad = new KubernetesDriver("pods", Map.of("default-load", "true"), null, null, null, null, null,
                List.of(), Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        io.jenkins.plugins.buildkit.build.BuildSpec plain = io.jenkins.plugins.buildkit.build.BuildSpec.builder().tag("app:dev").build();
        assertThrows(io.jenkins.plugins.buildkit.build.InvalidRequestException.class, () -> FeatureCheck.check(defaultLoad, plain));
        FeatureCheck.check(kubernetes, plain);
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
