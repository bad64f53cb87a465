package concord.store;

import concord.model.DeletedNote;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import concord.model.SearchQuery;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The SQLite engine: one file in WAL mode with {@code synchronous=FULL}, so a commit is on disk before it is
 * acknowledged.
 *
 * <p>Writes: one writer thread with group commit ({@link SqliteWriter}). Reads: a small pool of separate
 * connections ({@link SqliteReader}); WAL lets them read committed data while the writer works.
 *
 * <p>ETags: {@code v<version>-<seq>-<salt>}, where {@code seq} grows by one with every write in this database
 * and {@code salt} is drawn at random when the database is created. A tag is therefore never issued twice,
 * not for the same id after delete + re-create, and not by a database re-created from scratch.
 */
public final class SqliteNoteStore implements NoteStore {

    public static final String FILE_NAME = "notes.db";
    static final int SCHEMA_VERSION = SqliteSchema.VERSION;
    private static final int READERS = 4;

    private final DataDirectory directory;
    private final BlockingQueue<SqliteReader> readers = new ArrayBlockingQueue<>(READERS);
    private final List<SqliteReader> allReaders = new ArrayList<>();
    private final SqliteWriter writer;
    private final SqliteChangeLog changes;
    private final MemoryPresenceBoard presence = new MemoryPresenceBoard(java.time.Clock.systemUTC());
    private volatile boolean closed;
    private final Object closeLock = new Object();

    private SqliteNoteStore(DataDirectory directory, Path file, Retention retention, SqliteFaults faults)
            throws SQLException {
        this.directory = directory;
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        Connection first = SqliteWriteConnection.connect(url);
        try {
            String salt = SqliteSchema.migrate(first, () -> SqliteRows.randomToken(new SecureRandom(), 6));
            SqliteWriteConnection w = SqliteWriteConnection.wrap(first);
            for (int i = 0; i < READERS; i++) {
                SqliteReader r = new SqliteReader(url, salt, faults);
                allReaders.add(r);
                readers.add(r);
            }
            writer = new SqliteWriter(w, url, salt, retention, faults);
            changes = new SqliteChangeLog(this, writer);
        } catch (SQLException | RuntimeException e) {
            allReaders.forEach(SqliteReader::close);
            first.close();
            throw e;
        }
    }

    /**
     * Opens (creating or migrating as needed) the database {@value #FILE_NAME} in {@code dataDir}, which this store
     * then holds locked until {@link #close()}. A new directory and database are readable by their owner only
     * (700/600; SQLite gives its -wal and -shm files the database file's mode).
     *
     * @throws DirectoryInUseException if another server process uses {@code dataDir}
     */
    public static SqliteNoteStore open(Path dataDir) {
        return open(dataDir, Retention.keepAll());
    }

    /** The same, keeping only as many versions of each note as {@code retention} says. */
    public static SqliteNoteStore open(Path dataDir, Retention retention) {
        return open(dataDir, retention, SqliteFaults.NONE);
    }

    /** The same with faults a test can arm. */
    static SqliteNoteStore open(Path dataDir, SqliteFaults faults) {
        return open(dataDir, Retention.keepAll(), faults);
    }

