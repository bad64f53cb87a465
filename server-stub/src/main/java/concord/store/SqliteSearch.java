package concord.store;

import concord.model.SearchQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Search on SQLite: the FTS5 trigram table {@code search} (see {@link SqliteSchema}) finds the notes that hold every
 * term of three characters or more; shorter terms are checked with LIKE on those rows (or on every row when the
 * query has no longer term). Ranked by {@link SearchTerms}; the statement is made for each query's terms, every
 * value in it a bound parameter.
 */
final class SqliteSearch {

    private static final String[] COLUMNS = {"title", "tags", "body"};
    private static final int[] WEIGHTS = {SearchTerms.TITLE_WEIGHT, SearchTerms.TAGS_WEIGHT, SearchTerms.BODY_WEIGHT};

    private SqliteSearch() {
    }

    static Page<SearchMatch> run(Connection c, SearchQuery q, long before, int limit, String salt) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder score = new StringBuilder();
        for (String term : q.terms()) {
            for (int i = 0; i < COLUMNS.length; i++) {
                score.append(score.length() == 0 ? "" : " + ").append(WEIGHTS[i]).append(" * ");
                if (SearchTerms.indexable(term)) {
                    score.append("(search.rowid IN (SELECT rowid FROM search AS x WHERE x.search MATCH ?))");
                    params.add("{" + COLUMNS[i] + "} : " + SearchTerms.ftsPhrase(term));
                } else {
                    score.append("(search.").append(COLUMNS[i]).append(" LIKE ? ESCAPE '\\')");
                    params.add(SearchTerms.containsPattern(term));
                }
            }
        }
        List<String> where = new ArrayList<>();
        where.add("n.deleted = 0");
        List<String> indexed = SearchTerms.indexableTerms(q);
        if (!indexed.isEmpty()) {
            where.add("search MATCH ?");
            params.add(String.join(" AND ", indexed.stream().map(SearchTerms::ftsPhrase).toList()));
        }
        for (String term : SearchTerms.shortTerms(q)) {
            where.add("(search.title LIKE ? ESCAPE '\\' OR search.tags LIKE ? ESCAPE '\\' OR search.body LIKE ? ESCAPE '\\')");
            String pattern = SearchTerms.containsPattern(term);
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        String sql = "SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by,"
                + " substr(b.body, 1, " + SearchMatch.EXCERPT + "), p.position FROM"
                + " (SELECT id, position FROM (SELECT d.id AS id, ((" + score + ") << " + SearchTerms.SCORE_SHIFT
                + ") + n.seq AS position FROM search JOIN search_docs d ON d.docid = search.rowid"
                + " JOIN notes n ON n.id = d.id WHERE " + String.join(" AND ", where) + ")"
                + " WHERE position < ? ORDER BY position DESC LIMIT ?) p"
                + " JOIN notes n ON n.id = p.id JOIN versions v ON v.id = n.id AND v.version = n.version"
                + " JOIN bodies b ON b.id = n.id AND b.version = n.version ORDER BY p.position DESC";
        params.add(before);
        params.add(limit == Integer.MAX_VALUE ? -1L : limit + 1L);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                p.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = p.executeQuery()) {
                return RankedRows.page(rs, limit, 9, r -> {
                    String body = r.getString(8);
                    return new SearchMatch(SqliteRows.summary(r, salt), body == null ? "" : body);
                });
            }
        }
    }
}
