package concord.store;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
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
 * same row. If the commit fails (a full disk, an I/O error) the whole batch is answered with the failure and the
 * connection is closed and reopened, so nothing of it stays open, locked or visible, and the next batch starts
 * clean. Reads: a small pool of separate connections; WAL lets them read committed data while the writer works.
 *
 * <p>ETags: {@code v<version>-<seq>-<salt>}, where {@code seq} grows by one with every write in this database
 * and {@code salt} is drawn at random when the database is created. A tag is therefore never issued twice,
 * not for the same id after delete + re-create, and not by a database re-created from scratch.
 */
public final class SqliteNoteStore implements NoteStore {

    public static final String FILE_NAME = "notes.db";
    static final int SCHEMA_VERSION = SqliteSchema.VERSION;
    private static final int MAX_BATCH = 512;
    private static final int READERS = 4;

    private final String url;
    private final SqliteFaults faults;
    private final DataDirectory directory;
    private final Retention retention;
    /** Owned by the writer thread after construction; null after a failure until the next batch reopens it. */
    private SqliteWriteConnection w;
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<SqliteReader> readers = new ArrayBlockingQueue<>(READERS);
    private final List<SqliteReader> allReaders = new ArrayList<>();
    private final Thread writer;
    private final String salt;
    private final SecureRandom random = new SecureRandom();
    private long seq; // owned by the writer thread after construction
    private volatile boolean closed;
    private final LongAdder commits = new LongAdder();
    private final LongAdder units = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    private final Object closeLock = new Object();
    /**
     * The ETag of each live note as of some recent commit, published by the writer after the commit. Only a
     * hint that decides whether a conditional write is worth checking on a read connection first; the writer
     * always decides for itself inside the transaction, so a stale or missing entry costs time, never correctness.
     */
    private final ConcurrentHashMap<String, ETag> committedTags = new ConcurrentHashMap<>();

