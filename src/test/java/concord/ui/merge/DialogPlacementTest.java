package concord.ui.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.ui.merge.DialogPlacement.Box;
import org.junit.jupiter.api.Test;

/** Where the merge dialog opens, without a window: over its owner, its size, on the owner's screen. */
class DialogPlacementTest {

    private static final Box SCREEN = new Box(0, 0, 1600, 900);

    @Test
    void overBobsWindowInTheRightHalfTheDialogTakesExactlyItsPlaceAndLeavesAlicesHalfFree() {
        Box bob = new Box(800, 0, 800, 900);

        Box at = DialogPlacement.over(bob, SCREEN);

        assertEquals(bob, at);
    }

    @Test
    void aSmallOwnerGetsADialogOfAtLeast700By450AroundItsCentre() {
        Box small = new Box(400, 200, 560, 360);

        Box at = DialogPlacement.over(small, SCREEN);

        assertEquals(new Box(330, 155, 700, 450), at);
    }

    @Test
    void aDialogThatWouldStickOutOfTheScreenIsMovedOntoIt() {
        Box nearTheCorner = new Box(1500, 800, 560, 360);

        Box at = DialogPlacement.over(nearTheCorner, SCREEN);

        assertEquals(new Box(900, 450, 700, 450), at);
    }

    @Test
    void onAScreenSmallerThanTheMinimumTheDialogFillsTheScreen() {
        Box tiny = new Box(10, 10, 300, 200);
        Box screen = new Box(0, 0, 640, 400);

        assertEquals(screen, DialogPlacement.over(tiny, screen));
    }

    @Test
    void aSecondScreenIsUsedInItsOwnCoordinates() {
        Box right = new Box(1920, 0, 1280, 1024);
        Box owner = new Box(2000, 100, 1000, 700);

        assertEquals(owner, DialogPlacement.over(owner, right));
    }

    @Test
    void withoutAnOwnerTheDialogIsCentredOnTheScreenAsLargeAsThreePanesWant() {
        assertEquals(new Box(100, 27, 1400, 846), DialogPlacement.alone(new Box(0, 0, 1600, 900)), "94% of 900 high");
        assertEquals(new Box(260, 110, 1400, 860), DialogPlacement.alone(new Box(0, 0, 1920, 1080)));
        Box laptop = DialogPlacement.alone(new Box(0, 0, 1280, 720));
        assertEquals(1280 * 0.96, laptop.width(), 1e-9);
        assertEquals(720 * 0.94, laptop.height(), 1e-9);
    }
}
