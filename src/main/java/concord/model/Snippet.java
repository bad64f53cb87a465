package concord.model;

import java.util.List;
import java.util.Objects;

/**
 * A short piece of a note's body around where a search matched, on one line, with the matches marked: what a
 * result list shows under a title.
 *
 * @param text       the excerpt, whitespace runs shown as one space, "…" where it was cut
 * @param highlights where the search's terms occur in {@link #text()}
 */
public record Snippet(String text, List<MatchRange> highlights) {

    /** About how many chars of the body an excerpt shows. */
    public static final int WIDTH = 160;
    /** How far an excerpt's ends may move to stop at a space instead of inside a word. */
    private static final int SLACK = 16;

    public Snippet {
        Objects.requireNonNull(text, "text");
        highlights = highlights == null ? List.of() : List.copyOf(highlights);
    }

    /**
     * The excerpt of {@code body} around the first place any of the query's terms occurs (the body's start when
     * none does: a note found by its title or tags), with every occurrence in it marked.
     */
    public static Snippet of(String body, SearchQuery query) {
        if (body.isEmpty()) {
            return new Snippet("", List.of());
        }
        int first = -1;
        for (String term : query.terms()) {
            int at = SearchQuery.indexOfIgnoreCase(body, term, 0);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        int start = first < 0 ? 0 : Math.max(0, first - WIDTH / 4);
        if (start > 0) {
            int space = lastSpace(body, start, Math.max(0, start - SLACK));
            start = space >= 0 ? space + 1 : start;
        }
        int end = Math.min(body.length(), start + WIDTH);
        if (end < body.length()) {
            int space = nextSpace(body, end, Math.min(body.length(), end + SLACK));
            end = space >= 0 ? space : end;
        }
        start = notInsidePair(body, start);
        end = notInsidePair(body, end);
        StringBuilder sb = new StringBuilder(end - start + 2);
        if (start > 0) {
            sb.append('…');
        }
        boolean space = false;
        for (int i = start; i < end; i++) {
            char c = body.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                space = true;
            } else {
                if (space && sb.length() > 0 && !(sb.length() == 1 && start > 0)) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c);
            }
        }
        if (end < body.length()) {
            sb.append('…');
        }
        String text = sb.toString();
        return new Snippet(text, query.matchesIn(text));
    }

    private static int lastSpace(String s, int from, int downTo) {
        for (int i = from; i >= downTo; i--) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int nextSpace(String s, int from, int upTo) {
        for (int i = from; i < upTo; i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Moves an index off the middle of a surrogate pair. */
    private static int notInsidePair(String s, int i) {
        return i > 0 && i < s.length() && Character.isLowSurrogate(s.charAt(i)) && Character.isHighSurrogate(s.charAt(i - 1))
                ? i - 1 : i;
    }
}
