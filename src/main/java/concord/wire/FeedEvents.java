package concord.wire;

import concord.model.ETag;
import concord.model.NoteChange;
import java.time.Instant;

/**
 * The change feed's wire format ({@code GET /events}, Server-Sent Events), shared by the server and the client.
 *
 * <ul>
 *   <li>{@value #NOTE}: a committed change of a note; {@code id:} its feed position, data {@link NoteData};</li>
 *   <li>{@value #READY}: the stream is live from here; {@code id:} the position it continues from, so that a
 *       client that reconnects before any change sends a {@code Last-Event-ID} that misses nothing;</li>
 *   <li>{@value #RESYNC}: the {@code Last-Event-ID} is too old to replay (or not this server's): read the notes
 *       afresh; the stream goes on live from the {@code id:} it carries.</li>
 * </ul>
 * Other event types may be added (locks, presence): a client ignores the ones it does not know.
 */
public final class FeedEvents {

    public static final String NOTE = "note";
    public static final String READY = "ready";
    public static final String RESYNC = "resync";
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
}
