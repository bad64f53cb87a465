package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.Presence;
import concord.store.NoteStore;
import concord.wire.PresenceBodies;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;

/**
 * {@code /notes/{id}/presence}: who is viewing or editing a note. Ephemeral: an announcement lasts {@code ttl} unless
 * renewed, and none is ever stored in the history. The change feed tells everyone of each change.
 */
final class PresenceRoutes {

    private static final String EXAMPLE = "{\"state\": \"viewing\"} or {\"state\": \"editing\"}";

    private final NoteStore store;
    private final ObjectMapper mapper;
    private final SmallJsonBody bodies;
    private final Duration ttl;

    PresenceRoutes(NoteStore store, ObjectMapper mapper, LimitedBody limited, Duration ttl) {
        this.store = store;
        this.mapper = mapper;
        this.bodies = new SmallJsonBody(mapper, limited);
        this.ttl = ttl;
    }

    /** PUT /notes/{id}/presence: I am viewing or editing this note (renew within the time to live to stay). */
    void put(Context ctx) {
        String id = NoteRoutes.id(ctx);
        String user = Identity.requireUser(ctx);
        String state = bodies.read(ctx, PresenceBodies.Request.class, EXAMPLE).state();
        Presence.State s = Presence.State.fromWireName(state);
        if (s == null || s == Presence.State.LEFT) {
            throw ApiException.invalidRequest(state == null ? "'state' is required; send " + EXAMPLE
                    : "'state' is '" + state + "'; send " + EXAMPLE + " (DELETE to leave)");
        }
        LockRoutes.requireLive(id, store.find(id));
        store.presence().announce(id, user, s, ttl);
        noContent(ctx);
    }

    /** DELETE /notes/{id}/presence: I left the note. Always 204: leaving a note you were not in is done already. */
    void delete(Context ctx) {
        String id = NoteRoutes.id(ctx);
        store.presence().leave(id, Identity.requireUser(ctx));
        noContent(ctx);
    }

    /** GET /notes/{id}/presence: [{"user", "state", "since"}], the longest there first. */
    void get(Context ctx) {
        String id = NoteRoutes.id(ctx);
        LockRoutes.requireLive(id, store.find(id));
        List<PresenceBodies.Entry> entries = store.presence().in(id).stream()
                .map(p -> new PresenceBodies.Entry(p.user(), p.state().wireName(), p.since())).toList();
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(entries);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise presence", e);
        }
        ctx.status(200);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(bytes);
    }

    private static void noContent(Context ctx) {
        ctx.status(204);
        NoteRoutes.noContentType(ctx);
    }
}
