package concord.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server lets requests take, so that no client, slow or hostile, can hold its memory or threads.
 *
 * @param bodyBytesInFlight the request body bytes all requests together may hold at once; beyond it a request
 *                          is answered 503 with Retry-After before its body is kept. It bounds the memory bodies
 *                          hold, so a small heap is enough however many clients send at once (a note body is at
 *                          most 1 MiB, a transaction at most 4 MiB).
 * @param bodyDeadline      how long a request may take to send its whole body; a slower one gets 408
 * @param feedBufferedEvents how many change-feed events one subscriber may have waiting; a subscriber further
 *                          behind is dropped (it resumes with its Last-Event-ID), so no client makes the server
 *                          buffer without limit
 * @param feedKeepAlive     how often an idle event stream gets a comment, so that proxies keep it open
 * @param presenceTtl       how long a presence announcement lasts unless renewed (30 s); what a client that
 *                          vanished without leaving keeps showing at most
 */
public record ServerLimits(long bodyBytesInFlight, Duration bodyDeadline, int feedBufferedEvents,
                           Duration feedKeepAlive, Duration presenceTtl) {

    /**
     * An eighth of the heap for bodies, between 4 MiB (one largest request) and 64 MiB: a parsed body takes about
     * three times its bytes while its request runs, so this leaves most of the heap to everything else.
     */
    public static final ServerLimits DEFAULT = new ServerLimits(
            Math.max(TransactionRoutes.MAX_BODY_BYTES, Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8)),
            Duration.ofSeconds(30), 1024, Duration.ofSeconds(15), Duration.ofSeconds(30));

    public ServerLimits {
        Objects.requireNonNull(bodyDeadline, "bodyDeadline");
        if (bodyBytesInFlight < TransactionRoutes.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the body budget must hold at least one largest request ("
                    + TransactionRoutes.MAX_BODY_BYTES + " bytes): " + bodyBytesInFlight);
        }
        if (bodyDeadline.isNegative() || bodyDeadline.isZero()) {
            throw new IllegalArgumentException("the body deadline must be positive: " + bodyDeadline);
        }
        Objects.requireNonNull(feedKeepAlive, "feedKeepAlive");
        if (feedBufferedEvents < 1) {
            throw new IllegalArgumentException("a subscriber must be able to hold one event: " + feedBufferedEvents);
        }
        if (feedKeepAlive.toMillis() < 10) {
            throw new IllegalArgumentException("the keep-alive interval is too short: " + feedKeepAlive);
        }
        Objects.requireNonNull(presenceTtl, "presenceTtl");
        if (presenceTtl.toMillis() < 100) {
            throw new IllegalArgumentException("presence must last at least 100 ms: " + presenceTtl);
        }
    }

    public ServerLimits withBodyBytesInFlight(long bytes) {
        return new ServerLimits(bytes, bodyDeadline, feedBufferedEvents, feedKeepAlive, presenceTtl);
    }

    public ServerLimits withBodyDeadline(Duration deadline) {
        return new ServerLimits(bodyBytesInFlight, deadline, feedBufferedEvents, feedKeepAlive, presenceTtl);
    }

    public ServerLimits withFeed(int bufferedEvents, Duration keepAlive) {
        return new ServerLimits(bodyBytesInFlight, bodyDeadline, bufferedEvents, keepAlive, presenceTtl);
    }

    public ServerLimits withPresenceTtl(Duration ttl) {
        return new ServerLimits(bodyBytesInFlight, bodyDeadline, feedBufferedEvents, feedKeepAlive, ttl);
    }
}
