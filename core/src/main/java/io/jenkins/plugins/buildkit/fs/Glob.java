package io.jenkins.plugins.buildkit.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * One cleaned {@code .dockerignore} pattern as a sequence of steps, matched by following every way
 * through the steps at once (a state-set simulation). A path is read once, so matching costs at most
 * pattern length times path length, whatever the pattern: the build context's own patterns cannot
 * make it backtrack exponentially.
 *
 * <p>The meaning is the one the former translation to {@code java.util.regex} gave: {@code *} is a
 * run of characters other than {@code /}, {@code ?} one such character, {@code **} followed by more
 * pattern is "nothing, or anything ending in {@code /}" (its own following {@code /} is part of it),
 * {@code **} at the end is anything, {@code [...]} and {@code [^...]} are classes with ranges, and a
 * backslash makes the next character literal. Characters are Unicode code points.
 */
final class Glob {

    private static final int LITERAL = 0;
    /** {@code ?}: one character other than {@code /}. */
    private static final int ONE_IN_SEGMENT = 1;
    /** {@code *}: any run of characters other than {@code /}. */
    private static final int RUN_IN_SEGMENT = 2;
    /** {@code **} with pattern after it: nothing, or any text that ends with {@code /}. */
    private static final int LEADING_DIRECTORIES = 3;
    /** {@code **} ending the pattern: any text at all. */
    private static final int ANYTHING = 4;
    private static final int CLASS = 5;

    private final int[] kinds;
    private final int[] literals;
    private final CharClass[] classes;

    private Glob(int[] kinds, int[] literals, CharClass[] classes) {
        this.kinds = kinds;
        this.literals = literals;
        this.classes = classes;
    }

    /** @throws IllegalArgumentException describing what is wrong with the pattern */
    static Glob compile(String pattern) {
        List<Integer> kinds = new ArrayList<>();
        List<Integer> literals = new ArrayList<>();
        List<CharClass> classes = new ArrayList<>();
        int n = pattern.length();
        int i = 0;
        while (i < n) {
            int ch = pattern.codePointAt(i);
            i += Character.charCount(ch);
            int kind;
            int literal = 0;
            CharClass charClass = null;
            switch (ch) {
                case '*':
                    if (i < n && pattern.charAt(i) == '*') {
                        i++;
                        if (i < n && pattern.charAt(i) == '/') {
                            i++;
                        }
                        kind = i >= n ? ANYTHING : LEADING_DIRECTORIES;
                    } else {
                        kind = RUN_IN_SEGMENT;
                    }
                    break;
                case '?':
                    kind = ONE_IN_SEGMENT;
                    break;
                case '[':
                    ClassParser parser = new ClassParser(pattern, i);
                    charClass = parser.parse();
                    i = parser.position;
                    kind = CLASS;
                    break;
                case '\\':
                    kind = LITERAL;
                    if (i < n) {
                        literal = pattern.codePointAt(i);
                        i += Character.charCount(literal);
                    } else {
                        literal = '\\'; // a trailing backslash stands for itself
                    }
                    break;
                default:
                    kind = LITERAL;
                    literal = ch;
            }
            kinds.add(kind);
            literals.add(literal);
            classes.add(charClass);
        }
        return new Glob(kinds.stream().mapToInt(Integer::intValue).toArray(),
                literals.stream().mapToInt(Integer::intValue).toArray(), classes.toArray(new CharClass[0]));
    }

    /** Whether the whole path matches. */
    boolean matches(String path) {
        return run(path, false);
    }

    /**
     * Whether the whole path, or one of its parent directories, matches. A parent is the text before
     * a {@code /}; a path that starts with {@code /} is taken to have none, as before.
     */
    boolean matchesItselfOrParent(String path) {
        return run(path, !path.startsWith("/"));
    }

    /*
     * States: 2*i is "about to match step i", 2*i+1 is "inside the text of a LEADING_DIRECTORIES step
     * i, which may only be left after a /", and 2*steps is "whole pattern matched". A state enters
     * the set at most once per character, so one character costs time proportional to the pattern.
     */
    private boolean run(String path, boolean orParent) {
        int steps = kinds.length;
        int matched = 2 * steps;
        StateSet current = new StateSet(matched + 1);
        StateSet next = new StateSet(matched + 1);
        enter(current, 0);
        int n = path.length();
        int i = 0;
        while (i < n) {
            int ch = path.codePointAt(i);
            if (orParent && ch == '/' && current.contains(matched)) {
                return true;
            }
            i += Character.charCount(ch);
            next.clear();
            for (int k = 0; k < current.size; k++) {
                int state = current.states[k];
                if (state == matched) {
                    continue;
                }
                int step = state >> 1;
                if ((state & 1) == 1) {
                    next.add(state);
                    if (ch == '/') {
                        enter(next, step + 1);
                    }
                    continue;
                }
                switch (kinds[step]) {
                    case LITERAL:
                        if (ch == literals[step]) {
                            enter(next, step + 1);
                        }
                        break;
                    case ONE_IN_SEGMENT:
                        if (ch != '/') {
                            enter(next, step + 1);
                        }
                        break;
                    case CLASS:
                        if (classes[step].contains(ch)) {
                            enter(next, step + 1);
                        }
                        break;
                    case RUN_IN_SEGMENT:
                        if (ch != '/') {
                            enter(next, step);
                        }
                        break;
                    case ANYTHING:
                        enter(next, step);
                        break;
                    case LEADING_DIRECTORIES:
                        next.add(state + 1);
                        if (ch == '/') {
                            enter(next, step + 1);
                        }
                        break;
                    default:
                        throw new IllegalStateException("step kind " + kinds[step]);
                }
            }
            if (next.size == 0) {
                return false;
            }
            StateSet swap = current;
            current = next;
            next = swap;
        }
        return current.contains(matched);
    }

