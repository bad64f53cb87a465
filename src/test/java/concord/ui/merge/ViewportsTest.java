package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How far a wrapped line is scrolled into, without a window. */
class ViewportsTest {

    @Test
    void aLineStartingAtTheTopIsNotScrolledIntoAndOneHalfAboveItIsHalfway() {
        assertEquals(0, Viewports.fractionInto(100, 100, 80));
        assertEquals(0.5, Viewports.fractionInto(100, 60, 80));
    }

    @Test
    void theFractionStaysBelowOneAndAboveZero() {
        assertEquals(0.999, Viewports.fractionInto(200, 60, 80), "the line is out of view: as far as can be");
        assertEquals(0, Viewports.fractionInto(100, 120, 80), "a line below the top is not scrolled into");
        assertEquals(0, Viewports.fractionInto(100, 60, 0), "a line without height has no inside");
        assertEquals(0, Viewports.fractionInto(100, 60, Double.NaN));
    }

    @Test
    void twoFractionsAreTheSamePlaceWhenTheyDifferByLessThanHalfAPixel() {
        assertTrue(Viewports.samePlace(0.5, 0.502, 200));
        assertFalse(Viewports.samePlace(0.5, 0.51, 200));
    }

    @Test
    void aLineIsInFullViewOnlyWhenNeitherItsTopNorItsBottomIsCutOff() {
        assertTrue(Viewports.fullyShown(100, 400, 100, 118));
        assertTrue(Viewports.fullyShown(100, 400, 382, 400));
        assertFalse(Viewports.fullyShown(100, 400, 390, 408), "its bottom under the pane's bottom (or the scroll bar)");
        assertFalse(Viewports.fullyShown(100, 400, 90, 108), "its top above the pane");
        assertTrue(Viewports.fullyShown(100, 400, 100.4, 118.4), "half a pixel of slack");
    }

    @Test
    void aWrappedLineTallerThanThePaneIsInFullViewWhenItsTopIsAtThePanesTop() {
        assertTrue(Viewports.fullyShown(100, 400, 100, 700));
        assertFalse(Viewports.fullyShown(100, 400, 150, 750));
        assertFalse(Viewports.fullyShown(100, 400, 50, 650));
    }
}
