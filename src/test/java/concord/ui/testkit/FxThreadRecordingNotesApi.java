package concord.ui.testkit;

import concord.client.ApiResult;
import concord.client.NotesApi;
import concord.client.NotesTransactions;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import concord.model.NoteSummary;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Wraps the real client and records every call made on the FX thread (there must be none). */
final class FxThreadRecordingNotesApi implements NotesApi, NotesTransactions {

    private final NotesApi delegate;
    final Queue<String> callsOnFxThread = new ConcurrentLinkedQueue<>();
    final AtomicInteger calls = new AtomicInteger();

    FxThreadRecordingNotesApi(NotesApi delegate) {
        this.delegate = delegate;
    }

    private <T> T record(String what, Supplier<T> call) {
        calls.incrementAndGet();
        if (Platform.isFxApplicationThread()) {
            callsOnFxThread.add(what + " as " + delegate.user());
        }
        return call.get();
    }

    @Override
    public ApiResult<List<NoteSummary>> list() {
        return record("list", delegate::list);
    }

    @Override
    public ApiResult<Note> get(String id) {
        return record("get " + id, () -> delegate.get(id));
    }

    @Override
    public ApiResult<Note> create(NoteContent content) {
        return record("create", () -> delegate.create(content));
    }

    @Override
    public ApiResult<Note> createWithId(String id, NoteContent content) {
        return record("createWithId " + id, () -> delegate.createWithId(id, content));
    }

    @Override
    public ApiResult<Note> update(String id, ETag ifMatch, NoteContent content) {
        return record("update " + id, () -> delegate.update(id, ifMatch, content));
    }

    @Override
    public ApiResult<Void> delete(String id, ETag ifMatch) {
        return record("delete " + id, () -> delegate.delete(id, ifMatch));
    }

    @Override
    public ApiResult<List<NoteSummary>> versions(String id) {
        return record("versions " + id, () -> delegate.versions(id));
    }

    @Override
    public ApiResult<Note> version(String id, long version) {
        return record("version " + id, () -> delegate.version(id, version));
    }

    @Override
    public String user() {
        return delegate.user();
    }

    @Override
    public ApiResult<TransactionResult> transact(String token, List<TransactionItem> items) {
        return record("transact", () -> ((NotesTransactions) delegate).transact(token, items));
    }
}
