package concord.store;

import concord.model.NoteContent;
import java.util.List;

/** Many notes and versions written straight through a store, fast (200 notes per commit), for list tests. */
public final class StoreFixtures {

    private StoreFixtures() {
    }

    /** Notes {@code n0…n<notes-1>}, then {@code versions} versions of the note {@code history}. */
    public static void fill(NoteStore store, int notes, String history, int versions) {
        for (int i = 0; i < notes; i += 200) {
            int from = i;
            store.write(tx -> {
                for (int k = from; k < Math.min(notes, from + 200); k++) {
                    tx.put("n" + k, new NoteContent("Note " + k, "body " + k, List.of()), "alice");
                }
                return null;
            });
        }
        store.write(tx -> {
            for (int v = 1; v <= versions; v++) {
                tx.put(history, new NoteContent("History", "version " + v, List.of()), "alice");
            }
            return null;
        });
    }
}
