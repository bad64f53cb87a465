package concord.store;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteSummary;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** How notes, summaries, tags and ETags are kept in and read from the SQLite tables. */
final class SqliteRows {

    static final char TAG_SEPARATOR = StorableContent.TAG_SEPARATOR;

    private SqliteRows() {
    }

    /** {@code length} random characters from a-z and 0-9: note ids and the ETag salt. */
    static String randomToken(java.security.SecureRandom random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static String encodeTags(List<String> tags) {
        return String.join(String.valueOf(TAG_SEPARATOR), tags);
    }

    static List<String> decodeTags(String stored) {
        return stored.isEmpty() ? List.of() : Arrays.asList(stored.split(String.valueOf(TAG_SEPARATOR), -1));
    }

    static ETag etag(long version, long seq, String salt) {
        return new ETag("v" + version + "-" + Long.toString(seq, 36) + "-" + salt);
    }

    /** The state of {@code id} by {@link SqliteSchema#FIND}. */
    static NoteState readState(PreparedStatement find, String id, String salt) throws SQLException {
        find.setString(1, id);
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return new NoteState.Absent(id);
            }
            long version = rs.getLong(1);
            if (rs.getInt(2) != 0) {
                long at = rs.getLong(10);
                return new NoteState.Deleted(id, version, rs.getString(9), rs.wasNull() ? null : Instant.ofEpochMilli(at));
            }
            return new NoteState.Live(new Note(id, rs.getString(4), rs.getString(5), decodeTags(rs.getString(6)),
                    version, etag(version, rs.getLong(3), salt), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
        }
    }

    /** Columns: id, title, tags, version, seq, updated_at, updated_by. */
    static NoteSummary summary(ResultSet rs, String salt) throws SQLException {
        long v = rs.getLong(4);
        return new NoteSummary(rs.getString(1), rs.getString(2), decodeTags(rs.getString(3)), v,
                etag(v, rs.getLong(5), salt), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7));
    }
}
