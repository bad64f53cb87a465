package concord.store;

import concord.model.Change;
import concord.model.LockChange;
import concord.model.DeletedNote;
import concord.model.Note;
import concord.model.NoteChange;
import concord.model.NoteLock;
import concord.model.NoteSummary;
import concord.model.SearchQuery;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One read connection and its statements, used by one thread at a time. A connection that failed is closed and
 * opened afresh on its next use, so one broken connection costs one failed request, not every later one.
 */
final class SqliteReader {

    private final String url;
    private final String salt;
    private final SqliteFaults faults;
    private Connection c;
    private PreparedStatement begin;
    private PreparedStatement commit;
    private PreparedStatement find;
    private PreparedStatement maxSeq;
    private PreparedStatement list;
    private PreparedStatement versions;
    private PreparedStatement version;
    private PreparedStatement anyVersion;
    private PreparedStatement versionsNewestFirst;
    private PreparedStatement deleted;
    private PreparedStatement changesAfter;
    private PreparedStatement horizon;
    private PreparedStatement findLease;
    private PreparedStatement anyLeaseDue;

    SqliteReader(String url, String salt, SqliteFaults faults) throws SQLException {
        this.url = url;
        this.salt = salt;
        this.faults = faults;
        connect();
    }

    private void connect() throws SQLException {
        Connection fresh = DriverManager.getConnection(url);
        try {
            try (Statement s = fresh.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA query_only=1");
            }
            begin = fresh.prepareStatement("BEGIN");
            commit = fresh.prepareStatement("COMMIT");
            find = fresh.prepareStatement(SqliteSchema.FIND);
            maxSeq = fresh.prepareStatement(SqliteSchema.MAX_SEQ);
            list = fresh.prepareStatement(SqliteSchema.LIST);
            versions = fresh.prepareStatement(HistorySql.VERSIONS);
            version = fresh.prepareStatement(HistorySql.VERSION_OF);
            anyVersion = fresh.prepareStatement(HistorySql.ANY_VERSION);
            versionsNewestFirst = fresh.prepareStatement(HistorySql.VERSIONS_NEWEST_FIRST);
            deleted = fresh.prepareStatement(SqliteSchema.DELETED);
            changesAfter = fresh.prepareStatement(SqliteSchema.CHANGES_AFTER);
            horizon = fresh.prepareStatement(SqliteSchema.CHANGES_HORIZON);
            findLease = fresh.prepareStatement(SqliteSchema.FIND_LEASE);
            anyLeaseDue = fresh.prepareStatement(SqliteSchema.ANY_LEASE_DUE);
        } catch (SQLException e) {
            fresh.close();
            throw e;
        }
        c = fresh;
    }