    /** Adds "about to match step", and the steps after it that need no character to be passed. */
    private void enter(StateSet set, int step) {
        int steps = kinds.length;
        while (set.add(2 * step) && step < steps) {
            int kind = kinds[step];
            if (kind != RUN_IN_SEGMENT && kind != LEADING_DIRECTORIES && kind != ANYTHING) {
                return;
            }
            step++;
        }
    }

    /** A set of small ints with constant-time add, membership and clear. */
    private static final class StateSet {
        final int[] states;
        private final int[] addedAt;
        private int generation = 1;
        int size;

        StateSet(int capacity) {
            states = new int[capacity];
            addedAt = new int[capacity];
        }

        void clear() {
            generation++;
            size = 0;
        }

        boolean add(int state) {
            if (addedAt[state] == generation) {
                return false;
            }
            addedAt[state] = generation;
            states[size++] = state;
            return true;
        }

        boolean contains(int state) {
            return addedAt[state] == generation;
        }
    }

    /** A bracket expression: ranges and named sets, possibly negated. */
    private static final class CharClass {
        private final boolean negated;
        private final int[] rangeStarts;
        private final int[] rangeEnds;
        private final NamedSet[] namedSets;

        CharClass(boolean negated, List<int[]> ranges, List<NamedSet> namedSets) {
            this.negated = negated;
            this.rangeStarts = ranges.stream().mapToInt(r -> r[0]).toArray();
            this.rangeEnds = ranges.stream().mapToInt(r -> r[1]).toArray();
            this.namedSets = namedSets.toArray(new NamedSet[0]);
        }

        boolean contains(int ch) {
            boolean in = false;
            for (int i = 0; i < rangeStarts.length && !in; i++) {
                in = rangeStarts[i] <= ch && ch <= rangeEnds[i];
            }
            for (int i = 0; i < namedSets.length && !in; i++) {
                in = namedSets[i].contains(ch);
            }
            return in != negated;
        }
    }

    /**
     * A backslash letter that names a set inside a class ({@code \d}, {@code \s}, {@code \w},
     * {@code \h}, {@code \v}, upper case for the complement), with the meaning
     * {@code java.util.regex} gave it when patterns were translated to regular expressions.
     */
    private record NamedSet(char letter) {

        static boolean names(int letter) {
            return "dswhvDSWHV".indexOf(letter) >= 0;
        }

        boolean contains(int ch) {
            boolean in = switch (Character.toLowerCase(letter)) {
                case 'd' -> ch >= '0' && ch <= '9';
                case 's' -> ch == ' ' || (ch >= '\t' && ch <= '\r');
                case 'w' -> (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
                case 'h' -> ch == ' ' || ch == '\t' || ch == 0xA0 || ch == 0x1680 || ch == 0x180E
                        || (ch >= 0x2000 && ch <= 0x200A) || ch == 0x202F || ch == 0x205F || ch == 0x3000;
                case 'v' -> (ch >= '\n' && ch <= '\r') || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
                default -> throw new IllegalStateException("\\" + letter);
            };
            return in != Character.isUpperCase(letter);
        }
    }

    /** Parses a class from just after its {@code [} up to and including its {@code ]}. */
    private static final class ClassParser {
        private final String pattern;
        int position;

        /** What one class element stands for: a character, or a named set (never a range end). */
        private int character;
        private NamedSet namedSet;

        ClassParser(String pattern, int position) {
            this.pattern = pattern;
            this.position = position;
        }

        CharClass parse() {
            boolean negated = false;
            if (position < pattern.length() && pattern.charAt(position) == '^') {
                negated = true;
                position++;
            }
            if (position < pattern.length() && pattern.charAt(position) == ']') {
                throw new IllegalArgumentException("empty character class");
            }
            List<int[]> ranges = new ArrayList<>();
            List<NamedSet> namedSets = new ArrayList<>();
            while (true) {
                if (position >= pattern.length()) {
                    throw new IllegalArgumentException("unterminated character class");
                }
                if (pattern.charAt(position) == ']') {
                    position++;
                    return new CharClass(negated, ranges, namedSets);
                }
                readElement();
                if (namedSet != null) {
                    namedSets.add(namedSet);
                    continue;
                }
                int start = character;
                // a - is a range only between two elements; before the closing ] it is itself
                if (position + 1 < pattern.length() && pattern.charAt(position) == '-' && pattern.charAt(position + 1) != ']') {
                    position++;
                    readElement();
                    if (namedSet != null || character < start) {
                        throw new IllegalArgumentException("illegal character range in class");
                    }
                    ranges.add(new int[] {start, character});
                } else {
                    ranges.add(new int[] {start, start});
                }
            }
        }

        private void readElement() {
            namedSet = null;
            int ch = pattern.codePointAt(position);
            position += Character.charCount(ch);
            if (ch != '\\') {
                character = ch;
                return;
            }
            if (position >= pattern.length()) {
                throw new IllegalArgumentException("unterminated character class");
            }
            int escaped = pattern.codePointAt(position);
            position += Character.charCount(escaped);
            boolean letterOrDigit = escaped < 128 && Character.isLetterOrDigit(escaped);
            if (!letterOrDigit) {
                character = escaped;
                return;
            }
            if (NamedSet.names(escaped)) {
                namedSet = new NamedSet((char) escaped);
                return;
            }
            // java.util.regex's other letter escapes (numeric, property, quoting) are refused, not guessed
            character = switch (escaped) {
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 'f' -> '\f';
                case 'a' -> 0x07;
                case 'e' -> 0x1B;
                default -> throw new IllegalArgumentException("unsupported escape \\" + (char) escaped + " in class");
            };
        }
    }
}
