package concord.store;

import concord.model.Presence;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Who is viewing or editing which note right now. Ephemeral: an entry lasts only as long as it is renewed, is never
 * part of a note's history, and nothing of it needs to survive a restart. Shared by every instance of a store (on
 * SQLite there is one; on PostgreSQL a table, with NOTIFY telling the other instances of each change).
 *
 * <p>Listeners hear of every change of someone's state in a note (arrived, viewing ↔ editing, left), from any
 * instance; a renewal in the same state is no change.
 */
public interface PresenceBoard {

    /**
     * {@code user} is in the note, {@code state} ({@link Presence.State#VIEWING} or {@link Presence.State#EDITING}),
     * for {@code ttl} from now unless renewed.
     */
    void announce(String noteId, String user, Presence.State state, Duration ttl);

    /** {@code user} left the note (nothing happens if they were not there). */
    void leave(String noteId, String user);

    /** Who is in the note now, the longest there first. */
    List<Presence> in(String noteId);

    /** Everyone present in any note now. */
    List<Presence> all();

    /** Calls {@code listener} with each change (a departure as {@link Presence.State#LEFT}); it must return quickly. */
    ChangeLog.Subscription onChange(Consumer<Presence> listener);

    /** Forgets the entries that were not renewed in time, telling listeners that those users left. */
    void sweep();
}
