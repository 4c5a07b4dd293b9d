package io.jenkins.plugins.buildkit.fs;

import static org.junit.Assert.assertEquals;

import io.jenkins.plugins.buildkit.wire.fsutil.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class DirectoryWalkerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path root;

    private void file(String rel) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, rel);
    }

    private List<String> walk(DirectoryWalker.Filter filter) throws IOException {
        List<String> paths = new ArrayList<>();
        new DirectoryWalker(root, filter).walk((stat, f) -> paths.add(stat.getPath()));
        return paths;
    }

    @Test
    public void depthFirstByteWiseWithSlashLowest() throws IOException {
        root = tmp.newFolder().toPath();
        file("a/b");
        file("a-b");
        file("a.b");
        file("B");
        file("a/c/d");
        file("é");
        file("z");
        // 'B' (0x42) < 'a'; "a/" before "a-b" and "a.b" because the slash sorts lowest; é (0xC3) last.
        assertEquals(List.of("B", "a", "a/b", "a/c", "a/c/d", "a-b", "a.b", "z", "é"), walk(DirectoryWalker.Filter.none()));
    }

    @Test
    public void statCarriesGoModesSizeAndLinks() throws IOException {
        root = tmp.newFolder().toPath();
        file("dir/exe");
        Files.setPosixFilePermissions(root.resolve("dir/exe"), PosixFilePermissions.fromString("rwxr-x--x"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("dir/exe"));
        List<Stat> stats = new ArrayList<>();
        new DirectoryWalker(root, DirectoryWalker.Filter.none()).walk((stat, f) -> stats.add(stat));
        assertEquals("dir", stats.get(0).getPath());
        assertEquals(GoFileMode.DIR, stats.get(0).getMode() & GoFileMode.DIR);
        assertEquals(0, stats.get(0).getSize());
        assertEquals(0751, stats.get(1).getMode());
        assertEquals("dir/exe".length(), stats.get(1).getSize());
        assertEquals(GoFileMode.SYMLINK | 0777, stats.get(2).getMode());
        assertEquals("dir/exe", stats.get(2).getLinkname());
    }

    @Test
    public void excludedDirectoryIsEnteredOnlyForReinclusionAndEmittedBeforeItsKeptChild() throws IOException {
        root = tmp.newFolder().toPath();
        file("docs/a.md");
        file("docs/keep/README.md");
        file("logs/x.log");
        file("src/main.c");
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of(),
                List.of("docs", "!docs/keep/README.md", "logs"), List.of());
        assertEquals(List.of("docs", "docs/keep", "docs/keep/README.md", "src", "src/main.c"), walk(filter));
    }

    @Test
    public void includePatternsKeepParentsOfIncludedFiles() throws IOException {
        root = tmp.newFolder().toPath();
        file("Dockerfile");
        file("other/Dockerfile");
        file("sub/dir/Dockerfile");
        file("sub/dir/other");
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of("sub/dir/Dockerfile"), List.of(), List.of());
        assertEquals(List.of("sub", "sub/dir", "sub/dir/Dockerfile"), walk(filter));
    }

    @Test
    public void followPathsBringSymlinkTargets() throws IOException {
        root = tmp.newFolder().toPath();
        file("real/Dockerfile");
        file("unrelated");
        Files.createSymbolicLink(root.resolve("Dockerfile"), Path.of("real/Dockerfile"));
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of("Dockerfile"), List.of(), List.of("Dockerfile"));
        assertEquals(List.of("Dockerfile", "real", "real/Dockerfile"), walk(filter));
    }

    @Test
    public void hardLinksPointAtTheFirstName() throws IOException {
        root = tmp.newFolder().toPath();
        file("a");
        Files.createLink(root.resolve("b"), root.resolve("a"));
        List<Stat> stats = new ArrayList<>();
        new DirectoryWalker(root, DirectoryWalker.Filter.none()).walk((stat, f) -> stats.add(stat));
        assertEquals("", stats.get(0).getLinkname());
        assertEquals("a", stats.get(1).getLinkname());
    }

    /*
     * The next tests mirror fsutil's walker (filter.go), which decides an entry with patternmatcher's
     * MatchesUsingParentResults: a rule that matched the directory matches the entry without being
     * tried again, any other rule is tried on the entry's own path only, and a rule skipped for the
     * directory (an inclusion after the directory was already matched) is not carried into it.
     */

    @Test
    public void laterRuleExcludingAnAlreadyExcludedDirectoryAgainDoesNotUndoAReinclusionBelowIt() throws IOException {
        root = tmp.newFolder().toPath();
        file("dir/keep");
        file("dir/other");
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of(), List.of("dir", "!dir/keep", "dir"), List.of());
        // the second "dir" is skipped for dir (already excluded), so it says nothing about dir/keep
        assertEquals(List.of("dir", "dir/keep"), walk(filter));
    }

    @Test
    public void reinclusionOfADirectoryDoesNotReachAnEntryThatARuleMatchedItself() throws IOException {
        root = tmp.newFolder().toPath();
        file("dir/x");
        file("dir/y");
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of(), List.of("dir/x", "!dir"), List.of());
        // "!dir" was skipped for dir (not excluded), so it is tried on dir/x itself only, and fails
        assertEquals(List.of("dir", "dir/y"), walk(filter));
    }

    @Test
    public void aRuleThatMatchedTheDirectoryAppliesToItsEntriesAfterEarlierRules() throws IOException {
        root = tmp.newFolder().toPath();
        file("dir/a.log");
        file("dir/b.txt");
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of(), List.of("*.log", "!dir", "dir"), List.of());
        // dir: *.log no, !dir skipped, dir yes; below it the carried "dir" decides last, whatever "!dir" did
        assertEquals(List.of(), walk(filter));
    }

    @Test
    public void onlyThePatternWithoutItsTrailingGlobsDecidesWhetherAnExcludedDirectoryIsEntered() throws IOException {
        root = tmp.newFolder().toPath();
        file("x/a/f");
        file("x/g");
        DirectoryWalker.Filter filter = new DirectoryWalker.Filter(List.of(), List.of("x", "!x/*/**"), List.of());
        // fsutil trims "/**" and then "/*": "x" is literal, so x is entered but x/a (excluded, and no
        // exception pattern starts with "x/a/") is not, and x/a/f stays out although "!x/*/**" names it
        assertEquals(List.of(), walk(filter));
    }
}
