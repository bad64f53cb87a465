package concord.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The half-open ranges of the merge result's public API. */
class RangesTest {

    @Test
    void aLineRangeHasItsLengthAndIsEmptyOnlyWhenItsEndsMeet() {
        assertEquals(3, new LineRange(2, 5).length());
        assertFalse(new LineRange(2, 5).isEmpty());
        assertTrue(new LineRange(4, 4).isEmpty());
        assertEquals(0, new LineRange(4, 4).length());
        assertThrows(IllegalArgumentException.class, () -> new LineRange(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new LineRange(3, 2));
    }

    @Test
    void aTextSpanHasItsLengthAndIsEmptyOnlyWhenItsEndsMeet() {
        assertEquals(3, new TextSpan(2, 5).length());
        assertFalse(new TextSpan(2, 5).isEmpty());
        assertTrue(new TextSpan(4, 4).isEmpty());
        assertEquals(0, new TextSpan(4, 4).length());
        assertThrows(IllegalArgumentException.class, () -> new TextSpan(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> new TextSpan(3, 2));
    }
}
