package concord.wire;

import concord.model.ETag;
import concord.model.LockChange;
import concord.model.NoteChange;
import concord.model.Presence;
import java.time.Instant;

/**
 * The change feed's wire format ({@code GET /events}, Server-Sent Events), shared by the server and the client.
 *
 * <ul>
 *   <li>{@value #NOTE}: a committed change of a note; {@code id:} its feed position, data {@link NoteData};</li>
 *   <li>{@value #READY}: the stream is live from here; {@code id:} the position it continues from, so that a
 *       client that reconnects before any change sends a {@code Last-Event-ID} that misses nothing;</li>
 *   <li>{@value #RESYNC}: the {@code Last-Event-ID} is too old to replay (or not this server's): read the notes
 *       afresh; the stream goes on live from the {@code id:} it carries;</li>
 *   <li>{@value #LOCK}: a note's lock was taken, renewed, released or expired; {@code id:} its feed position (locks
 *       are durable, so they are replayed like notes), data {@link LockData};</li>
 *   <li>{@value #PRESENCE}: someone started viewing or editing a note, or left it; no {@code id:} (presence is
 *       ephemeral and never replayed), data {@link PresenceData}. Right after {@value #READY} (or {@value #RESYNC})
 *       a stream sends one for everyone present at that moment: a client forgets what it knew of presence when it
 *       (re)connects and rebuilds it from these.</li>
 * </ul>
 * Other event types may be added: a client ignores the ones it does not know.
 */
public final class FeedEvents {

    public static final String NOTE = "note";
    public static final String READY = "ready";
    public static final String RESYNC = "resync";
    public static final String LOCK = "lock";
    public static final String PRESENCE = "presence";
    public static final String MEDIA_TYPE = "text/event-stream";

    private FeedEvents() {
    }

    /** The data of a {@value #NOTE} event: the change without its position, which is the event's id. */
    public record NoteData(String id, long version, ETag etag, String updatedBy, Instant updatedAt, boolean deleted) {

        public static NoteData of(NoteChange change) {
            return new NoteData(change.id(), change.version(), change.etag(), change.updatedBy(), change.updatedAt(),
                    change.deleted());
        }

        public NoteChange at(long position) {
            return new NoteChange(position, id, version, etag, updatedBy, updatedAt, deleted);
        }
    }

    /** The data of {@value #READY} and {@value #RESYNC}: the position the stream continues from. */
    public record Position(long position) {
    }

    /** The data of a {@value #LOCK} event: the change without its position, which is the event's id. */
    public record LockData(String id, String action, String holder, Instant expiresAt, Instant at) {

        public static LockData of(LockChange change) {
            return new LockData(change.id(), change.action().wireName(), change.holder(), change.expiresAt(),
                    change.at());
        }

        public LockChange at(long position) {
            return new LockChange(position, id, LockChange.Action.fromWireName(action), holder, expiresAt, at);
        }
    }

    /** The data of a {@value #PRESENCE} event: {@code state} is {@code viewing}, {@code editing} or {@code left}. */
    public record PresenceData(String id, String user, String state, Instant since) {

        public static PresenceData of(Presence p) {
            return new PresenceData(p.noteId(), p.user(), p.state().wireName(), p.since());
        }

        /** The presence this describes; an unknown state is read as having left. */
        public Presence presence() {
            Presence.State s = Presence.State.fromWireName(state);
            return new Presence(id, user, s == null ? Presence.State.LEFT : s, since);
        }
    }
}
