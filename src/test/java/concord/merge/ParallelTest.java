package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/** Two halves of a merge step: when they are split, where they run, and what a failing half does. */
class ParallelTest {

    @Test
    void theSecondHalfRunsOnAThreadOfItsOwnAndBothAreDoneOnReturn() {
        AtomicReferenceArray<Thread> ranOn = new AtomicReferenceArray<>(2);
        Parallel.halves(half -> ranOn.set(half, Thread.currentThread()));
        assertSame(Thread.currentThread(), ranOn.get(0));
        assertNotEquals(Thread.currentThread(), ranOn.get(1));
    }

    @Test
    void aFailureOfTheSecondHalfIsThrownToTheCallerAsItself() {
        IllegalStateException runtime = new IllegalStateException("second half failed");
        assertSame(runtime, assertThrows(IllegalStateException.class, () -> Parallel.halves(half -> {
            if (half == 1) {
                throw runtime;
            }
        })));
        StackOverflowError error = new StackOverflowError("second half failed");
        assertSame(error, assertThrows(StackOverflowError.class, () -> Parallel.halves(half -> {
            if (half == 1) {
                throw error;
            }
        })));
    }

    @Test
    void aStepIsSplitFromItsThresholdUpOnAMachineWithASecondCore() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: nothing is ever split");
        Parallel p = new Parallel(10);
        assertFalse(p.worthIt(9));
        assertTrue(p.worthIt(10));
        assertTrue(p.worthIt(11));
        assertTrue(new Parallel(0).worthIt(0), "0 splits every step, for tests");
        assertFalse(Parallel.NEVER.worthIt(Long.MAX_VALUE - 1));
        assertTrue(Parallel.DEFAULT.worthIt(Parallel.MIN_WORK));
        assertFalse(Parallel.DEFAULT.worthIt(Parallel.MIN_WORK - 1));
    }

    @Test
    void belowItsThresholdAStepRunsBothHalvesHereInOrder() {
        StringBuilder order = new StringBuilder();
        Thread[] ranOn = new Thread[2];
        new Parallel(100).halves(99, half -> {
            order.append(half);
            ranOn[half] = Thread.currentThread();
        });
        assertEquals("01", order.toString());
        assertSame(Thread.currentThread(), ranOn[1]);
    }
}
