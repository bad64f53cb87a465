package concord.store;

import concord.model.SearchQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Search on PostgreSQL: ILIKE on the {@code search} table, whose columns have pg_trgm GIN indexes (see
 * {@code V4__search.sql}): each term's condition on title, tags and body is an index lookup when the term has three
 * characters or more. Ranked by {@link SearchTerms}, like SQLite; the statement is made for each query's terms,
 * every value in it a bound parameter.
 */
final class PostgresSearch {

    private PostgresSearch() {
    }

    static Page<SearchMatch> run(Connection c, SearchQuery q, long before, int limit, String salt) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder score = new StringBuilder();
        StringBuilder where = new StringBuilder("NOT n.deleted");
        for (int i = 0; i < q.terms().size(); i++) {
            score.append(score.length() == 0 ? "" : " + ")
                    .append("(s.title ILIKE ? ESCAPE '\\')::int * ").append(SearchTerms.TITLE_WEIGHT)
                    .append(" + (s.tags ILIKE ? ESCAPE '\\')::int * ").append(SearchTerms.TAGS_WEIGHT)
                    .append(" + (s.body ILIKE ? ESCAPE '\\')::int * ").append(SearchTerms.BODY_WEIGHT);
            where.append(" AND (s.title ILIKE ? ESCAPE '\\' OR s.tags ILIKE ? ESCAPE '\\' OR s.body ILIKE ? ESCAPE '\\')");
        }
        for (int round = 0; round < 2; round++) { // the score's parameters, then the condition's
            for (String term : q.terms()) {
                String pattern = SearchTerms.containsPattern(term);
                params.add(pattern);
                params.add(pattern);
                params.add(pattern);
            }
        }
        String sql = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by,"
                + " substr(s.body, 1, " + SearchMatch.EXCERPT + "), p.position FROM"
                + " (SELECT id, position FROM (SELECT s.id, ((" + score + ")::bigint << " + SearchTerms.SCORE_SHIFT
                + ") + n.seq AS position FROM search s JOIN notes n ON n.id = s.id WHERE " + where + ") k"
                + " WHERE position < ? ORDER BY position DESC LIMIT ?) p"
                + " JOIN notes n ON n.id = p.id JOIN versions v ON v.id = n.id AND v.version = n.version"
                + " JOIN search s ON s.id = p.id ORDER BY p.position DESC";
        params.add(before);
        params.add(limit == Integer.MAX_VALUE ? Long.MAX_VALUE : limit + 1L);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                return RankedRows.page(rs, limit, 9, r -> new SearchMatch(PostgresRows.summary(r, salt), r.getString(8)));
            }
        }
    }
}
