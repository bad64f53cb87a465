package concord.ui.notes;

import concord.client.Draft;
import concord.client.DraftStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A draft store over a map, for view model tests; the UI tests use the real FileDraftStore. */
final class InMemoryDraftStore implements DraftStore {

    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    @Override
    public synchronized void save(Draft draft) {
        drafts.put(draft.key(), draft);
    }

    @Override
    public synchronized Optional<Draft> load(String key) {
        return Optional.ofNullable(drafts.get(key));
    }

    @Override
    public synchronized List<Draft> all() {
        List<Draft> all = new ArrayList<>(drafts.values());
        all.sort(Comparator.comparing(Draft::savedAt));
        return all;
    }

    @Override
    public synchronized void remove(String key) {
        drafts.remove(key);
    }
}
