package concord.store;

import concord.model.SearchQuery;
import java.util.List;

/**
 * How both engines turn a {@link SearchQuery} into SQL, and rank what they find. The rules are the same on each,
 * so the same search gives the same notes in the same order on SQLite and on PostgreSQL.
 *
 * <p>A note matches when every term occurs in its title, tags or body. Its score adds, for each term, 3 if the
 * title holds it, 2 if a tag does, 1 if the body does: a note whose title holds the word ranks above one whose body
 * holds it many times. Equal scores go newest first. A result's position in the ranking is
 * {@code score << 56 | seq} (seq: the note's last write, below 2^56), one number, so a page continues below the
 * last position of the one before, as the notes listing does.
 */
final class SearchTerms {

    static final int TITLE_WEIGHT = 3;
    static final int TAGS_WEIGHT = 2;
    static final int BODY_WEIGHT = 1;
    static final int SCORE_SHIFT = 56;

    private SearchTerms() {
    }

    /**
     * Whether a term can be looked up in a trigram index: three characters or more. Shorter ones are matched by
     * reading the notes (still correct, just not indexed).
     */
    static boolean indexable(String term) {
        return term.codePointCount(0, term.length()) >= 3;
    }

    /** {@code %term%} for LIKE/ILIKE with {@code ESCAPE '\'}: the term's own %, _ and \ stand for themselves. */
    static String containsPattern(String term) {
        StringBuilder sb = new StringBuilder(term.length() + 4).append('%');
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('%').toString();
    }

    /** The term as an FTS5 string (a phrase): inside double quotes nothing is syntax, a quote is doubled. */
    static String ftsPhrase(String term) {
        return '"' + term.replace("\"", "\"\"") + '"';
    }

    static List<String> indexableTerms(SearchQuery q) {
        return q.terms().stream().filter(SearchTerms::indexable).toList();
    }

    static List<String> shortTerms(SearchQuery q) {
        return q.terms().stream().filter(t -> !indexable(t)).toList();
    }
}