    private SqliteNoteStore(DataDirectory directory, Path file, Retention retention, SqliteFaults faults)
            throws SQLException {
        this.directory = directory;
        this.retention = retention;
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
        this.faults = faults;
        Connection first = SqliteWriteConnection.connect(url);
        try {
            salt = SqliteSchema.migrate(first, () -> randomToken(6));
            w = SqliteWriteConnection.wrap(first);
            seq = w.maxSeq();
            for (int i = 0; i < READERS; i++) {
                SqliteReader r = new SqliteReader(url, salt, faults);
                allReaders.add(r);
                readers.add(r);
            }
        } catch (SQLException | RuntimeException e) {
            allReaders.forEach(SqliteReader::close);
            first.close();
            throw e;
        }
        writer = new Thread(this::writeLoop, "concord-store-writer");
        writer.setDaemon(true);
        writer.start();
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
    public Listing list(long before, int limit) {
        requirePositive(limit);
        return read(r -> r.list(before, limit));
    }

    @Override
    public NoteState find(String id) {
        return read(r -> r.find(id));
    }

    @Override
    public Optional<Page<NoteSummary>> versions(String id, long after, int limit) {
        requirePositive(limit);
        return read(r -> r.versions(id, after, limit));
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

    private <T> T read(SqliteReader.SqlFunction<SqliteReader, T> query) {
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

    /**
     * How many commits (fsyncs) and units of work the writer has done: units / commits is the group-commit gain;
     * {@code failedBatches} counts batches whose transaction failed and was rolled back as a whole.
     */
    public record WriteStats(long commits, long units, long failedBatches) {
    }

    public WriteStats writeStats() {
        return new WriteStats(commits.sum(), units.sum(), failedBatches.sum());
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
            if (w == null) {
                w = SqliteWriteConnection.open(url);
                seq = Math.max(seq, w.maxSeq());
            }
            w.control("BEGIN IMMEDIATE");
            for (int i = 0; i < batch.size(); i++) {
                Job<?> job = batch.get(i);
                w.control("SAVEPOINT unit");
                Tx tx = new Tx();
                try {
                    results[i] = job.work.run(tx);
                    if (tx.rollbackOnly) {
                        w.control("ROLLBACK TO unit");
                    } else {
                        published.addAll(tx.tags);
                    }
                } catch (RuntimeException | Error e) {
                    failures[i] = e;
                    w.control("ROLLBACK TO unit");
                } finally {
                    tx.open = false;
                }
                if (tx.failed != null) {
                    // SQLite may have rolled the whole transaction back by itself (e.g. on a full disk): the
                    // other units' writes are gone too, so the batch cannot commit
                    throw tx.failed;
                }
                w.control("RELEASE unit");
            }
            faults.beforeCommit(w.c);
            w.control("COMMIT");
        } catch (SQLException | RuntimeException e) {
            failBatch(batch, seqBefore, e, failures);
            return;
        }
        commits.increment();
        units.add(batch.size());
        for (TagChange change : published) {
            if (change.tag() == null) {
                committedTags.remove(change.id());
            } else {
                committedTags.put(change.id(), change.tag());
            }
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results[i], failures[i]);
        }
    }

    /**
     * Nothing of the batch was committed: every job gets the failure, and the connection is closed (which ends its
     * transaction and releases the write lock) so that the next batch opens a fresh one.
     */
    private void failBatch(List<Job<?>> batch, long seqBefore, Exception e, Throwable[] unitFailures) {
        failedBatches.increment();
        if (w != null) {
            w.discard();
            w = null;
        }
        seq = Math.max(seq, seqBefore); // numbers handed out in a failed batch are simply skipped
        boolean full = SqliteErrors.isDiskFull(e);
        for (Throwable t : unitFailures) {
            full |= SqliteErrors.isDiskFull(t);
        }
        StoreException failure;
        if (full) {
            // a unit may have met the full disk first and the batch then failed on the rollback that followed
            failure = e instanceof StorageFullException sf ? sf
                    : new StorageFullException("writing to the notes database failed: the disk is full", e);
        } else {
            failure = e instanceof StoreException se ? se
                    : e instanceof SQLException sql ? SqliteErrors.failure("writing to the notes database failed", sql)
                    : new StoreException("writing to the notes database failed: " + e, e);
        }
        for (Job<?> job : batch) {
            job.result.completeExceptionally(failure);
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
        /** The first database failure in this unit: the unit cannot go on, and neither can its batch. */
        StoreException failed;
        /** (id, new ETag or null if deleted) for each write of this unit, to publish after the commit. */
        final List<TagChange> tags = new ArrayList<>(1);

        private void check() {
            if (failed != null) {
                throw failed;
            }
            if (!open) {
                throw new IllegalStateException("the write transaction has ended");
            }
        }

        private StoreException fail(String what, SQLException e) {
            failed = SqliteErrors.failure(what, e);
            return failed;
        }

        @Override
        public NoteState current(String id) {
            check();
            try {
                return SqliteRows.readState(w.find, id, salt);
            } catch (SQLException e) {
                throw fail("reading note " + id + " failed", e);
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
                PreparedStatement v = w.insertVersion;
                v.setString(1, id);
                v.setLong(2, version);
                v.setLong(3, s);
                v.setString(4, content.title());
                v.setString(5, SqliteRows.encodeTags(content.tags()));
                v.setLong(6, now.toEpochMilli());
                v.setString(7, user);
                v.executeUpdate();
                PreparedStatement b = w.insertBody;
                b.setString(1, id);
                b.setLong(2, version);
                b.setString(3, content.body());
                b.executeUpdate();
                if (retention.keepLast().isPresent() && version > retention.keepLast().getAsInt()) {
                    long oldest = version - retention.keepLast().getAsInt();
                    for (PreparedStatement prune : List.of(w.pruneVersions, w.pruneBodies)) {
                        prune.setString(1, id);
                        prune.setLong(2, oldest);
                        prune.executeUpdate();
                    }
                }
                PreparedStatement n = w.upsertNote;
                n.setString(1, id);
                n.setLong(2, version);
                n.setLong(3, s);
                n.executeUpdate();
                Note note = new Note(id, content.title(), content.body(), content.tags(), version,
                        SqliteRows.etag(version, s, salt), now, user);
                tags.add(new TagChange(id, note.etag()));
                return note;
            } catch (SQLException e) {
                throw fail("writing note " + id + " failed", e);
            }
        }

        @Override
        public void delete(String id, String user) {
            check();
            if (!(current(id) instanceof NoteState.Live)) {
                throw new IllegalStateException("note " + id + " is not live");
            }
            try {
                w.deleteNote.setLong(1, ++seq);
                w.deleteNote.setString(2, id);
                w.deleteNote.executeUpdate();
                tags.add(new TagChange(id, null));
            } catch (SQLException e) {
                throw fail("deleting note " + id + " failed", e);
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
            return w.c;
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
            if (tag == null || tag.indexOf(SqliteRows.TAG_SEPARATOR) >= 0) {
                throw new IllegalArgumentException("a tag must not be null or contain U+001F");
            }
        }
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
        for (SqliteReader r : allReaders) {
            // wait for in-flight reads to hand their connection back
            try {
                readers.take();
            } catch (InterruptedException e) {
                interrupted = true;
            }
            r.close();
        }
        if (w != null) {
            try (Statement s = w.c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException ignored) {
                // the WAL stays and is replayed on the next open: nothing is lost
            }
            w.close();
        }
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
