package concord.store;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The SQLite engine's writer: one thread that owns the only writing connection. It takes every unit of work that
 * is waiting, runs each inside its own savepoint of one transaction, and commits them together (group commit):
 * concurrent requests share one fsync instead of queueing for one each, and no two writers ever race on the same
 * row. If the batch fails (a full disk, a failed commit or fsync) every unit of it gets the failure and the
 * connection is closed, which ends whatever transaction SQLite still had and releases the write lock; the next
 * batch opens a fresh one. So nothing of a failed batch stays open, locked or visible.
 */
final class SqliteWriter {

    private static final int MAX_BATCH = 512;

    private final String url;
    private final String salt;
    private final Retention retention;
    private final SqliteFaults faults;
    /** Owned by the writer thread; null after a failure until the next batch reopens it. */
    private SqliteWriteConnection w;
    private long seq; // owned by the writer thread
    private final BlockingQueue<Job<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean stopping; // guarded by enqueueLock
    private final Object enqueueLock = new Object();
    private final LongAdder commits = new LongAdder();
    private final LongAdder units = new LongAdder();
    private final LongAdder failedBatches = new LongAdder();
    /**
     * The ETag of each live note as of some recent commit, published by the writer after the commit. Only a
     * hint that decides whether a conditional write is worth checking on a read connection first; the writer
     * always decides for itself inside the transaction, so a stale or missing entry costs time, never correctness.
     */
    private final ConcurrentHashMap<String, ETag> committedTags = new ConcurrentHashMap<>();
    /** The sequence number of the last committed write: every change at or before it is readable. */
    private volatile long committedSeq;
    /** Told after every commit that wrote something (the change feed). */
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    SqliteWriter(SqliteWriteConnection first, String url, String salt, Retention retention, SqliteFaults faults)
            throws SQLException {
        this.w = first;
        this.url = url;
        this.salt = salt;
        this.retention = retention;
        this.faults = faults;
        this.seq = first.maxSeq();
        this.committedSeq = seq;
        writer = new Thread(this::writeLoop, "concord-store-writer");
        writer.setDaemon(true);
        writer.start();
    }

    Optional<ETag> committedTag(String id) {
        return Optional.ofNullable(committedTags.get(id));
    }

    long committedSeq() {
        return committedSeq;
    }

    ChangeLog.Subscription onCommit(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Forgets the feed's changes made before {@code cutoff}, remembering how far it forgot. */
    void forgetChangesBefore(Instant cutoff) {
        write(tx -> {
            ((Tx) tx).forgetChanges(cutoff);
            return null;
        });
    }

    SqliteNoteStore.WriteStats stats() {
        return new SqliteNoteStore.WriteStats(commits.sum(), units.sum(), failedBatches.sum());
    }

    /** Runs {@code work} in the next batch and returns its result once the batch has committed. */
    <T> T write(NoteStore.UnitOfWork<T> work) {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("write() inside a unit of work would wait for itself; use its WriteTransaction");
        }
        Job<T> job = new Job<>(work);
        synchronized (enqueueLock) {
            if (stopping) {
                throw new StoreException("the notes store is closed");
            }
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

    /** Finishes every queued write and stops the thread; the connection stays open for {@link #close()}. */
    void stop() {
        synchronized (enqueueLock) {
            if (stopping) {
                return;
            }
            stopping = true;
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
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** After {@link #stop()}: checkpoints the WAL into the database file and closes the connection. */
    void close() {
        if (w != null) {
            try (Statement s = w.c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (SQLException ignored) {
                // the WAL stays and is replayed on the next open: nothing is lost
            }
            w.close();
            w = null;
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
        boolean wrote = !published.isEmpty();
        committedSeq = seq;
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results[i], failures[i]);
        }
        if (wrote) {
            listeners.forEach(Runnable::run);
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
        final NoteStore.UnitOfWork<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Job(NoteStore.UnitOfWork<T> work) {
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
    final class Tx implements WriteTransaction {
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
            StorableContent.require(content, user);
            try {
                long version = state.lastVersion() + 1;
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
                logChange(s, id, version, false, now, user);
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
            long version = current(id).lastVersion();
            try {
                long s = ++seq;
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                w.deleteNote.setLong(1, s);
                w.deleteNote.setString(2, user);
                w.deleteNote.setLong(3, now.toEpochMilli());
                w.deleteNote.setString(4, id);
                w.deleteNote.executeUpdate();
                logChange(s, id, version, true, now, user);
                tags.add(new TagChange(id, null));
            } catch (SQLException e) {
                throw fail("deleting note " + id + " failed", e);
            }
        }

        @Override
        public void rollbackOnly() {
            check();
            rollbackOnly = true;
        }

        @Override
        public Optional<TokenRecord> token(String user, String token) {
            check();
            try {
                w.findToken.setString(1, user);
                w.findToken.setString(2, token);
                try (var rs = w.findToken.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new TokenRecord(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw fail("reading a transaction token failed", e);
            }
        }

        @Override
        public void recordToken(String user, String token, TokenRecord record) {
            check();
            try {
                PreparedStatement p = w.recordToken;
                p.setString(1, user);
                p.setString(2, token);
                p.setString(3, record.fingerprint());
                p.setString(4, record.outcome());
                p.setLong(5, record.createdAt().toEpochMilli());
                p.executeUpdate();
            } catch (SQLException e) {
                throw fail("recording a transaction token failed", e);
            }
        }

        @Override
        public int purgeTokens(Instant cutoff) {
            check();
            try {
                w.purgeTokens.setLong(1, cutoff.toEpochMilli());
                return w.purgeTokens.executeUpdate();
            } catch (SQLException e) {
                throw fail("purging transaction tokens failed", e);
            }
        }

        /** One row of the feed's log, committed with the write it describes. */
        private void logChange(long position, String id, long version, boolean deleted, Instant at, String user)
                throws SQLException {
            PreparedStatement c = w.insertChange;
            c.setLong(1, position);
            c.setString(2, id);
            c.setLong(3, version);
            c.setInt(4, deleted ? 1 : 0);
            c.setLong(5, at.toEpochMilli());
            c.setString(6, user);
            c.executeUpdate();
        }

        void forgetChanges(Instant cutoff) {
            check();
            try (PreparedStatement raise = w.c.prepareStatement(SqliteSchema.RAISE_HORIZON);
                 PreparedStatement forget = w.c.prepareStatement(SqliteSchema.FORGET_CHANGES)) {
                raise.setLong(1, cutoff.toEpochMilli());
                raise.executeUpdate();
                forget.setLong(1, cutoff.toEpochMilli());
                forget.executeUpdate();
            } catch (SQLException e) {
                throw fail("forgetting old changes failed", e);
            }
        }
    }

}
