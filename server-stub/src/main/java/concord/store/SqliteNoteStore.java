package concord.store;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQLite engine: one file in WAL mode with {@code synchronous=FULL}, so a commit is on disk before it is
 * acknowledged.
 *
 * <p>Writes: one dedicated writer thread owns the only writing connection. It takes every unit of work that is
 * waiting, runs each inside its own savepoint of one transaction, and commits them together (group commit):
 * concurrent requests share one fsync instead of queueing for one each, and no two writers ever race on the
 * same row. Reads: a small pool of separate connections; WAL lets them read committed data while the writer works.
 *
 * <p>ETags: {@code v<version>-<seq>-<salt>}, where {@code seq} grows by one with every write in this database
 * and {@code salt} is drawn at random when the database is created. A tag is therefore never issued twice,
 * not for the same id after delete + re-create, and not by a database re-created from scratch.
 */
public final class SqliteNoteStore implements NoteStore {

    public static final String FILE_NAME = "notes.db";
    static final int SCHEMA_VERSION = 1;
    private static final int MAX_BATCH = 512;
    private static final int READERS = 4;
    private static final char TAG_SEPARATOR = '\u001F';

    private final Connection writeConnection;
    private WriterStatements ws;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Reader> readers = new ArrayBlockingQueue<>(READERS);
    private final List<Reader> allReaders = new ArrayList<>();
    private final Thread writer;
    private String salt;
    private final SecureRandom random = new SecureRandom();
    private long seq; // owned by the writer thread after construction
    private volatile boolean closed;
    private final LongAdder commits = new LongAdder();
    private final LongAdder units = new LongAdder();
    private final Object closeLock = new Object();
    /**
     * The ETag of each live note as of some recent commit, published by the writer after the commit. Only a
     * hint that decides whether a conditional write is worth checking on a read connection first; the writer
     * always decides for itself inside the transaction, so a stale or missing entry costs time, never correctness.
     */
    private final ConcurrentHashMap<String, ETag> committedTags = new ConcurrentHashMap<>();

