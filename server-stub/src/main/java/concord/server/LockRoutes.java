package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.NoteLock;
import concord.store.NoteLeases;
import concord.store.NoteState;
import concord.store.NoteStore;
import concord.wire.LockBodies;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

/**
 * {@code /notes/{id}/lock}: an opt-in lease on a note. Whoever holds it may write the note (still under If-Match);
 * everyone else gets 423 until it is released or runs out. The rules are the store's ({@link NoteLeases}); this
 * parses, asks, and answers.
 */
final class LockRoutes {

    private static final String EXAMPLE = "{\"seconds\": 300} (a lease of 1 to 3600 seconds)";

    private final NoteStore store;
    private final NoteLeases leases;
    private final ObjectMapper mapper;
    private final SmallJsonBody bodies;
    private final Clock clock;

    LockRoutes(NoteStore store, NoteLeases leases, ObjectMapper mapper, LimitedBody limited, Clock clock) {
        this.store = store;
        this.leases = leases;
        this.mapper = mapper;
        this.bodies = new SmallJsonBody(mapper, limited);
        this.clock = clock;
    }

    /** PUT /notes/{id}/lock: take the lock, or renew it with its token in {@code Concord-Lock}. */
    void put(Context ctx) {
        String id = NoteRoutes.id(ctx);
        String user = Identity.requireUser(ctx);
        String token = token(ctx);
        Integer seconds = bodies.read(ctx, LockBodies.Request.class, EXAMPLE).seconds();
        if (seconds == null) {
            throw ApiException.invalidRequest("'seconds' is required; send " + EXAMPLE);
        }
        if (seconds < LockBodies.MIN_SECONDS || seconds > LockBodies.MAX_SECONDS) {
            throw ApiException.invalidRequest("'seconds' is " + seconds + "; a lease lasts " + LockBodies.MIN_SECONDS
                    + " to " + LockBodies.MAX_SECONDS + " seconds (renew it to keep it longer)");
        }
        NoteLeases.Outcome outcome = leases.take(id, user, token, Duration.ofSeconds(seconds));
        if (outcome instanceof NoteLeases.Granted granted) {
            var lease = granted.lease();
            json(ctx, 200, new LockBodies.Granted(lease.holder(), lease.expiresAt(), lease.token()));
            return;
        }
        throw refused(id, outcome);
    }

    /** DELETE /notes/{id}/lock with the lock's token: release it. */
    void delete(Context ctx) {
        String id = NoteRoutes.id(ctx);
        Identity.requireUser(ctx);
        String token = token(ctx);
        if (token == null) {
            throw ApiException.badRequest("lock-token-required", "releasing a lock needs its token in the "
                    + LockBodies.TOKEN_HEADER + " header");
        }
        NoteLeases.Outcome outcome = leases.release(id, token);
        if (outcome instanceof NoteLeases.Released) {
            ctx.status(204);
            NoteRoutes.noContentType(ctx);
            return;
        }
        throw refused(id, outcome);
    }

    /** GET /notes/{id}/lock: who holds it and until when (never cached, never the token); 404 when nobody does. */
    void get(Context ctx) {
        String id = NoteRoutes.id(ctx);
        NoteStore.Found found = store.findWithLock(id);
        requireLive(id, found.state());
        NoteLock lock = found.lock().orElseThrow(() ->
                new ApiException(404, "/problems/not-locked", "Not Found", "note " + id + " is not locked"));
        json(ctx, 200, lock);
    }

    private ApiException refused(String id, NoteLeases.Outcome outcome) {
        if (outcome instanceof NoteLeases.HeldByOther other) {
            return ApiException.locked(id, other.lock(), clock.instant());
        }
        if (outcome instanceof NoteLeases.NotHeld) {
            return new ApiException(412, LockBodies.NOT_HELD_TYPE, "Precondition Failed", "the token in "
                    + LockBodies.TOKEN_HEADER + " is not the lock of note " + id + " any more: it ran out or was"
                    + " released, and nothing was changed. Take the lock again (PUT without " + LockBodies.TOKEN_HEADER
                    + "), then read the note before you write it");
        }
        requireLive(id, ((NoteLeases.Missing) outcome).state());
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    static void requireLive(String id, NoteState state) {
        if (state instanceof NoteState.Deleted) {
            throw ApiException.gone("note " + id + " was deleted");
        }
        if (state instanceof NoteState.Absent) {
            throw ApiException.notFound("note " + id + " does not exist");
        }
    }

    /** The {@code Concord-Lock} header: null when absent; 400 when malformed or given twice. */
    static String token(Context ctx) {
        List<String> values = Collections.list(ctx.req().getHeaders(LockBodies.TOKEN_HEADER));
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw ApiException.badRequest("duplicate-header", "the request has more than one "
                    + LockBodies.TOKEN_HEADER + " header; send exactly one");
        }
        String token = values.get(0).strip();
        if (!concord.model.NoteLock.isValidToken(token)) {
            throw ApiException.badRequest("invalid-lock-token", "the " + LockBodies.TOKEN_HEADER
                    + " header must be the token the server gave when the lock was taken");
        }
        return token;
    }

    private void json(Context ctx, int status, Object value) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
        ctx.status(status);
        ctx.header("Cache-Control", "no-store"); // a granted lock carries its token
        ctx.contentType("application/json");
        ctx.result(bytes);
    }
}
