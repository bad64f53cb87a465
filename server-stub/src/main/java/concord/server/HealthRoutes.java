package concord.server;

import concord.store.NoteStore;
import concord.store.StoreException;
import io.javalin.http.Context;

/**
 * {@code GET /health} and {@code GET /ready} for load balancers and orchestrators, answered without a token: they
 * tell whether to send traffic here, and say nothing about any note.
 */
final class HealthRoutes {

    private final NoteStore store;

    HealthRoutes(NoteStore store) {
        this.store = store;
    }

    /** GET|HEAD /health: the process is up and answering HTTP. It never touches the database. */
    void health(Context ctx) {
        answer(ctx, "{\"status\":\"up\"}");
    }

    /** GET|HEAD /ready: the database answers too; 503 with Retry-After while it does not. */
    void ready(Context ctx) {
        try {
            store.ping();
        } catch (StoreException e) {
            throw ApiException.notReady(e.getMessage() + "; this instance serves again by itself once the database"
                    + " answers");
        }
        answer(ctx, "{\"status\":\"ready\"}");
    }

    private static void answer(Context ctx, String json) {
        ctx.status(200);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        ctx.result(json);
    }
}
