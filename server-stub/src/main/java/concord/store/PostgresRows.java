package concord.store;

import concord.model.Note;
import concord.model.NoteChange;
import concord.model.NoteSummary;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** How notes, summaries, tags, bodies and changes are kept in and read from the PostgreSQL tables. */
final class PostgresRows {

    private PostgresRows() {
    }

    /** A note row of {@link PostgresSql#FIND}: its state, a tombstone with who deleted it and when. */
    static NoteState found(String id, ResultSet rs, String salt) throws SQLException {
        NoteState state = state(id, rs, salt);
        if (state instanceof NoteState.Deleted d) {
            OffsetDateTime at = rs.getObject(11, OffsetDateTime.class);
            return new NoteState.Deleted(id, d.lastVersion(), rs.getString(10), at == null ? null : at.toInstant());
        }
        return state;
    }

    /** A note row ({@link PostgresSql#LOCK_AND_READ}'s columns, the first of {@link PostgresSql#FIND}'s) as the note's state. */
    static NoteState state(String id, ResultSet rs, String salt) throws SQLException {
        long version = rs.getLong(2);
        if (rs.getBoolean(3)) {
            return new NoteState.Deleted(id, version);
        }
        return new NoteState.Live(new Note(id, rs.getString(5), body(rs.getBytes(6)), tags(rs.getArray(7)), version,
                SqliteRows.etag(version, rs.getLong(4), salt), instant(rs, 8), rs.getString(9)));
    }

    /** Columns: id, title, tags, version, seq, updated_at, updated_by. */
    static NoteSummary summary(ResultSet rs, String salt) throws SQLException {
        long v = rs.getLong(4);
        return new NoteSummary(rs.getString(1), rs.getString(2), tags(rs.getArray(3)), v,
                SqliteRows.etag(v, rs.getLong(5), salt), instant(rs, 6), rs.getString(7));
    }

    /** Columns: position, id, version, seq, deleted, updated_at, updated_by. */
    static NoteChange change(ResultSet rs, String salt) throws SQLException {
        long version = rs.getLong(3);
        boolean deleted = rs.getBoolean(5);
        return new NoteChange(rs.getLong(1), rs.getString(2), version,
                deleted ? null : SqliteRows.etag(version, rs.getLong(4), salt), rs.getString(7), instant(rs, 6), deleted);
    }

    static byte[] bodyBytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** Bodies are stored as their UTF-8 bytes (text cannot hold U+0000); the store never writes anything else. */
    static String body(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static Array tagArray(Connection c, List<String> tags) throws SQLException {
        return c.createArrayOf("text", tags.toArray(new String[0]));
    }

    static List<String> tags(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }
}
