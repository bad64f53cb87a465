package concord.store;

import concord.model.Change;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite engine's change log: the {@code changes} table, written by the single writer in the same commit as the
 * change, with the write's sequence number as its position. One writer commits in sequence order, so positions
 * become visible in order; listeners are told in-process, right after each commit.
 */
final class SqliteChangeLog implements ChangeLog {

    private final SqliteNoteStore store;
    private final SqliteWriter writer;

    SqliteChangeLog(SqliteNoteStore store, SqliteWriter writer) {
        this.store = store;
        this.writer = writer;
    }

    @Override
    public long head() {
        return writer.committedSeq();
    }

    @Override
    public Optional<List<Change>> after(long position, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("at least one change: " + limit);
        }
        if (position > head()) {
            return Optional.empty(); // not a position this database has given out
        }
        return store.read(r -> r.changesAfter(position, limit));
    }

    @Override
    public Subscription onChange(Runnable listener) {
        return writer.onCommit(listener);
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        writer.forgetChangesBefore(cutoff);
    }
}
