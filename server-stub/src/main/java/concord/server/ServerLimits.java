package concord.server;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server lets requests take, so that no client, slow or hostile, can hold its memory or threads.
 *
 * @param bodyBytesInFlight the request body bytes all requests together may hold at once; beyond it a request
 *                          is answered 503 with Retry-After before its body is read. It bounds the memory of bodies
 *                          whatever the heap (a note body is at most 1 MiB, a transaction at most 4 MiB).
 * @param bodyDeadline      how long a request may take to send its whole body; a slower one gets 408
 */
public record ServerLimits(long bodyBytesInFlight, Duration bodyDeadline) {

    public static final ServerLimits DEFAULT = new ServerLimits(64L * 1024 * 1024, Duration.ofSeconds(30));

    public ServerLimits {
        Objects.requireNonNull(bodyDeadline, "bodyDeadline");
        if (bodyBytesInFlight < TransactionRoutes.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("the body budget must hold at least one largest request ("
                    + TransactionRoutes.MAX_BODY_BYTES + " bytes): " + bodyBytesInFlight);
        }
        if (bodyDeadline.isNegative() || bodyDeadline.isZero()) {
            throw new IllegalArgumentException("the body deadline must be positive: " + bodyDeadline);
        }
    }

    public ServerLimits withBodyBytesInFlight(long bytes) {
        return new ServerLimits(bytes, bodyDeadline);
    }

    public ServerLimits withBodyDeadline(Duration deadline) {
        return new ServerLimits(bodyBytesInFlight, deadline);
    }
}
