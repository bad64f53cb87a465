package concord.merge;

import java.text.BreakIterator;
import java.util.Arrays;

/**
 * Cuts text into the tokens the refinement merges: a run of word characters (letters, digits, marks,
 * underscore), a run of horizontal whitespace, a line terminator ({@code \n}, {@code \r\n} or a lone
 * {@code \r}), or any other single character (punctuation, symbol, emoji, a Han or kana character).
 *
 * <p>Every token is a whole number of grapheme clusters, so a merge can never split a code point, an accented
 * letter written with a combining mark, or an emoji sequence. {@link BreakIterator#getCharacterInstance()}
 * finds the clusters; since Java 17's rules predate emoji sequences, a boundary is also suppressed after a
 * zero-width joiner, before an extending character (combining mark, variation selector, skin-tone modifier,
 * tag) and inside a pair of regional indicators (a flag).
 */
final class Tokenizer {

    private static final int WORD = 0;
    private static final int SPACE = 1;
    private static final int NEWLINE = 2;
    private static final int OTHER = 3;
    /** Han and kana are written without spaces: each character is a token of its own, like a word. */
    private static final int IDEOGRAPH = 4;

    private Tokenizer() {
    }

    static Segments tokens(String text) {
        int[] bounds = new int[Math.min(text.length(), 64) + 1];
        int n = 0;
        BreakIterator clusters = BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
        clusters.setText(text);
        int start = 0;
        int prevClass = -1;
        int end = nextCluster(clusters, text, 0);
        while (start < text.length()) {
            int cls = classify(text, start, end);
            boolean join = cls == prevClass && (cls == WORD || cls == SPACE);
            if (!join) {
                if (n + 1 >= bounds.length) {
                    bounds = Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[n++] = start;
            }
            prevClass = cls;
            start = end;
            end = nextCluster(clusters, text, start);
        }
        if (n + 1 > bounds.length) {
            bounds = Arrays.copyOf(bounds, n + 1);
        }
        bounds[n] = text.length();
        return Segments.of(text, bounds, n);
    }

    /** The end of the cluster starting at {@code from}, gluing what Java 17's rules would leave apart. */
    private static int nextCluster(BreakIterator clusters, String text, int from) {
        if (from >= text.length()) {
            return text.length();
        }
        int end = clusters.following(from);
        if (end == BreakIterator.DONE) {
            return text.length();
        }
        while (end < text.length()) {
            int before = text.codePointBefore(end);
            int after = text.codePointAt(end);
            boolean glue = before == 0x200D
                    || extending(after)
                    || (isRegionalIndicator(before) && isRegionalIndicator(after)
                        && regionalRunLength(text, end) % 2 == 1);
            if (!glue) {
                break;
            }
            int next = clusters.following(end);
            end = next == BreakIterator.DONE ? text.length() : next;
        }
        return end;
    }

    private static boolean extending(int cp) {
        if (cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF)
                || (cp >= 0xE0020 && cp <= 0xE007F) || (cp >= 0xE0100 && cp <= 0xE01EF)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isRegionalIndicator(int cp) {
        return cp >= 0x1F1E6 && cp <= 0x1F1FF;
    }

    /** How many regional indicators end right before {@code end}. */
    private static int regionalRunLength(String text, int end) {
        int count = 0;
        int i = end;
        while (i > 0 && isRegionalIndicator(text.codePointBefore(i))) {
            count++;
            i -= Character.charCount(text.codePointBefore(i));
        }
        return count;
    }

    private static int classify(String text, int start, int end) {
        int cp = text.codePointAt(start);
        if (cp == '\n' || cp == '\r') {
            return NEWLINE;
        }
        if (Character.isLetterOrDigit(cp) || cp == '_' || extending(cp)) {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA) {
                return IDEOGRAPH;
            }
            return WORD;
        }
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            return SPACE;
        }
        return OTHER;
    }

    /** Whether a token is anything but horizontal whitespace: it can anchor two independent edits. */
    static boolean isSubstantial(String text, int start, int end) {
        for (int i = start; i < end; ) {
            int cp = text.codePointAt(i);
            if (!(Character.isWhitespace(cp) || Character.isSpaceChar(cp)) || cp == '\n' || cp == '\r') {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    static boolean isWord(String text, int start, int end) {
        if (start >= end) {
            return false;
        }
        int cls = classify(text, start, end);
        return cls == WORD || cls == IDEOGRAPH;
    }
}
