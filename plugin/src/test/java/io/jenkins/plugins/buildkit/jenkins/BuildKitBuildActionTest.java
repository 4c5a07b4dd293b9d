package io.jenkins.plugins.buildkit.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** What the build page shows of an image build, and what the step returns. */
public class BuildKitBuildActionTest {
    private static final BuildOutcome OUTCOME = new BuildOutcome("ci", "remote", "sha256:abc", List.of("r.example.com/app:1"),
            List.of("linux/amd64", "linux/arm64"), Map.of("containerimage.digest", "sha256:abc"), 7, 5, 83_400);

    @Test
    public void summaryReadsAsAUserWouldCheckIt() {
        BuildKitBuildAction a = new BuildKitBuildAction(OUTCOME);
        assertEquals("ci (remote)", a.getBuilder());
        assertEquals(List.of("r.example.com/app:1"), a.getImageNames());
        assertEquals("sha256:abc", a.getDigest());
        assertEquals("linux/amd64, linux/arm64", a.getPlatforms());
        assertEquals("1 min 23 s", a.getDuration());
        assertEquals("5 of 7 steps cached", a.getSteps());
        assertNull("no sidebar link: the summary is on the build page", a.getUrlName());
    }

    @Test
    public void pullCommandsNameTheExactImageByDigest() {
        BuildKitBuildAction a = new BuildKitBuildAction(new BuildOutcome("ci", "remote", "sha256:abc",
                List.of("registry:5000/team/app:1.2", "registry:5000/team/app:latest", "app", "r.example.com/x@sha256:old"),
                List.of(), Map.of(), 1, 0, 1));
        assertEquals(List.of("docker pull registry:5000/team/app@sha256:abc", "docker pull app@sha256:abc",
                "docker pull r.example.com/x@sha256:abc"), a.getPullCommands());
        assertEquals("no digest, nothing to pull", List.of(), new BuildKitBuildAction(new BuildOutcome("ci", "remote", null,
                List.of("app:1"), List.of(), Map.of(), 1, 0, 1)).getPullCommands());
    }

    @Test
    public void stepResultHoldsDigestNamesAndMetadata() {
        Map<String, Object> r = OUTCOME.toStepResult();
        assertEquals("sha256:abc", r.get("digest"));
        assertEquals(List.of("r.example.com/app:1"), r.get("imageNames"));
        assertEquals("sha256:abc", ((Map<?, ?>) r.get("metadata")).get("containerimage.digest"));
        assertEquals("ci", r.get("builder"));
    }
}