    /** Runs {@code query}; if it fails, the connection is dropped and the next call opens a new one. */
    <T> T run(SqlFunction<SqliteReader, T> query) throws SQLException {
        if (c == null) {
            connect();
        }
        try {
            faults.beforeRead(c);
            return query.apply(this);
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    NoteState find(String id) throws SQLException {
        return SqliteRows.readState(find, id, salt);
    }

    /** The note and its lock, in one read transaction: the lock is the one held on exactly that state. */
    NoteStore.Found findWithLock(String id, Instant now) throws SQLException {
        begin.execute();
        try {
            NoteState state = find(id);
            Optional<NoteLock> lock = Optional.empty();
            if (state instanceof NoteState.Live) {
                findLease.setString(1, id);
                try (ResultSet rs = findLease.executeQuery()) {
                    if (rs.next() && rs.getLong(3) > now.toEpochMilli()) {
                        lock = Optional.of(new NoteLock(rs.getString(1), Instant.ofEpochMilli(rs.getLong(3))));
                    }
                }
            }
            return new NoteStore.Found(state, lock);
        } finally {
            commit.execute();
        }
    }

    boolean anyLeaseDue(Instant now) throws SQLException {
        anyLeaseDue.setLong(1, now.toEpochMilli());
        try (ResultSet rs = anyLeaseDue.executeQuery()) {
            return rs.next();
        }
    }

    Listing list(long before, int limit) throws SQLException {
        // one read transaction, so the tag describes exactly the rows returned
        begin.execute();
        try {
            long tagSeq;
            try (ResultSet rs = maxSeq.executeQuery()) {
                rs.next();
                tagSeq = rs.getLong(1);
            }
            List<NoteSummary> out = new ArrayList<>();
            long last = before;
            list.setLong(1, before);
            list.setLong(2, limit == Integer.MAX_VALUE ? -1 : limit + 1L);
            try (ResultSet rs = list.executeQuery()) {
                while (rs.next()) {
                    if (out.size() == limit) {
                        return new Listing(out, tag(tagSeq), OptionalLong.of(last));
                    }
                    out.add(SqliteRows.summary(rs, salt));
                    last = rs.getLong(8);
                }
            }
            return new Listing(out, tag(tagSeq));
        } finally {
            commit.execute();
        }
    }

    private String tag(long seq) {
        return "l" + Long.toString(seq, 36) + "-" + salt;
    }

    Optional<Page<NoteSummary>> versions(String id, long after, int limit) throws SQLException {
        return versions(versions, id, after, limit);
    }

    Optional<Page<NoteSummary>> versionsNewestFirst(String id, long before, int limit) throws SQLException {
        return versions(versionsNewestFirst, id, before, limit);
    }

    private Optional<Page<NoteSummary>> versions(PreparedStatement query, String id, long from, int limit)
            throws SQLException {
        query.setString(1, id);
        query.setLong(2, from);
        query.setLong(3, limit == Integer.MAX_VALUE ? -1 : limit + 1L);
        List<NoteSummary> out = new ArrayList<>();
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (out.size() == limit) {
                    return Optional.of(new Page<>(out, OptionalLong.of(out.get(out.size() - 1).version())));
                }
                out.add(SqliteRows.summary(rs, salt));
            }
        }
        if (out.isEmpty()) {
            anyVersion.setString(1, id);
            try (ResultSet rs = anyVersion.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new Page<>(out, OptionalLong.empty()));
    }

    Page<SearchMatch> search(SearchQuery query, long before, int limit) throws SQLException {
        return SqliteSearch.run(c, query, before, limit, salt);
    }

    Page<DeletedNote> deleted(long before, int limit) throws SQLException {
        deleted.setLong(1, before);
        deleted.setLong(2, limit == Integer.MAX_VALUE ? -1 : limit + 1L);
        try (ResultSet rs = deleted.executeQuery()) {
            return RankedRows.page(rs, limit, 10, r -> {
                NoteSummary s = SqliteRows.summary(r, salt);
                long at = r.getLong(8);
                Instant deletedAt = r.wasNull() ? null : Instant.ofEpochMilli(at);
                return new DeletedNote(s.id(), s.title(), s.tags(), s.version(), s.etag(), s.updatedAt(), s.updatedBy(),
                        deletedAt, r.getString(9));
            });
        }
    }

    Optional<Note> version(String id, long v) throws SQLException {
        version.setString(1, id);
        version.setLong(2, v);
        try (ResultSet rs = version.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Note(id, rs.getString(1), rs.getString(2), SqliteRows.decodeTags(rs.getString(3)), v,
                    SqliteRows.etag(v, rs.getLong(4), salt), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
        }
    }

    /**
     * The changes after {@code position} (at most {@code limit}), or empty if some of them were forgotten. The
     * horizon is read after the changes: it only grows, so if it is still at or below {@code position} then,
     * nothing after {@code position} had been forgotten when the changes were read.
     */
    Optional<List<Change>> changesAfter(long position, int limit) throws SQLException {
        List<Change> out = new ArrayList<>();
        changesAfter.setLong(1, position);
        changesAfter.setInt(2, limit);
        try (ResultSet rs = changesAfter.executeQuery()) {
            while (rs.next()) {
                String lockAction = rs.getString(7);
                if (lockAction != null) {
                    out.add(new LockChange(rs.getLong(1), rs.getString(2), LockChange.Action.fromWireName(lockAction),
                            rs.getString(6), Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(5))));
                    continue;
                }
                long version = rs.getLong(3);
                boolean deleted = rs.getInt(4) != 0;
                out.add(new NoteChange(rs.getLong(1), rs.getString(2), version,
                        deleted ? null : SqliteRows.etag(version, rs.getLong(1), salt),
                        rs.getString(6), Instant.ofEpochMilli(rs.getLong(5)), deleted));
            }
        }
        try (ResultSet rs = horizon.executeQuery()) {
            rs.next();
            return position < rs.getLong(1) ? Optional.empty() : Optional.of(out);
        }
    }

    /** A trivial query: the file can be read. */
    void ping() throws SQLException {
        try (ResultSet rs = maxSeq.executeQuery()) {
            rs.next();
        }
    }

    void close() {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // dropping it: nothing left to protect
        }
        c = null;
    }

    @FunctionalInterface
    interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }
}
