package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.model.ETag;
import concord.model.Note;
import concord.model.NoteContent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long the client waits between attempts, and the small value types of the client. */
class RetryPolicyTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    @Test
    void theBackoffDoublesFromTheFirstPauseUpToTheCapAndStaysThere() {
        RetryPolicy p = new RetryPolicy(10, ms(100), ms(250));
        assertEquals(List.of(ms(100), ms(200), ms(250), ms(250)),
                List.of(p.backoffAfter(1), p.backoffAfter(2), p.backoffAfter(3), p.backoffAfter(9)));
        RetryPolicy d = RetryPolicy.DEFAULT;
        assertEquals(List.of(ms(150), ms(300), ms(600), ms(1000)),
                List.of(d.backoffAfter(1), d.backoffAfter(2), d.backoffAfter(3), d.backoffAfter(4)));
        RetryPolicy exact = new RetryPolicy(3, ms(100), ms(200));
        assertEquals(ms(200), exact.backoffAfter(2), "a pause equal to the cap is kept");
        assertEquals(ms(200), exact.backoffAfter(3));
        assertEquals(Duration.ZERO, RetryPolicy.NONE.backoffAfter(1));
    }

    @Test
    void attemptsAreOneToTenAndPausesNeverNegative() {
        assertEquals(1, new RetryPolicy(1, Duration.ZERO, Duration.ZERO).maxAttempts());
        assertEquals(10, new RetryPolicy(10, ms(1), ms(1)).maxAttempts());
        for (int bad : new int[] {0, 11, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new RetryPolicy(bad, ms(1), ms(1)), "maxAttempts " + bad);
            assertTrue(e.getMessage().contains("1..10"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, ms(-1), ms(1)));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, ms(1), ms(-1)));
        assertThrows(NullPointerException.class, () -> new RetryPolicy(3, null, ms(1)));
    }

    @Test
    void onlyOkIsOkAndOnlyADraftWithoutABaseIsANewNote() {
        assertTrue(new ApiResult.Ok<>(null).isOk());
        assertFalse(new ApiResult.Gone<>("gone").isOk());
        assertFalse(new ApiResult.Unreachable<>("down").isOk());
        Note base = new Note("n", "t", "b", List.of(), 1, new ETag("v1"), Instant.EPOCH, "u");
        NoteContent mine = new NoteContent("t", "b2", List.of());
        assertTrue(new Draft("new-1", null, mine, Instant.EPOCH).isNewNote());
        assertFalse(new Draft("n", base, mine, Instant.EPOCH).isNewNote());
    }
}
