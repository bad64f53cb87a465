package concord.ui.testkit;

import concord.client.Draft;
import concord.client.DraftStore;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Wraps the real draft store and records every disk access made on the FX thread (there must be none). */
final class FxThreadRecordingDraftStore implements DraftStore {

    private final DraftStore delegate;
    final Queue<String> callsOnFxThread = new ConcurrentLinkedQueue<>();

    FxThreadRecordingDraftStore(DraftStore delegate) {
        this.delegate = delegate;
    }

    private <T> T record(String what, Supplier<T> call) {
        if (Platform.isFxApplicationThread()) {
            callsOnFxThread.add(what);
        }
        return call.get();
    }

    @Override
    public void save(Draft draft) {
        record("save " + draft.key(), () -> {
            delegate.save(draft);
            return null;
        });
    }

    @Override
    public Optional<Draft> load(String key) {
        return record("load " + key, () -> delegate.load(key));
    }

    @Override
    public List<Draft> all() {
        return record("all", delegate::all);
    }

    @Override
    public void remove(String key) {
        record("remove " + key, () -> {
            delegate.remove(key);
            return null;
        });
    }
}
