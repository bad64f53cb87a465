package concord.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a user searches for: words and {@code "quoted phrases"}, every one of which must appear somewhere in a note's
 * title, tags or body. A term matches anywhere, also inside a word ({@code alic} finds Alice, {@code ship} finds
 * relationship), ignoring case; nothing is stemmed or dropped, so it works alike for prose in any language,
 * including those written without spaces. Every other character, quotes aside, is searched for as it is: there is
 * no query syntax to get wrong.
 *
 * @param text  the query as the user typed it
 * @param terms the distinct words and phrases, in the order typed
 */
public record SearchQuery(String text, List<String> terms) {

    /** The longest query, in chars: a search box, not a document. */
    public static final int MAX_LENGTH = 200;
    /** The most words and phrases one query may hold. */
    public static final int MAX_TERMS = 16;

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a search needs at least one word");
        }
    }

    /**
     * Reads a query. Whitespace separates words; a {@code "} starts a phrase that runs to the next {@code "} (or to
     * the end when there is none), whose inner spaces count.
     *
     * @throws IllegalArgumentException with a sentence that says exactly what is wrong: no word at all, longer than
     *                                  {@value #MAX_LENGTH} chars, more than {@value #MAX_TERMS} terms, a control
     *                                  character other than whitespace, or an unpaired surrogate
     */
    public static SearchQuery parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("the search is " + text.length() + " characters long; at most "
                    + MAX_LENGTH + " are searched for");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException(String.format("the search holds the control character U+%04X at"
                        + " position %d; search for plain text", (int) c, i + 1));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("the search holds an unpaired surrogate at position " + (i + 1)
                        + ", which is no character");
            }
        }
        Set<String> terms = new LinkedHashSet<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                i++;
            } else if (c == '"') {
                int close = text.indexOf('"', i + 1);
                int end = close < 0 ? n : close;
                String phrase = text.substring(i + 1, end).strip();
                if (!phrase.isEmpty()) {
                    terms.add(phrase);
                }
                i = end + 1;
            } else {
                int start = i;
                while (i < n && !isSpace(text.charAt(i)) && text.charAt(i) != '"') {
                    i++;
                }
                terms.add(text.substring(start, i));
            }
        }
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("the search holds no word to look for");
        }
        if (terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException("the search holds " + terms.size() + " words and phrases; at most "
                    + MAX_TERMS + " are searched for at once");
        }
        return new SearchQuery(text, new ArrayList<>(terms));
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Where the terms occur in {@code text}, ignoring case: sorted, merged where they touch or overlap. */
    public List<MatchRange> matchesIn(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<MatchRange> found = new ArrayList<>();
        for (String term : terms) {
            int from = 0;
            int at;
            while ((at = indexOfIgnoreCase(text, term, from)) >= 0) {
                found.add(new MatchRange(at, at + term.length()));
                from = at + term.length();
            }
        }
        found.sort(Comparator.comparingInt(MatchRange::start));
        List<MatchRange> merged = new ArrayList<>(found.size());
        for (MatchRange r : found) {
            MatchRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.start() <= last.end()) {
                merged.set(merged.size() - 1, new MatchRange(last.start(), Math.max(last.end(), r.end())));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }

    /** Whether every term occurs somewhere in one of {@code fields}. */
    public boolean allFoundIn(List<String> fields) {
        for (String term : terms) {
            boolean found = false;
            for (String f : fields) {
                if (f != null && indexOfIgnoreCase(f, term, 0) >= 0) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first occurrence of {@code term} in {@code text} at or after {@code from}, ignoring case char by char (so
     * offsets in the text stay exact), never starting inside a surrogate pair; -1 if there is none.
     */
    static int indexOfIgnoreCase(String text, String term, int from) {
        int last = text.length() - term.length();
        for (int i = Math.max(0, from); i <= last; i++) {
            if (i > 0 && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1))) {
                continue;
            }
            if (text.regionMatches(true, i, term, 0, term.length())) {
                return i;
            }
        }
        return -1;
    }
}
