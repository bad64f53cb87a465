package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.store.StorageFullException;
import concord.store.StoreException;
import concord.store.StoreUnavailableException;
import concord.wire.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where failures become {@code application/problem+json} responses (RFC 9457). */
final class Problems {

    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private final ObjectMapper mapper;
    private final Function<String, Optional<String>> allowFor;

    /** {@code allowFor}: the methods a path supports, if it is one of ours, for 405 answers. */
    Problems(ObjectMapper mapper, Function<String, Optional<String>> allowFor) {
        this.mapper = mapper;
        this.allowFor = allowFor;
    }

    void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromJavalin(e, ctx)));
        routes.exception(StorageFullException.class, (e, ctx) -> {
            LOG.error("disk full on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, ApiException.insufficientStorage());
        });
        routes.exception(StoreUnavailableException.class, (e, ctx) -> {
            // expected while a database restarts: one line, no stack trace
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, ApiException.databaseUnavailable(e.outcomeUnknown()));
        });
        routes.exception(StoreException.class, (e, ctx) -> {
            LOG.error("store failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, ApiException.storageUnavailable());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, new ApiException(500, "/problems/internal", "Internal Server Error",
                    "the server failed unexpectedly; the request may not have been applied"));
        });
    }

    /** Javalin's own answers (an unmatched path, mostly) in our format. */
    private ApiException fromJavalin(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 404 || e.getStatus() == 405) {
            Optional<String> allow = allowFor.apply(ctx.path());
            if (allow.isPresent()) {
                return ApiException.methodNotAllowed(ctx.req().getMethod(), ctx.path(), allow.get());
            }
            return ApiException.notFound("there is no resource at " + ctx.path()
                    + "; the API serves /notes, /notes/{id}, /notes/{id}/versions, /notes/{id}/versions/{version},"
                    + " /notes/{id}/lock, /notes/{id}/presence, /transactions, /events, /health and /ready");
        }
        String title = e.getMessage() == null ? "Error" : e.getMessage();
        return new ApiException(e.getStatus(), "/problems/http-" + e.getStatus(), title, title);
    }

    void write(Context ctx, ApiException e) {
        Problem p = new Problem(e.type(), e.title(), e.status(), e.detail());
        for (Map.Entry<String, Object> x : e.extensions().entrySet()) {
            p.with(x.getKey(), x.getValue());
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(p);
        } catch (JsonProcessingException impossible) {
            body = ("{\"type\":\"/problems/internal\",\"status\":" + e.status() + "}").getBytes(StandardCharsets.UTF_8);
        }
        ctx.status(e.status());
        e.headers().forEach(ctx::header);
        ctx.contentType(Problem.MEDIA_TYPE);
        ctx.result(body);
    }
}
