package concord.ui.markdown;

import static concord.ui.testkit.FxWindows.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import concord.ui.testkit.FxWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Hyperlink;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The preview's nodes for a note: headings, emphasis, tables, lists, code; links open only when clicked. */
class MarkdownViewTest {

    @RegisterExtension
    final FxWindows windows = new FxWindows();

    private final List<String> opened = new CopyOnWriteArrayList<>();

    private VBox render(String markdown) {
        return fx(() -> new MarkdownView(opened::add).render(new MarkdownParser().parse(markdown)));
    }

    @Test
    void aHeadingAndATableWithAlignmentBecomeStyledTextAndAGrid() {
        VBox doc = render("# Groceries\n\n| Item | Qty |\n|:-----|----:|\n| milk | 2 |\n| **eggs** | 12 |\n");
        TextFlow heading = assertInstanceOf(TextFlow.class, doc.getChildren().get(0));
        assertEquals("Groceries", text(heading));
        assertTrue(heading.getChildren().get(0).getStyleClass().contains("md-h1"));
        GridPane table = assertInstanceOf(GridPane.class, doc.getChildren().get(1));
        assertEquals(6, table.getChildren().size(), "a head row and two body rows of two cells");
        assertEquals(List.of("Item", "Qty", "milk", "2", "eggs", "12"),
                table.getChildren().stream().map(MarkdownViewTest::text).toList());
        TextFlow eggs = (TextFlow) table.getChildren().get(4);
        assertTrue(eggs.getChildren().get(0).getStyleClass().contains("md-strong"));
        assertEquals(javafx.scene.text.TextAlignment.RIGHT, ((TextFlow) table.getChildren().get(5)).getTextAlignment());
    }

    @Test
    void emphasisStrikethroughAndCodeNestTheirStyles() {
        VBox doc = render("*a **b*** ~~gone~~ `x<y`");
        TextFlow p = (TextFlow) doc.getChildren().get(0);
        Text b = (Text) p.getChildren().stream().filter(n -> ((Text) n).getText().equals("b")).findFirst().orElseThrow();
        assertTrue(b.getStyleClass().containsAll(List.of("md-em", "md-strong")), b.getStyleClass()::toString);
        Text gone = (Text) p.getChildren().stream().filter(n -> ((Text) n).getText().equals("gone")).findFirst().orElseThrow();
        assertTrue(gone.getStyleClass().contains("md-strike"));
        Text code = (Text) p.getChildren().get(p.getChildren().size() - 1);
        assertEquals("x<y", code.getText());
        assertTrue(code.getStyleClass().contains("md-code"));
    }

    @Test
    void listsAreNumberedFromTheirStartAndNestedBlocksKept() {
        VBox doc = render("3. three\n4. four\n   - inner\n");
        String all = text(doc);
        assertTrue(all.contains("3.") && all.contains("4.") && all.contains("•"), all);
        assertTrue(all.indexOf("three") < all.indexOf("inner"), all);
    }

    @Test
    void aLinkOpensOnlyWhenClickedAndOnlyForTheWeb() {
        VBox doc = render("[site](https://example.org) and [trap](javascript:alert(1)) and [local](file:///etc/passwd)");
        List<Hyperlink> links = find(doc, Hyperlink.class);
        assertEquals(3, links.size());
        assertEquals(List.of(), opened, "rendering opens nothing");
        fx(() -> {
            links.forEach(Hyperlink::fire);
            return null;
        });
        assertEquals(List.of("https://example.org"), opened);
        assertTrue(links.get(1).getTooltip().getText().contains("Not opened"));
    }

    @Test
    void rawHtmlAndImagesAreShownAsTextNeverInterpretedOrFetched() {
        VBox doc = render("<script>alert(1)</script>\n\nHi <b>there</b> ![a cat](https://example.org/cat.png)");
        String all = text(doc);
        assertTrue(all.contains("<script>alert(1)</script>"), all);
        assertTrue(all.contains("<b>there</b>"), all);
        assertTrue(all.contains("[image: a cat]"), all);
        assertEquals(List.of(), find(doc, javafx.scene.image.ImageView.class));
    }

    private static String text(Node n) {
        if (n instanceof Text t) {
            return t.getText();
        }
        if (n instanceof javafx.scene.control.Labeled l) {
            return l.getText();
        }
        if (n instanceof Parent p) {
            return p.getChildrenUnmodifiable().stream().map(MarkdownViewTest::text).collect(Collectors.joining());
        }
        return "";
    }

    private static <T> List<T> find(Node n, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (type.isInstance(n)) {
            out.add(type.cast(n));
        }
        if (n instanceof TextFlow f) {
            f.getChildren().forEach(c -> out.addAll(find(c, type)));
        } else if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> out.addAll(find(c, type)));
        }
        return out;
    }
}
