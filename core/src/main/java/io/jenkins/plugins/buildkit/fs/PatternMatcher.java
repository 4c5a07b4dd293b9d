package io.jenkins.plugins.buildkit.fs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Path patterns with the semantics of Docker's {@code .dockerignore}: {@code *} and {@code ?} stay
 * within one path element, {@code **} spans any number of them, {@code [...]} is a character class,
 * a backslash escapes, a leading {@code !} re-includes, the last matching pattern wins, and a
 * pattern that matches a directory matches everything below it. Matching takes time linear in
 * pattern length times path length (see {@link Glob}), since the patterns come from the repository
 * being built.
 */
public final class PatternMatcher {

    /** One compiled pattern. */
    public static final class Rule {
        private final String text;
        private final boolean exclusion;
        private final Glob glob;

        Rule(String text, boolean exclusion, Glob glob) {
            this.text = text;
            this.exclusion = exclusion;
            this.glob = glob;
        }

        /** The cleaned pattern, without its leading {@code !}. */
        public String text() {
            return text;
        }

        public boolean isExclusion() {
            return exclusion;
        }

        boolean matches(String path) {
            return glob.matches(path);
        }

        boolean matchesItselfOrParent(String path) {
            return glob.matchesItselfOrParent(path);
        }

        /**
         * The pattern without a trailing {@code /**} and then without a trailing {@code /*}: the
         * directory it is about, trimmed as fsutil trims it ({@code a/*}{@code /**} gives {@code a}).
         */
        String withoutTrailingGlob() {
            String trimmed = text;
            if (trimmed.endsWith("/**")) {
                trimmed = trimmed.substring(0, trimmed.length() - 3);
            }
            if (trimmed.endsWith("/*")) {
                trimmed = trimmed.substring(0, trimmed.length() - 2);
            }
            return trimmed;
        }

        /** True when the pattern, apart from a trailing glob, names a literal path. */
        boolean isLiteralPrefix() {
            String prefix = withoutTrailingGlob();
            for (int i = 0; i < prefix.length(); i++) {
                if ("*[]?^\\".indexOf(prefix.charAt(i)) >= 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return (exclusion ? "!" : "") + text;
        }
    }

    private final List<Rule> rules;
    private final boolean hasExclusions;

    private PatternMatcher(List<Rule> rules) {
        this.rules = Collections.unmodifiableList(rules);
        this.hasExclusions = rules.stream().anyMatch(Rule::isExclusion);
    }

    /**
     * Compiles patterns; blank ones are skipped.
     *
     * @throws IllegalArgumentException naming the pattern that is malformed
     */
    public static PatternMatcher compile(List<String> patterns) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : patterns) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            boolean exclusion = false;
            if (p.startsWith("!")) {
                exclusion = true;
                p = p.substring(1).trim();
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("illegal exclusion pattern: \"" + raw + "\"");
                }
            }
            p = PathNames.clean(p);
            if (p.startsWith("/")) {
                p = p.substring(1);
                if (p.isEmpty()) {
                    p = ".";
                }
            }
            try {
                rules.add(new Rule(p, exclusion, Glob.compile(p)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid pattern \"" + raw + "\": " + e.getMessage(), e);
            }
        }
        return new PatternMatcher(rules);
    }

    public List<Rule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    public boolean hasExclusions() {
        return hasExclusions;
    }

    /**
     * What the rules decided for one path: whether it is matched, and which rules matched it, which is
     * what the entries of a directory inherit.
     */
    public static final class Outcome {
        private final boolean matched;
        private final boolean[] matchedByRule;

        private Outcome(boolean matched, boolean[] matchedByRule) {
            this.matched = matched;
            this.matchedByRule = matchedByRule;
        }

        public boolean matched() {
            return matched;
        }
    }

    /**
     * Decides an entry of a walk as fsutil's walker does (patternmatcher's MatchesUsingParentResults),
     * given the outcome of the directory it is in, or null for an entry of the root. A rule that
     * matched the directory matches the entry without being tried again. Any other rule is skipped as
     * in {@link #matches} and otherwise tried on the entry's own path only; so a rule skipped for the
     * directory does not reach inside it. Without a directory outcome, a rule is tried on the path and
     * its parents.
     */
    public Outcome decide(String path, Outcome directory) {
        boolean[] matchedByRule = new boolean[rules.size()];
        boolean matched = false;
        for (int i = 0; i < matchedByRule.length; i++) {
            Rule rule = rules.get(i);
            boolean match = directory != null && directory.matchedByRule[i];
            if (!match) {
                if (rule.exclusion != matched) {
                    continue;
                }
                match = directory == null ? rule.matchesItselfOrParent(path) : rule.matches(path);
            }
            matchedByRule[i] = match;
            if (match) {
                matched = !rule.exclusion;
            }
        }
        return new Outcome(matched, matchedByRule);
    }

    /**
     * Whether a {@code /}-separated relative path is matched, by a pattern on itself or on one of its
     * parent directories; the last pattern that matches decides. (A walk decides with
     * {@link #decide}, whose answers differ when a rule skipped for a directory would match inside it.)
     */
    public boolean matches(String path) {
        boolean matched = false;
        for (Rule rule : rules) {
            // An inclusion cannot change an already matched path, nor an exclusion an unmatched one.
            if (rule.exclusion != matched) {
                continue;
            }
            if (rule.matchesItselfOrParent(path)) {
                matched = !rule.exclusion;
            }
        }
        return matched;
    }
}
