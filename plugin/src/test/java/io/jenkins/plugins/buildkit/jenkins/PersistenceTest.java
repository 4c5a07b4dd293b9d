package io.jenkins.plugins.buildkit.jenkins;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.CoreMatchers.not;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;

import com.thoughtworks.xstream.XStream;
import com.thoughtworks.xstream.security.AnyTypePermission;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * What Jenkins writes to disk for us goes through XStream, the serializer of Jenkins 2.479: the
 * builders (in the global configuration's XML) and the build page's record (in build.xml).
 */
public class PersistenceTest {
    private static Object roundTrip(Object o) {
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        String xml = xstream.toXML(o);
        return xstream.fromXML(xml);
    }

    @Test
    public void buildersSurviveARestart() {
        RemoteDriverConfig remote = new RemoteDriverConfig("tcp://buildkitd.example.com:1234");
        remote.setCredentialsId("client-cert");
        remote.setCaCertificate("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        DockerContainerDriverConfig container = new DockerContainerDriverConfig();
        container.setMemory("2g");
        container.setPrivileged(false);
        BuilderConfig local = new BuilderConfig("local", container);
        local.setBuildkitdConfig("debug = true\n");
        local.setPlatforms("linux/amd64");
        @SuppressWarnings("unchecked")
        List<BuilderConfig> back = (List<BuilderConfig>) roundTrip(new java.util.ArrayList<>(List.of(
                new BuilderConfig("shared", remote), local, new BuilderConfig("engine", new DockerDriverConfig()))));
        assertEquals(3, back.size());
        RemoteDriverConfig r = (RemoteDriverConfig) back.get(0).getDriver();
        assertEquals("tcp://buildkitd.example.com:1234", r.getEndpoint());
        assertEquals("client-cert", r.getCredentialsId());
        DockerContainerDriverConfig c = (DockerContainerDriverConfig) back.get(1).getDriver();
        assertEquals("2g", c.getMemory());
        assertEquals(false, c.isPrivileged());
        assertEquals(local.getBuildkitdConfig(), back.get(1).getBuildkitdConfig());
        assertEquals(List.of(), back.get(1).problems());
    }

    @Test
    public void theBuildPageRecordSurvivesARestartWithoutTheWholeMetadata() {
        BuildOutcome outcome = new BuildOutcome("ci", "remote", "sha256:abc", List.of("r.example.com/app:1"),
                List.of("linux/amd64"), Map.of("containerimage.config", "{\"huge\":\"config\"}"), 4, 3, 1500);
        XStream xstream = new XStream();
        xstream.addPermission(AnyTypePermission.ANY);
        String xml = xstream.toXML(new BuildKitBuildAction(outcome));
        assertThat(xml, not(containsString("huge")));
        BuildKitBuildAction back = (BuildKitBuildAction) xstream.fromXML(xml);
        assertEquals("sha256:abc", back.getDigest());
        assertEquals("3 of 4 steps cached", back.getSteps());
        assertEquals(List.of("r.example.com/app:1"), back.getImageNames());
    }
}
