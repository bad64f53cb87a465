package concord.ui.notes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.app.DesktopWindows;
import concord.ui.testkit.DesktopUiKit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** View ▸ Markdown preview (Ctrl+Shift+P) cycles editor → split → preview → editor, following the text typed. */
class MarkdownPreviewTest {

    private static final String BODY = "# Trip\n\n| Day | Place |\n|---|---|\n| Mon | Oslo |\n";

    @RegisterExtension
    final DesktopUiKit kit = new DesktopUiKit();

    @BeforeEach
    void start() {
        kit.seed("trip", "Trip", BODY);
    }

    @Test
    void ctrlShiftPShowsTheRenderedHeadingAndTableBesideThenInsteadOfTheEditor() {
        DesktopWindows app = kit.newApp();
        DesktopWindows.OpenWindow alice = kit.open(app, "Alice", 0);
        kit.robot.clickOn(kit.labelled(alice, "Trip"));
        await().atMost(DesktopUiKit.WAIT).until(() -> BODY.equals(kit.text(alice, "#body")));
        assertFalse(shown(alice, "#markdown-preview"), "the editor alone at first");

        kit.clickInto(alice, "#body");
        cycle();
        await().atMost(DesktopUiKit.WAIT).until(() -> shown(alice, "#markdown-preview"));
        assertTrue(shown(alice, "#body"), "split: both");
        assertEquals("Trip", DesktopUiKit.fx(() -> headingText(alice)));
        assertEquals(4, DesktopUiKit.fx(() -> table(alice).getChildren().size()));

        kit.clickInto(alice, "#body");
        kit.robot.push(KeyCode.CONTROL, KeyCode.END).write("| Tue | Bergen |\n");
        await().atMost(DesktopUiKit.WAIT).until(() -> DesktopUiKit.fx(() -> table(alice).getChildren().size()) == 6);

        cycle();
        await().atMost(DesktopUiKit.WAIT).until(() -> !shown(alice, "#body"));
        assertTrue(shown(alice, "#markdown-preview"), "preview alone");
        cycle();
        await().atMost(DesktopUiKit.WAIT).until(() -> shown(alice, "#body") && !shown(alice, "#markdown-preview"));
        assertEquals(BODY + "| Tue | Bergen |\n", kit.text(alice, "#body"), "the text went through every layout intact");
        kit.assertNoIoOnFxThread();
    }

    /** In the window's scene and visible (a layout takes the editor or the preview out of the scene). */
    private boolean shown(DesktopWindows.OpenWindow w, String query) {
        return DesktopUiKit.fx(() -> kit.robot.from(kit.robot.rootNode(w.stage())).lookup(query).tryQuery()
                .map(Node::isVisible).orElse(false));
    }

    private void cycle() {
        kit.robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.P).release(KeyCode.P, KeyCode.SHIFT, KeyCode.CONTROL);
    }

    private Node content(DesktopWindows.OpenWindow w) {
        return ((ScrollPane) kit.find(w, "#markdown-preview")).getContent();
    }

    private String headingText(DesktopWindows.OpenWindow w) {
        TextFlow first = (TextFlow) ((Parent) content(w)).getChildrenUnmodifiable().get(0);
        return ((Text) first.getChildren().get(0)).getText();
    }

    private GridPane table(DesktopWindows.OpenWindow w) {
        return (GridPane) ((Parent) content(w)).getChildrenUnmodifiable().get(1);
    }
}
