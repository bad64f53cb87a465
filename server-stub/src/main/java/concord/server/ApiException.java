package concord.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request that cannot be served as asked, with everything needed for its problem+json answer. Handlers throw
 * it; {@link Problems} turns it into the response in one place.
 */
final class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    ApiException(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    ApiException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    ApiException extension(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String title() {
        return title;
    }

    String detail() {
        return getMessage();
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, Object> extensions() {
        return extensions;
    }

    static ApiException badRequest(String type, String detail) {
        return new ApiException(400, "/problems/" + type, "Bad Request", detail);
    }

    static ApiException validation(String detail) {
        return new ApiException(400, "/problems/validation", "Invalid note", detail);
    }

    /** A small request body (a lock's, a presence's) that is not what the route takes. */
    static ApiException invalidRequest(String detail) {
        return new ApiException(400, "/problems/validation", "Invalid request", detail);
    }

    static ApiException notFound(String detail) {
        return new ApiException(404, "/problems/not-found", "Not Found", detail);
    }

    static ApiException gone(String detail) {
        return new ApiException(410, "/problems/gone", "Gone", detail);
    }

    static ApiException methodNotAllowed(String method, String path, String allow) {
        return new ApiException(405, "/problems/method-not-allowed", "Method Not Allowed",
                method + " is not supported on " + path + "; allowed: " + allow).header("Allow", allow);
    }

    static ApiException unauthorized(String detail, String challenge) {
        return new ApiException(401, "/problems/unauthorized", "Unauthorized", detail)
                .header("WWW-Authenticate", challenge);
    }

    static ApiException preconditionRequired(String detail) {
        return new ApiException(428, "/problems/precondition-required", "Precondition Required", detail);
    }

    static ApiException preconditionFailed(String detail) {
        return new ApiException(412, "/problems/precondition-failed", "Precondition Failed", detail);
    }

    static ApiException unsupportedMediaType(String detail) {
        return new ApiException(415, "/problems/unsupported-media-type", "Unsupported Media Type", detail);
    }

    static ApiException tooLarge(String detail) {
        return new ApiException(413, "/problems/too-large", "Content Too Large", detail);
    }

    /** The disk is full: nothing was saved (RFC 4918 §11.5); not worth an automatic retry, worth one later. */
    static ApiException insufficientStorage() {
        return new ApiException(507, "/problems/insufficient-storage", "Insufficient Storage",
                "the server's disk is full, so the write was not saved and nothing was changed;"
                        + " it can be sent again once space is freed").header("Retry-After", "60");
    }

    /**
     * The database cannot be reached right now (a PostgreSQL restarting, a network gone): nothing was acknowledged,
     * and the instance reconnects by itself. When the connection broke during a commit the write may have been
     * applied, and the detail says so: a conditional write sent again then fails against itself, a transaction sent
     * again with its token gets its first outcome.
     */
    static ApiException databaseUnavailable(boolean outcomeUnknown) {
        return new ApiException(503, "/problems/database-unavailable", "Service Unavailable", outcomeUnknown
                ? "the connection to the notes database broke while the write was being committed: it may or may not"
                        + " have been applied. Read the note (or send the transaction again with the same"
                        + " clientRequestToken) before writing again"
                : "the notes database cannot be reached right now; nothing was changed. Try again in a moment")
                .header("Retry-After", "2");
    }

    /** {@code GET /ready} while the database does not answer. */
    static ApiException notReady(String detail) {
        return new ApiException(503, "/problems/not-ready", "Service Unavailable", detail).header("Retry-After", "2");
    }

    /** {@code GET /events} asked for something other than an event stream. */
    static ApiException notAcceptable(String detail) {
        return new ApiException(406, "/problems/not-acceptable", "Not Acceptable", detail);
    }

    /** The database could not finish the request (an I/O error, a failed commit): nothing was acknowledged. */
    static ApiException storageUnavailable() {
        return new ApiException(503, "/problems/storage-unavailable", "Service Unavailable",
                "the notes database could not complete the request; nothing was acknowledged, try again")
                .header("Retry-After", "1");
    }

    /**
     * 423 (RFC 4918 §11.3): someone else holds a lock on the note, and the request did not carry its token. Says who
     * and until when, with Retry-After at the lease's end: an expired lease frees itself.
     */
    static ApiException locked(String id, concord.model.NoteLock lock, java.time.Instant now) {
        long seconds = Math.max(1, (java.time.Duration.between(now, lock.expiresAt()).toMillis() + 999) / 1000);
        return new ApiException(423, concord.wire.LockBodies.LOCKED_TYPE, "Locked", "note " + id + " is locked by "
                + lock.holder() + " until " + lock.expiresAt() + "; nothing was changed. Only a request carrying the"
                + " lock's token (header " + concord.wire.LockBodies.TOKEN_HEADER + ") may write it until the lock is"
                + " released or runs out")
                .header("Retry-After", Long.toString(seconds))
                .extension("holder", lock.holder())
                .extension("expiresAt", lock.expiresAt());
    }
}