    static SqliteNoteStore open(Path dataDir, Retention retention, SqliteFaults faults) {
        DataDirectory directory = DataDirectory.lock(dataDir);
        try {
            Path file = dataDir.resolve(FILE_NAME);
            DataDirectory.createPrivateFile(file);
            return new SqliteNoteStore(directory, file, retention, faults);
        } catch (SQLException | java.io.IOException | RuntimeException e) {
            directory.close();
            if (e instanceof StoreException se) {
                throw se;
            }
            throw new StoreException("cannot open the notes database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- reads

    @Override
    public Listing list(long before, int limit) {
        requirePositive(limit);
        return read(r -> r.list(before, limit));
    }

    @Override
    public NoteState find(String id) {
        return read(r -> r.find(id));
    }

    @Override
    public Found findWithLock(String id) {
        return read(r -> r.findWithLock(id, java.time.Instant.now()));
    }

    @Override
    public boolean anyLeaseDue() {
        return read(r -> r.anyLeaseDue(java.time.Instant.now()));
    }

    /** In this process: one process serves every client of a SQLite database. */
    @Override
    public PresenceBoard presence() {
        return presence;
    }

    @Override
    public Optional<Page<NoteSummary>> versions(String id, long after, int limit) {
        requirePositive(limit);
        return read(r -> r.versions(id, after, limit));
    }

    @Override
    public Optional<Page<NoteSummary>> versionsNewestFirst(String id, long before, int limit) {
        requirePositive(limit);
        return read(r -> r.versionsNewestFirst(id, before, limit));
    }

    @Override
    public Page<SearchMatch> search(SearchQuery query, long before, int limit) {
        requirePositive(limit);
        return read(r -> r.search(query, before, limit));
    }

    @Override
    public Page<DeletedNote> deleted(long before, int limit) {
        requirePositive(limit);
        return read(r -> r.deleted(before, limit));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one item: " + limit);
        }
    }

    @Override
    public Optional<Note> version(String id, long version) {
        return read(r -> r.version(id, version));
    }

    @Override
    public ChangeLog changes() {
        return changes;
    }

    @Override
    public void ping() {
        read(r -> {
            r.ping();
            return null;
        });
    }

    <T> T read(SqliteReader.SqlFunction<SqliteReader, T> query) {
        ensureOpen();
        SqliteReader reader;
        try {
            reader = readers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
        try {
            return reader.run(query);
        } catch (SQLException e) {
            throw SqliteErrors.failure("reading the notes database failed", e);
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
    public WriteOutcome put(String id, Precondition precondition, String lockToken, NoteContent content, String user) {
        Optional<WriteOutcome> stale = staleIfMatch(id, precondition);
        if (stale.isPresent()) {
            return stale.get();
        }
        // as NoteStore.put, but the state read for the check is reused for the write instead of read again
        return write(tx -> {
            SqliteWriter.Tx t = (SqliteWriter.Tx) tx;
            NoteState current = t.current(id);
            if (!precondition.test(current)) {
                return new WriteOutcome.PreconditionFailed(current.live());
            }
            Optional<concord.model.NoteLock> locked = NoteLeases.blocking(t, id, lockToken);
            if (locked.isPresent()) {
                return new WriteOutcome.Locked(locked.get());
            }
            return new WriteOutcome.Written(t.put(id, current, content, user), !(current instanceof NoteState.Live));
        });
    }

    @Override
    public WriteOutcome delete(String id, Precondition precondition, String lockToken, String user) {
        Optional<WriteOutcome> stale = staleIfMatch(id, precondition);
        return stale.isPresent() ? stale.get() : NoteStore.super.delete(id, precondition, lockToken, user);
    }

    private Optional<WriteOutcome> staleIfMatch(String id, Precondition precondition) {
        if (precondition instanceof Precondition.IfMatch m) {
            Optional<ETag> recent = writer.committedTag(id);
            if (recent.isPresent() && m.tags().contains(recent.get())) {
                return Optional.empty(); // most likely current: let the writer check it, without a read first
            }
            NoteState committed = find(id);
            if (!precondition.test(committed)) {
                return Optional.of(new WriteOutcome.PreconditionFailed(committed.live()));
            }
        }
        return Optional.empty();
    }

    /**
     * How many commits (fsyncs) and units of work the writer has done: units / commits is the group-commit gain;
     * {@code failedBatches} counts batches whose transaction failed and was rolled back as a whole.
     */
    public record WriteStats(long commits, long units, long failedBatches) {
    }

    public WriteStats writeStats() {
        return writer.stats();
    }

    /** Units of work waiting for the writer (not the batch it is running): lets a test line up a batch. */
    int pendingWrites() {
        return writer.pendingWrites();
    }

    @Override
    public <T> T write(UnitOfWork<T> work) {
        ensureOpen();
        return writer.write(work);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreException("the notes store is closed");
        }
    }

    /** Finishes every queued write, then checkpoints the WAL, closes the file and releases the directory. */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.stop();
        boolean interrupted = false;
        for (SqliteReader r : allReaders) {
            // wait for in-flight reads to hand their connection back
            try {
                readers.take();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            r.close();
        }
        writer.close(); // checkpoints with no reader left, so the WAL can be truncated
        directory.close();
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
