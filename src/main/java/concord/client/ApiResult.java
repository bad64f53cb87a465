package concord.client;

import concord.model.Note;

/**
 * The outcome of one call to the notes server. Expected outcomes are values, not exceptions, so a
 * caller has to decide what each means for the user's text.
 */
public sealed interface ApiResult<T> {

    /** 2xx (or 304 resolved from cache); {@code value} is null for calls without a body (DELETE). */
    record Ok<T>(T value) implements ApiResult<T> {
    }

    /** 412: the note changed since the ETag we sent; {@code current} is the server's version now. */
    record Conflict<T>(Note current) implements ApiResult<T> {
    }

    /**
     * 404/410, or a 412 for a note that no longer exists: the note is gone on the server. A 410 says who deleted it
     * and when ({@code deletedBy}, {@code deletedAt}); otherwise, and for notes deleted before the server kept that,
     * they are {@code null}.
     */
    record Gone<T>(String detail, String deletedBy, java.time.Instant deletedAt) implements ApiResult<T> {

        public Gone(String detail) {
            this(detail, null, null);
        }
    }

    /** 401/403. */
    record Unauthorized<T>(String detail) implements ApiResult<T> {
    }

    /** No answer: connection refused, timeout, DNS, TLS... The request may or may not have been applied. */
    record Unreachable<T>(String reason) implements ApiResult<T> {
    }

    /** Any other 4xx/5xx, with the problem+json {@code detail} when the server sent one. */
    record Invalid<T>(int status, String detail) implements ApiResult<T> {
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The same outcome with an {@code Ok} value converted by {@code f}; every other outcome carries over. */
    default <U> ApiResult<U> map(java.util.function.Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(ok.value() == null ? null : f.apply(ok.value()));
        }
        if (this instanceof Conflict<T> c) {
            return new Conflict<>(c.current());
        }
        if (this instanceof Gone<T> g) {
            return new Gone<>(g.detail());
        }
        if (this instanceof Unauthorized<T> u) {
            return new Unauthorized<>(u.detail());
        }
        if (this instanceof Unreachable<T> u) {
            return new Unreachable<>(u.reason());
        }
        Invalid<T> i = (Invalid<T>) this;
        return new Invalid<>(i.status(), i.detail());
    }
}