    private SqliteNoteStore(Path file) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        writeConnection = DriverManager.getConnection(url);
        try {
            setUp(url);
        } catch (SQLException | RuntimeException e) {
            allReaders.forEach(Reader::close);
            writeConnection.close();
            throw e;
        }
        writer = new Thread(this::writeLoop, "concord-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private void setUp(String url) throws SQLException {
        try (Statement s = writeConnection.createStatement()) {
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA journal_mode=WAL");
            // FULL: the WAL is fsynced at every commit, so an acknowledged write survives kill -9 and power loss.
            s.execute("PRAGMA synchronous=FULL");
        }
        requireDurableSettings(writeConnection);
        salt = migrate(writeConnection);
        try (Statement s = writeConnection.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(seq), 0) FROM notes")) {
            rs.next();
            seq = rs.getLong(1);
        }
        ws = new WriterStatements(writeConnection);
        for (int i = 0; i < READERS; i++) {
            Reader r = new Reader(DriverManager.getConnection(url), salt);
            allReaders.add(r);
            readers.add(r);
        }
    }

    /** Opens (creating or migrating as needed) the database {@value #FILE_NAME} in {@code dataDir}. */
    public static SqliteNoteStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            return new SqliteNoteStore(dataDir.resolve(FILE_NAME));
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open the notes database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to run unless the connection really commits in WAL mode with {@code synchronous=FULL} (or EXTRA).
     * A pragma that SQLite ignores (a misspelling, a build or file system that cannot honour it) would otherwise
     * turn "acknowledged means on disk" into "acknowledged means in the page cache" without any test noticing:
     * kill -9 keeps the page cache, only a power cut shows the difference.
     */
    static void requireDurableSettings(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            String journal;
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                journal = rs.next() ? rs.getString(1) : "?";
            }
            int synchronous;
            try (ResultSet rs = s.executeQuery("PRAGMA synchronous")) {
                synchronous = rs.next() ? rs.getInt(1) : -1;
            }
            // 2 = FULL, 3 = EXTRA; 0 = OFF and 1 = NORMAL can lose acknowledged commits at a power cut
            if (!"wal".equalsIgnoreCase(journal) || synchronous < 2) {
                throw new SQLException("refusing to start: the database runs with journal_mode=" + journal
                        + " and synchronous=" + synchronous + ", but acknowledged writes need journal_mode=wal and"
                        + " synchronous=2 (FULL) or 3 (EXTRA)");
            }
        }
    }

    /** Creates the schema or upgrades it step by step; returns this database's ETag salt. */
    private String migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
                int current;
                try (ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                    rs.next();
                    current = rs.getInt(1);
                }
                if (current > SCHEMA_VERSION) {
                    throw new SQLException("the database has schema version " + current
                            + ", newer than this server understands (" + SCHEMA_VERSION + ")");
                }
                if (current < 1) {
                    s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                    // notes: the current state of each id (its latest version, or a tombstone);
                    // seq = the sequence number of the last change, for ETags and the listing tag.
                    s.execute("CREATE TABLE notes (id TEXT PRIMARY KEY, version INTEGER NOT NULL,"
                            + " seq INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0)");
                    s.execute("CREATE INDEX notes_by_seq ON notes (seq)");
                    s.execute("CREATE TABLE versions (id TEXT NOT NULL, version INTEGER NOT NULL,"
                            + " seq INTEGER NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL,"
                            + " updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL, PRIMARY KEY (id, version))");
                    try (PreparedStatement p = c.prepareStatement("INSERT INTO meta VALUES ('etag_salt', ?)")) {
                        p.setString(1, randomToken(6));
                        p.executeUpdate();
                    }
                }
                s.execute("DELETE FROM schema_version");
                s.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
            try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'etag_salt'")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private String randomToken(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Listing list() {
        return read(Reader::list);
    }

    @Override
    public NoteState find(String id) {
        return read(r -> r.find(id));
    }

    @Override
    public Optional<List<NoteSummary>> versions(String id) {
        return read(r -> r.versions(id));
    }

    @Override
    public Optional<Note> version(String id, long version) {
        return read(r -> r.version(id, version));
    }

    private <T> T read(SqlFunction<Reader, T> query) {
        ensureOpen();
        Reader reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        try {
            return query.apply(reader);
        } catch (SQLException e) {
            throw new StoreException("reading the notes database failed: " + e.getMessage(), e);
        } finally {
            readers.add(reader);
        }
    }

    // ---------------------------------------------------------------- writes

    /**
     * A stale If-Match is answered from a read connection without queueing for the writer or its fsync. This is
     * exact, not a heuristic: ETags are never reused, and any tag a client holds came from a commit that finished
     * before its request was sent, so a tag that does not match the committed state now can never match later.
     */
    @Override
    public WriteOutcome put(String id, Precondition precondition, NoteContent content, String user) {
        Optional<WriteOutcome> stale = staleIfMatch(id, precondition);
        if (stale.isPresent()) {
            return stale.get();
        }
        // as NoteStore.put, but the state read for the check is reused for the write instead of read again
        return write(tx -> {
            Tx t = (Tx) tx;
            NoteState current = t.current(id);
            if (!precondition.test(current)) {
                return new WriteOutcome.PreconditionFailed(current.live());
            }
            return new WriteOutcome.Written(t.put(id, current, content, user), !(current instanceof NoteState.Live));
        });
    }

    @Override
    public WriteOutcome delete(String id, Precondition precondition, String user) {
        Optional<WriteOutcome> stale = staleIfMatch(id, precondition);
        return stale.isPresent() ? stale.get() : NoteStore.super.delete(id, precondition, user);
    }

    private Optional<WriteOutcome> staleIfMatch(String id, Precondition precondition) {
        if (precondition instanceof Precondition.IfMatch m) {
            ETag recent = committedTags.get(id);
            if (recent != null && m.tags().contains(recent)) {
                return Optional.empty(); // most likely current: let the writer check it, without a read first
            }
            NoteState committed = find(id);
            if (!precondition.test(committed)) {
                return Optional.of(new WriteOutcome.PreconditionFailed(committed.live()));
            }
        }
        return Optional.empty();
    }

    /** How many commits (fsyncs) and units of work the writer has done: units / commits is the group-commit gain. */
    public record WriteStats(long commits, long units) {
    }

    public WriteStats writeStats() {
        return new WriteStats(commits.sum(), units.sum());
    }

    /** Units of work waiting for the writer (not the one it is running): lets a test line up a batch. */
    int pendingWrites() {
        return queue.size();
    }

    @Override
    public <T> T write(UnitOfWork<T> work) {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("write() inside a unit of work would wait for itself; use its WriteTransaction");
        }
        Job<T> job = new Job<>(work);
        synchronized (closeLock) {
            ensureOpen();
            queue.add(job);
        }
        try {
            return job.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("write failed: " + e.getCause(), e.getCause());
        }
    }

    private void writeLoop() {
        List<Job<?>> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, by a poison job
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean stop = batch.removeIf(j -> j.work == null);
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
            batch.clear();
            if (stop && queue.isEmpty()) {
                return;
            }
        }
    }

    /** Runs each job in its own savepoint of one transaction, then one commit (one fsync) for all of them. */
    private void commitBatch(List<Job<?>> batch) {
        Object[] results = new Object[batch.size()];
        Throwable[] failures = new Throwable[batch.size()];
        long seqBefore = seq;
        List<TagChange> published = new ArrayList<>();
        try {
            ws.begin.execute();
            for (int i = 0; i < batch.size(); i++) {
                Job<?> job = batch.get(i);
                ws.savepoint.execute();
                Tx tx = new Tx();
                try {
                    results[i] = job.work.run(tx);
                    if (tx.rollbackOnly) {
                        ws.rollbackToSavepoint.execute();
                    } else {
                        published.addAll(tx.tags);
                    }
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    ws.rollbackToSavepoint.execute();
                } finally {
                    tx.open = false;
                }
                ws.release.execute();
            }
            ws.commit.execute();
            commits.increment();
            units.add(batch.size());
            for (TagChange change : published) {
                if (change.tag() == null) {
                    committedTags.remove(change.id());
                } else {
                    committedTags.put(change.id(), change.tag());
                }
            }
        } catch (SQLException | RuntimeException e) {
            try {
                ws.rollback.execute();
            } catch (SQLException ignored) {
                // the transaction may already be gone; the commit did not happen either way
            }
            seq = Math.max(seq, seqBefore); // numbers handed out in a failed batch are simply skipped
            StoreException failure = new StoreException("writing to the notes database failed: " + e.getMessage(), e);
            for (Job<?> job : batch) {
                job.result.completeExceptionally(failure);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results[i], failures[i]);
        }
    }

    /** A unit's change to a note's ETag: the new tag, or null when the note was deleted. */
    private record TagChange(String id, ETag tag) {
    }

    private static final class Job<T> {
        final UnitOfWork<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Job(UnitOfWork<T> work) {
            this.work = work;
        }

        @SuppressWarnings("unchecked")
        void complete(Object value, Throwable failure) {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete((T) value);
            }
        }
    }

    /** The writer thread's view; valid only while its unit runs. */
    private final class Tx implements WriteTransaction {
        boolean open = true;
        boolean rollbackOnly;
        /** (id, new ETag or null if deleted) for each write of this unit, to publish after the commit. */
        final List<TagChange> tags = new ArrayList<>(1);

        private void check() {
            if (!open) {
                throw new IllegalStateException("the write transaction has ended");
            }
        }

        @Override
        public NoteState current(String id) {
            check();
            try {
                return readState(ws.find, id, salt);
            } catch (SQLException e) {
                throw new StoreException("reading note " + id + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public Note put(String id, NoteContent content, String user) {
            check();
            return put(id, current(id), content, user);
        }

        /** {@code state} is what {@link #current} returned for {@code id} in this unit, with no write since. */
        Note put(String id, NoteState state, NoteContent content, String user) {
            check();
            requireStorable(content, user);
            try {
                long version = lastVersion(state) + 1;
                long s = ++seq;
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                PreparedStatement v = ws.insertVersion;
                v.setString(1, id);
                v.setLong(2, version);
                v.setLong(3, s);
                v.setString(4, content.title());
                v.setString(5, content.body());
                v.setString(6, encodeTags(content.tags()));
                v.setLong(7, now.toEpochMilli());
                v.setString(8, user);
                v.executeUpdate();
                PreparedStatement n = ws.upsertNote;
                n.setString(1, id);
                n.setLong(2, version);
                n.setLong(3, s);
                n.executeUpdate();
                Note note = new Note(id, content.title(), content.body(), content.tags(), version,
                        etag(version, s, salt), now, user);
                tags.add(new TagChange(id, note.etag()));
                return note;
            } catch (SQLException e) {
                throw new StoreException("writing note " + id + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void delete(String id, String user) {
            check();
            try {
                if (!(current(id) instanceof NoteState.Live)) {
                    throw new IllegalStateException("note " + id + " is not live");
                }
                ws.deleteNote.setLong(1, ++seq);
                ws.deleteNote.setString(2, id);
                ws.deleteNote.executeUpdate();
                tags.add(new TagChange(id, null));
            } catch (SQLException e) {
                throw new StoreException("deleting note " + id + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public String newId() {
            check();
            while (true) {
                String id = randomToken(12);
                if (current(id) instanceof NoteState.Absent) {
                    return id;
                }
            }
        }

        @Override
        public void rollbackOnly() {
            check();
            rollbackOnly = true;
        }

        @Override
        public Connection connection() {
            check();
            return writeConnection;
        }
    }

    private static long lastVersion(NoteState state) {
        if (state instanceof NoteState.Live l) {
            return l.note().version();
        }
        return state instanceof NoteState.Deleted d ? d.lastVersion() : 0;
    }

    private static void requireStorable(NoteContent content, String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("a write needs a user name");
        }
        for (String tag : content.tags()) {
            if (tag == null || tag.indexOf(TAG_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("a tag must not be null or contain U+001F");
            }
        }
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

    /** Columns: n.version, n.deleted, v.seq, v.title, v.body, v.tags, v.updated_at, v.updated_by. */
    static NoteState readState(PreparedStatement find, String id, String salt) throws SQLException {
        find.setString(1, id);
        try (ResultSet rs = find.executeQuery()) {
            if (!rs.next()) {
                return new NoteState.Absent(id);
            }
            long version = rs.getLong(1);
            if (rs.getInt(2) != 0) {
                return new NoteState.Deleted(id, version);
            }
            return new NoteState.Live(new Note(id, rs.getString(4), rs.getString(5), decodeTags(rs.getString(6)),
                    version, etag(version, rs.getLong(3), salt), Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8)));
        }
    }

    static final String FIND_SQL = "SELECT n.version, n.deleted, v.seq, v.title, v.body, v.tags, v.updated_at,"
            + " v.updated_by FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version WHERE n.id = ?";

    private static final class WriterStatements {
        final PreparedStatement begin;
        final PreparedStatement commit;
        final PreparedStatement rollback;
        final PreparedStatement savepoint;
        final PreparedStatement rollbackToSavepoint;
        final PreparedStatement release;
        final PreparedStatement find;
        final PreparedStatement insertVersion;
        final PreparedStatement upsertNote;
        final PreparedStatement deleteNote;

        WriterStatements(Connection c) throws SQLException {
            begin = c.prepareStatement("BEGIN IMMEDIATE");
            commit = c.prepareStatement("COMMIT");
            rollback = c.prepareStatement("ROLLBACK");
            savepoint = c.prepareStatement("SAVEPOINT unit");
            rollbackToSavepoint = c.prepareStatement("ROLLBACK TO unit");
            release = c.prepareStatement("RELEASE unit");
            find = c.prepareStatement(FIND_SQL);
            insertVersion = c.prepareStatement("INSERT INTO versions (id, version, seq, title, body, tags,"
                    + " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            upsertNote = c.prepareStatement("INSERT INTO notes (id, version, seq, deleted) VALUES (?, ?, ?, 0)"
                    + " ON CONFLICT (id) DO UPDATE SET version = excluded.version, seq = excluded.seq, deleted = 0");
            deleteNote = c.prepareStatement("UPDATE notes SET deleted = 1, seq = ? WHERE id = ?");
        }
    }

    /** One read connection and its statements; used by one thread at a time. */
    private static final class Reader {
        final Connection c;
        final String salt;
        final PreparedStatement begin;
        final PreparedStatement commit;
        final PreparedStatement find;
        final PreparedStatement maxSeq;
        final PreparedStatement list;
        final PreparedStatement versions;
        final PreparedStatement version;

        Reader(Connection c, String salt) throws SQLException {
            this.c = c;
            this.salt = salt;
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=10000");
                s.execute("PRAGMA query_only=1");
            }
            begin = c.prepareStatement("BEGIN");
            commit = c.prepareStatement("COMMIT");
            find = c.prepareStatement(FIND_SQL);
            maxSeq = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM notes");
            list = c.prepareStatement("SELECT n.id, v.title, v.tags, n.version, v.seq, v.updated_at, v.updated_by"
                    + " FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version"
                    + " WHERE n.deleted = 0 ORDER BY n.seq DESC");
            versions = c.prepareStatement("SELECT id, title, tags, version, seq, updated_at, updated_by"
                    + " FROM versions WHERE id = ? ORDER BY version");
            version = c.prepareStatement("SELECT title, body, tags, seq, updated_at, updated_by"
                    + " FROM versions WHERE id = ? AND version = ?");
        }

        NoteState find(String id) throws SQLException {
            return readState(find, id, salt);
        }

        Listing list() throws SQLException {
            // one read transaction, so the tag describes exactly the rows returned
            begin.execute();
            try {
                long tagSeq;
                try (ResultSet rs = maxSeq.executeQuery()) {
                    rs.next();
                    tagSeq = rs.getLong(1);
                }
                List<NoteSummary> out = new ArrayList<>();
                try (ResultSet rs = list.executeQuery()) {
                    while (rs.next()) {
                        out.add(summary(rs));
                    }
                }
                return new Listing(out, "l" + Long.toString(tagSeq, 36) + "-" + salt);
            } finally {
                commit.execute();
            }
        }

        Optional<List<NoteSummary>> versions(String id) throws SQLException {
            versions.setString(1, id);
            List<NoteSummary> out = new ArrayList<>();
            try (ResultSet rs = versions.executeQuery()) {
                while (rs.next()) {
                    out.add(summary(rs));
                }
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(out);
        }

        Optional<Note> version(String id, long v) throws SQLException {
            version.setString(1, id);
            version.setLong(2, v);
            try (ResultSet rs = version.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Note(id, rs.getString(1), rs.getString(2), decodeTags(rs.getString(3)), v,
                        etag(v, rs.getLong(4), salt), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
            }
        }

        /** Columns: id, title, tags, version, seq, updated_at, updated_by. */
        private NoteSummary summary(ResultSet rs) throws SQLException {
            long v = rs.getLong(4);
            return new NoteSummary(rs.getString(1), rs.getString(2), decodeTags(rs.getString(3)), v,
                    etag(v, rs.getLong(5), salt), Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7));
        }

        void close() {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing: nothing left to protect
            }
        }
    }

    @FunctionalInterface
    private interface SqlFunction<A, R> {
        R apply(A a) throws SQLException;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the notes store is closed");
        }
    }

    /** Finishes every queued write, then checkpoints the WAL and closes the file. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(new Job<>(null));
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Reader r : allReaders) {
            // wait for in-flight reads to hand their connection back
            try {
                readers.take();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            r.close();
        }
        try (Statement s = writeConnection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException ignored) {
            // the WAL stays and is replayed on the next open: nothing is lost
        }
        try {
            writeConnection.close();
        } catch (SQLException ignored) {
            // already durable
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code PRAGMA integrity_check} of the database in {@code dataDir} ("ok" when sound), on its own connection. */
    public static String integrityCheck(Path dataDir) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(FILE_NAME).toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder sb = new StringBuilder();
            while (rs.next()) {
                sb.append(sb.length() == 0 ? "" : "\n").append(rs.getString(1));
            }
            return sb.toString();
        } catch (SQLException e) {
            throw new StoreException("integrity check failed to run: " + e.getMessage(), e);
        }
    }
}
