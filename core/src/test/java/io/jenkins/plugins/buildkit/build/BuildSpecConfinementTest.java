package io.jenkins.plugins.buildkit.build;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Relative paths of a build confined to a workspace, as a Jenkins build is. */
public class BuildSpecConfinementTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path workspace;

    @Before
    public void makeWorkspace() throws Exception {
        workspace = tmp.newFolder("ws").toPath();
        Files.createDirectories(workspace.resolve("sub"));
        Files.writeString(workspace.resolve("Dockerfile"), "FROM scratch\n");
        Files.writeString(workspace.resolve("sub/Dockerfile"), "FROM scratch\n");
    }

    private List<BuildSpec.Problem> problems(Path workingDirectory, BuildSpec.Builder request) {
        return request.workingDirectory(workingDirectory).confinedTo(workspace).build().problems();
    }

    @Test
    public void aRelativeDestinationThatLeavesTheWorkspaceIsRefused() {
        List<BuildSpec.Problem> problems = problems(workspace, BuildSpec.builder().output("type=local,dest=../out")
                .cacheTo("type=local,dest=sub/../../cache"));
        assertEquals(2, problems.size());
        assertEquals(new BuildSpec.Problem("outputs", "\"../out\" leads out of the workspace " + workspace
                + " (an absolute path may name a directory outside it)"), problems.get(0));
        assertEquals("cacheTo", problems.get(1).field());
    }

    @Test
    public void belowTheWorkspaceParentPathsThatStayInsideItAreFine() {
        // dir('sub') { buildkitBuild context: '..', outputs: ['type=local,dest=../out'] }
        assertEquals(List.of(), problems(workspace.resolve("sub"), BuildSpec.builder().context("..").output("type=local,dest=../out")));
        assertTrue(problems(workspace.resolve("sub"), BuildSpec.builder().context("../..")).stream()
                .anyMatch(p -> p.field().equals("context") && p.message().contains("leads out of the workspace")));
    }

    /** Standard output is the command line's; on an agent it is the agent's own log. */
    @Test
    public void aTarballToStandardOutputIsRefusedInAWorkspace() {
        assertEquals(List.of(new BuildSpec.Problem("outputs", "dest=- (standard output) is for the command line; give a file in the workspace")),
                problems(workspace, BuildSpec.builder().output("type=tar,dest=-")));
        assertTrue(BuildSpec.builder().output("type=tar,dest=-").build().problems().stream().noneMatch(p -> p.field().equals("outputs")));
        assertTrue(BuildSpec.builder().output("type=local,dest=-").build().problems().stream()
                .anyMatch(p -> p.message().contains("type=local writes a directory; for a stream to standard output use type=tar,dest=-")));
    }

    @Test
    public void anAbsolutePathOutsideTheWorkspaceIsTheUsersChoice() throws Exception {
        Path elsewhere = tmp.newFolder("elsewhere").toPath();
        assertEquals(List.of(), problems(workspace, BuildSpec.builder().output("type=tar,dest=" + elsewhere.resolve("image.tar"))
                .cacheFrom("type=local,src=" + elsewhere)));
    }

    @Test
    public void anExportThroughASymbolicLinkInTheWorkspaceIsRefused() throws Exception {
        Path elsewhere = tmp.newFolder("target-of-link").toPath();
        Files.createSymbolicLink(workspace.resolve("out"), elsewhere);
        Files.createSymbolicLink(workspace.resolve("linked-dir"), elsewhere);
        List<BuildSpec.Problem> problems = problems(workspace, BuildSpec.builder().output("type=local,dest=out")
                .output("type=tar,dest=linked-dir/image.tar"));
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).message(), problems.get(0).message().contains("passes through the symbolic link out in the workspace"));
        assertTrue(problems.get(1).message(), problems.get(1).message().contains("symbolic link linked-dir"));
    }

    @Test
    public void withoutAConfinementRelativePathsMayGoAnywhere() {
        assertEquals(List.of(), BuildSpec.builder().workingDirectory(workspace.resolve("sub")).output("type=local,dest=../../out")
                .build().problems());
    }
}
