package cn.henan.skillshub.events;

import com.networknt.schema.regex.JDKRegularExpressionFactory;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema check's regular expressions. Every {@code pattern} of the published schemas is a fixed-length
 * template — {@code ^pk-[0-9a-f]{32}$}, {@code ^\d{4}-\d{2}-\d{2}$}: anchored at both ends, characters and
 * character classes, each repeated a fixed number of times. Such a pattern is matched here for what it is, one
 * character set per position; the JDK's regex engine took half of the schema check's time on them (async-profiler
 * on {@code PerRecordPathBenchmark}: every character through a megamorphic {@code CharPredicate}). Any pattern of
 * another shape goes to the JDK's engine, as the validator would send it anyway.
 *
 * <p>One difference, towards the standard: JSON Schema's patterns are ECMA-262 expressions, where {@code $} (no
 * multiline flag) matches only at the very end; the JDK's also matches before a final line terminator, so it let
 * {@code "2025-03-24\n"} pass {@code ^\d{4}-\d{2}-\d{2}$}. A template does not.
 */
final class FixedLengthPatterns implements RegularExpressionFactory {

    static final FixedLengthPatterns INSTANCE = new FixedLengthPatterns();

    private static final String META = "\\^$.|?*+()[]{}";

    private FixedLengthPatterns() {
    }

    @Override
    public RegularExpression getRegularExpression(String regex) {
        Template template = Template.of(regex);
        return template != null ? template : JDKRegularExpressionFactory.getInstance().getRegularExpression(regex);
    }

    /** Per position of the value, the ASCII characters allowed there. */
    record Template(boolean[][] positions) implements RegularExpression {

        @Override
        public boolean matches(String value) {
            if (value.length() != positions.length) {
                return false;
            }
            for (int i = 0; i < positions.length; i++) {
                char c = value.charAt(i);
                if (c >= 128 || !positions[i][c]) {
                    return false;
                }
            }
            return true;
        }

        /** The template of {@code regex}, or null when it is not of the fixed-length shape (or not ASCII). */
        static Template of(String regex) {
            if (regex.length() < 2 || regex.charAt(0) != '^' || regex.charAt(regex.length() - 1) != '$'
                    || regex.charAt(regex.length() - 2) == '\\') {
                return null;
            }
            List<boolean[]> positions = new ArrayList<>();
            Parser parser = new Parser(regex.substring(1, regex.length() - 1));
            while (!parser.done()) {
                boolean[] allowed = parser.atom();
                int times = allowed == null ? -1 : parser.repetitions();
                if (times < 0) {
                    return null;
                }
                for (int i = 0; i < times; i++) {
                    positions.add(allowed);
                }
            }
            return new Template(positions.toArray(boolean[][]::new));
        }
    }

    /** Reads the template's atoms (a character, an escape, a class) and their {@code {n}} repetitions. */
    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean done() {
            return at >= text.length();
        }

        /** The characters the next atom allows, or null when it is not one a template can hold. */
        boolean[] atom() {
            char c = text.charAt(at++);
            if (c == '[') {
                return characterClass();
            }
            boolean[] allowed = new boolean[128];
            if (c == '\\') {
                return done() ? null : escape(text.charAt(at++), allowed);
            }
            if (c >= 128 || META.indexOf(c) >= 0) {
                return null;
            }
            allowed[c] = true;
            return allowed;
        }

        /** {@code {n}} after an atom: n; nothing: 1; anything else ({@code *}, {@code {1,3}}, …): -1. */
        int repetitions() {
            if (done() || text.charAt(at) != '{') {
                return done() || "?*+".indexOf(text.charAt(at)) < 0 ? 1 : -1;
            }
            int close = text.indexOf('}', at);
            if (close < 0) {
                return -1;
            }
            String count = text.substring(at + 1, close);
            at = close + 1;
            return count.isEmpty() || !count.chars().allMatch(Character::isDigit) || count.length() > 4
                    ? -1 : Integer.parseInt(count);
        }

        /**
         * {@code [...]} of characters, escapes and ranges. Not a template's: a negated or empty class, and what the
         * JDK reads otherwise than its characters ({@code &&} intersects, an escape may open a range).
         */
        private boolean[] characterClass() {
            boolean[] allowed = new boolean[128];
            if (done() || text.charAt(at) == '^' || text.charAt(at) == ']') {
                return null;
            }
            while (!done() && text.charAt(at) != ']') {
                char c = text.charAt(at++);
                if (c == '\\') {
                    if (done() || escape(text.charAt(at++), allowed) == null
                            || at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) != ']') {
                        return null;
                    }
                } else if (c == '[' || c >= 128 || c == '&' && !done() && text.charAt(at) == '&') {
                    return null;
                } else if (at + 1 < text.length() && text.charAt(at) == '-' && text.charAt(at + 1) != ']') {
                    char last = text.charAt(at + 1);
                    if (last == '\\' || last == '[' || last >= 128 || last < c) {
                        return null;
                    }
                    for (char r = c; r <= last; r++) {
                        allowed[r] = true;
                    }
                    at += 2;
                } else {
                    allowed[c] = true;
                }
            }
            if (done()) {
                return null;
            }
            at++;
            return allowed;
        }

        /** {@code \d} (ASCII digits, as in both the JDK and ECMA-262) or an escaped punctuation character. */
        private static boolean[] escape(char c, boolean[] allowed) {
            if (c == 'd') {
                for (char d = '0'; d <= '9'; d++) {
                    allowed[d] = true;
                }
                return allowed;
            }
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                allowed[c] = true;
                return allowed;
            }
            return null;
        }
    }
}
