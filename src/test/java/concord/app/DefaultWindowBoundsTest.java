package concord.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where a window goes when nobody placed it (one window against a server, Window ▸ New Window…). */
class DefaultWindowBoundsTest {

    @Test
    void onAWideScreenTheWindowTakesThreeFifthsOfTheWidthAndMostOfTheHeightCentred() {
        assertEquals(new Rectangle2D(320, 67, 960, 765), DesktopWindows.defaultBounds(new Rectangle2D(0, 0, 1600, 900)));
        assertEquals(new Rectangle2D(1920 + 384, 81, 1152, 918), DesktopWindows.defaultBounds(new Rectangle2D(1920, 0, 1920, 1080)));
    }

    @Test
    void onASmallScreenItIsAtLeastTheWindowsPreferredSizeButNeverLargerThanTheScreen() {
        assertEquals(new Rectangle2D(102, 58, 820, 652), DesktopWindows.defaultBounds(new Rectangle2D(0, 0, 1024, 768)));
        assertEquals(new Rectangle2D(0, 0, 800, 560), DesktopWindows.defaultBounds(new Rectangle2D(0, 0, 800, 560)));
    }
}
