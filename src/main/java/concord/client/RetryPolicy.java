package concord.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How often {@link HttpNotesClient} repeats a request that got no answer, and how long it waits between
 * attempts (doubling from {@code firstBackoff}, capped at {@code maxBackoff}). Only requests that are safe
 * to repeat are retried; see {@link HttpNotesClient}.
 *
 * @param maxAttempts  attempts in all, at least 1 (1 = never retry)
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

    /** Three attempts, 150 ms then 300 ms apart: rides out a server restart without making a user wait long. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(150), Duration.ofSeconds(1));

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts must be 1..10, was " + maxAttempts);
        }
        if (firstBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** The pause after failed attempt number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        Duration d = firstBackoff;
        for (int i = 1; i < attempt && d.compareTo(maxBackoff) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
