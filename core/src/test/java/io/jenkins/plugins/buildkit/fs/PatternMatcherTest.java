package io.jenkins.plugins.buildkit.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/** .dockerignore semantics, as a table: patterns, path, whether it is matched (excluded). */
public class PatternMatcherTest {

    private static void check(List<String> patterns, String path, boolean expected) {
        assertEquals(patterns + " on " + path, expected, PatternMatcher.compile(patterns).matches(path));
    }

    @Test
    public void table() {
        Object[][] rows = {
            {List.of("*.log"), "a.log", true},
            {List.of("*.log"), "dir/a.log", false},
            {List.of("**/*.log"), "dir/sub/a.log", true},
            {List.of("**/*.log"), "a.log", true},
            {List.of("*.log", "!keep.log"), "keep.log", false},
            {List.of("*.log", "!keep.log"), "other.log", true},
            {List.of("*.log", "!keep.log", "keep.log"), "keep.log", true},
            {List.of("build"), "build/out/x.o", true},
            {List.of("build/"), "build/out/x.o", true},
            {List.of("/build"), "build", true},
            {List.of("docs/**"), "docs/a/b.md", true},
            {List.of("docs/**"), "docs", false},
            {List.of("docs/**", "!docs/README.md"), "docs/README.md", false},
            {List.of("**"), "anything/at/all", true},
            {List.of("a/**/b"), "a/b", true},
            {List.of("a/**/b"), "a/x/y/b", true},
            {List.of("a/**/b"), "a/x/y/c", false},
            {List.of("?.txt"), "a.txt", true},
            {List.of("?.txt"), "ab.txt", false},
            {List.of("[ab].txt"), "b.txt", true},
            {List.of("[ab].txt"), "c.txt", false},
            {List.of("[^ab].txt"), "c.txt", true},
            {List.of("a\\*b"), "a*b", true},
            {List.of("a\\*b"), "axb", false},
            {List.of("file.txt"), "file_txt", false},
            {List.of("./src/../tmp"), "tmp", true},
            {List.of("dir/*"), "dir/x", true},
            {List.of("dir/*"), "dir/x/y", true},
            {List.of("*"), "x/y", true},
            {List.of("!x"), "x", false},
            {List.of("  spaced.txt  "), "spaced.txt", true},
            {List.of("é*"), "éclair", true},
        };
        for (Object[] row : rows) {
            @SuppressWarnings("unchecked")
            List<String> patterns = (List<String>) row[0];
            check(patterns, (String) row[1], (Boolean) row[2]);
        }
    }

    @Test
    public void loneExclamationIsRejectedNamingThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatternMatcher.compile(List.of("!")));
        assertEquals("illegal exclusion pattern: \"!\"", e.getMessage());
    }

    @Test
    public void unterminatedClassIsRejectedNamingThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatternMatcher.compile(List.of("[ab")));
        assertEquals(true, e.getMessage().contains("\"[ab\""));
    }
}
