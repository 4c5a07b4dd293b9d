package io.jenkins.plugins.buildkit.fs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
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

    @Test
    public void unterminatedEscapeInClassIsRejectedNamingThePattern() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PatternMatcher.compile(List.of("a[b\\")));
        assertTrue(e.getMessage(), e.getMessage().contains("\"a[b\\\""));
    }

    // --- the former translation to java.util.regex, kept here only as the reference the matcher must agree with

    /** The regular expression a pattern used to be translated to (the matcher's specification). */
    static String referenceRegex(String pattern) {
        StringBuilder re = new StringBuilder("^");
        int n = pattern.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char ch = pattern.charAt(i);
            if (inClass) {
                if (ch == ']') {
                    inClass = false;
                    re.append(']');
                } else if (ch == '\\' && i + 1 < n) {
                    re.append('\\').append(pattern.charAt(++i));
                } else if (ch == '[' || ch == '&') {
                    re.append('\\').append(ch);
                } else {
                    re.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '*':
                    if (i + 1 < n && pattern.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < n && pattern.charAt(i + 1) == '/') {
                            i++;
                        }
                        re.append(i + 1 >= n ? ".*" : "(.*/)?");
                    } else {
                        re.append("[^/]*");
                    }
                    break;
                case '?':
                    re.append("[^/]");
                    break;
                case '[':
                    inClass = true;
                    re.append('[');
                    if (i + 1 < n && pattern.charAt(i + 1) == '^') {
                        re.append('^');
                        i++;
                    }
                    break;
                case '\\':
                    if (i + 1 < n) {
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    } else {
                        re.append("\\\\");
                    }
                    break;
                default:
                    if (".+()|{}$^]".indexOf(ch) >= 0) {
                        re.append('\\');
                    }
                    re.append(ch);
            }
        }
        if (inClass) {
            throw new PatternSyntaxException("unterminated character class", pattern, n);
        }
        return re.append('$').toString();
    }

    /** The reference regex, or null when the reference refused the pattern. */
    private static Pattern reference(String pattern) {
        try {
            return Pattern.compile(referenceRegex(pattern), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }

    private static boolean referenceMatchesItselfOrParent(Pattern reference, String path) {
        if (reference.matcher(path).matches()) {
            return true;
        }
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            if (reference.matcher(path.substring(0, slash)).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Compiles both ways and compares refusal, and the answers on every path, with and without parents. */
    private static void assertSameAsReference(String pattern, List<String> paths) {
        Pattern reference = reference(pattern);
        Glob glob;
        try {
            glob = Glob.compile(pattern);
        } catch (IllegalArgumentException e) {
            assertEquals("pattern " + pattern + " refused (" + e.getMessage() + ") but the reference accepts it as "
                    + (reference == null ? null : reference.pattern()), null, reference);
            return;
        }
        assertTrue("pattern " + pattern + " accepted but the reference refuses it", reference != null);
        for (String path : paths) {
            assertEquals(pattern + " (" + reference.pattern() + ") on " + path, reference.matcher(path).matches(), glob.matches(path));
            assertEquals(pattern + " (" + reference.pattern() + ") on " + path + " or a parent",
                    referenceMatchesItselfOrParent(reference, path), glob.matchesItselfOrParent(path));
        }
    }

    private static final List<String> TABLE_PATHS = List.of(
            "", "a", "b", "c", "x", "ab", "abc", "axc", "a/c", "a.c", "aXc", "a/b", "a/x/b", "a/x/y/b", "a/b/c", "ab/b", "a/bb",
            "b/a", "x/a/b", "x/a/y/b", "a/b/x", "x/x", "x/y/x", "xx", "/", "//", "a/", "/a", "a//b", "dir", "dir/", "dir/x",
            "dir/x/y", "dirx", "main.go", "a/main.go", "a/b/main.go", "main.go/x", ".go", "go", "*", "a*b", "a\\b", "\\", "?",
            "[", "]", "^", "-", "ax", "bx", "cx", "dx", "a-x", "a1c", "a/1/c", "1", "_", " ", "\t", "\n", "a\nb", "é", "éclair",
            "\uD83D\uDE00", "a\uD83D\uDE00c", "\uD83D", "\uDE00", "a.log", "logs/a.log", "x/y/z/q", "**", "a**b", "a/**/b",
            "aXb", "a/X/b", "A", "Z", "{", "}", "$", "(", ")", "+", ".", "|", "&", "&&", "[a]", "q");

    private static final List<String> TABLE_PATTERNS = List.of(
            "**", "**/", "/**", "**/**", "***", "****", "a/**", "a/**/", "**/b", "**b", "a**", "a**b", "a/**/b", "a/**b", "a**/b",
            "**/**/x", "x/**/**", "a/**/**/b", "**/a/**", "*", "*/*", "*.go", "**/*.go", "a/*.go", "a?c", "?", "??", "a/?",
            "[a-c]x", "[^a]", "[^a]x", "[^/]", "[/]", "[ab]", "[]a]", "[]", "[^]", "[^^]", "[\\]]", "[\\]a]", "[\\-]", "[x\\-]",
            "[\\-x]", "[-x]", "[x-]", "[a-]", "[-]", "[--a]", "[!--]", "[a--]", "[z-a]", "[a-c-e]", "[a-\\d]", "[\\d-z]",
            "[\\d]", "[\\D]", "[\\w]", "[\\W]", "[\\s]", "[\\S]", "[\\h]", "[\\v]", "[\\t]", "[\\n]", "[\\t-z]",
            "[\\a]", "[\\e]", "[\\f]", "[\\r]", "[\\b]", "[\\y]", "[\\1]", "[\\\\]", "[a\\]", "[[]", "[&]", "[&&a]", "[a&&b]",
            "[*]", "[?]", "[.]", "[a-\\[]", "[A-\\[]", "[\\]-a]", "[é]", "[a-é]", "[\uD83D\uDE00]", "[\\é]",
            "\\*", "a\\*b", "\\", "a\\", "\\\\", "\\a", "\\d", "\\n", "\\Q", "\\E", "\\[", "\\]", "\\?",
            "dir/", "dir", "dir/*", "a/*/b", "*/b", "a/*", "**/dir/**", "a.c", "a+c", "a(b)c", "a|b", "{a}", "a$", "^a", "$",
            "[", "[a", "[^", "a[", "[a-", "[\\", "a[b\\", "é*", "\uD83D\uDE00", "?\uDE00", "\uD83D", "&", "&&", "a&&b", "[a]",
            "\\[a]", "*/", "**a/b", "a/**/b/**/c", "\\**", "*\\*", "[*]*", "?*?", "*?*", "x/**/**/y", "a/b/c", "/a");

    @Test
    public void agreesWithTheFormerRegexTranslationOnATable() {
        for (String pattern : TABLE_PATTERNS) {
            assertSameAsReference(pattern, TABLE_PATHS);
        }
    }

    @Test
    public void agreesWithTheFormerRegexTranslationOnRandomPatterns() {
        Random random = new Random(20240611L);
        String[] patternPieces = {"a", "b", "/", "*", "?", "**", "**/", "a", "b", "/", "[", "]", "^", "-", "\\", "d", ".", "é",
            "\uD83D\uDE00", "[ab]", "[^a]", "[a-b]"};
        String[] pathPieces = {"a", "b", "/", "a", "b", "/", "ab", "d", "-", "]", "[", "^", "\\", "*", "?", ".", "é",
            "\uD83D\uDE00", "5", "\n"};
        for (int round = 0; round < 4000; round++) {
            String pattern = randomText(random, patternPieces, 1 + random.nextInt(8));
            if (pattern.contains("\\\uD83D")) {
                continue; // see escapedCharacterBeyondSixteenBitsIsItself
            }
            List<String> paths = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                paths.add(randomText(random, pathPieces, random.nextInt(10)));
            }
            assertSameAsReference(pattern, paths);
        }
    }

    private static String randomText(Random random, String[] pieces, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    /**
     * Backslash escapes inside a class that java.util.regex understood as its own syntax (numbers,
     * properties, quoting) are refused rather than given a meaning of ours.
     */
    @Test
    public void regexOnlyEscapesInClassesAreRefused() {
        for (String pattern : List.of("[\\x41]", "[\\u0041]", "[\\0101]", "[\\cA]", "[\\p{L}]", "[\\P{L}]", "[\\N{LATIN SMALL LETTER A}]",
                "[\\Qa\\E]")) {
            IllegalArgumentException e = assertThrows(pattern, IllegalArgumentException.class, () -> PatternMatcher.compile(List.of(pattern)));
            assertTrue(e.getMessage(), e.getMessage().contains("\"" + pattern + "\""));
        }
    }

    /**
     * The one place where the former translation is not followed: it escaped only the first half of a
     * character beyond 16 bits, so such an escaped character never matched anything. Now it matches
     * itself, as in Docker's patternmatcher, where a backslash makes any next character literal.
     */
    @Test
    public void escapedCharacterBeyondSixteenBitsIsItself() {
        String smiley = "\uD83D\uDE00";
        assertFalse(reference("\\" + smiley).matcher(smiley).matches());
        check(List.of("\\" + smiley), smiley, true);
        check(List.of("a\\" + smiley + "b"), "a" + smiley + "b", true);
        check(List.of("\\" + smiley), "\uD83D", false);
    }

    /**
     * Nested **&#47; used to become nested regex groups that backtrack for seconds per path; this answers
     * at once. Only the answer is asserted; the timeout just stops a regression from hanging the suite.
     */
    @Test(timeout = 30_000)
    public void manyDoubleStarsOnALongPathAnswer() {
        PatternMatcher matcher = PatternMatcher.compile(List.of("**/a/**/b/**/c/**/d/**/e/**/f/**/g/**/h"));
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            path.append("abcdefg".charAt(i % 7)).append('/');
        }
        assertFalse(matcher.matches(path + "z"));
        assertTrue(matcher.matches(path + "h"));
        assertTrue(matcher.matches(path + "h/below"));
    }
}
