package concord.ui.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.commonmark.ext.gfm.strikethrough.Strikethrough;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.ThematicBreak;

/**
 * A Markdown document as JavaFX nodes: no HTML engine, so nothing in a note can run a script or fetch anything.
 * Raw HTML shows as the text it is; an image shows its description (no remote fetch reveals that the note was
 * opened); a link is a {@link Hyperlink} that hands its URL to {@code openLink} only when clicked (the app opens
 * it in the system browser), and only a web or mail link ({@link Links}). Styling is by style class ({@code md-h1}…{@code md-h6}, {@code md-em},
 * {@code md-strong}, {@code md-code}, {@code md-strike}, {@code md-code-block}, {@code md-quote}, {@code md-table}…)
 * in notes.css, so the light and dark themes both apply.
 */
public final class MarkdownView {

    private final Consumer<String> openLink;

    public MarkdownView(Consumer<String> openLink) {
        this.openLink = openLink;
    }

    /** The blocks of {@code document} (from {@link MarkdownParser}), top to bottom. On the FX thread. */
    public VBox render(Node document) {
        VBox box = blocks(document);
        box.getStyleClass().add("md-document");
        return box;
    }

    private VBox blocks(Node parent) {
        VBox box = new VBox(8);
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            javafx.scene.Node block = block(n);
            if (block != null) {
                box.getChildren().add(block);
            }
        }
        return box;
    }

    private javafx.scene.Node block(Node n) {
        if (n instanceof Heading h) {
            TextFlow flow = inlines(h, new Style());
            flow.getStyleClass().add("md-h" + h.getLevel());
            flow.getChildren().forEach(t -> t.getStyleClass().add("md-h" + h.getLevel()));
            return flow;
        }
        if (n instanceof Paragraph p) {
            return inlines(p, new Style());
        }
        if (n instanceof FencedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof IndentedCodeBlock c) {
            return codeBlock(c.getLiteral());
        }
        if (n instanceof HtmlBlock html) {
            return codeBlock(html.getLiteral());
        }
        if (n instanceof BlockQuote q) {
            VBox quote = blocks(q);
            quote.getStyleClass().add("md-quote");
            quote.setPadding(new Insets(2, 0, 2, 12));
            return quote;
        }
        if (n instanceof BulletList || n instanceof OrderedList) {
            return list(n);
        }
        if (n instanceof ThematicBreak) {
            return new Separator();
        }
        if (n instanceof TableBlock t) {
            return table(t);
        }
        return null;
    }

    private javafx.scene.Node codeBlock(String literal) {
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        Text t = new Text(text);
        t.getStyleClass().add("md-code");
        TextFlow flow = new TextFlow(t);
        flow.getStyleClass().add("md-code-block");
        flow.setPadding(new Insets(6, 8, 6, 8));
        return flow;
    }

    private javafx.scene.Node list(Node list) {
        VBox box = new VBox(4);
        box.getStyleClass().add("md-list");
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) {
                continue;
            }
            Label marker = new Label(list instanceof OrderedList ? number++ + "." : "•");
            marker.getStyleClass().add("md-list-marker");
            marker.setMinWidth(22);
            VBox content = blocks(item);
            content.setSpacing(4);
            HBox.setHgrow(content, Priority.ALWAYS);
            HBox row = new HBox(4, marker, content);
            box.getChildren().add(row);
        }
        return box;
    }

    private javafx.scene.Node table(TableBlock t) {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("md-table");
        int row = 0;
        for (Node section = t.getFirstChild(); section != null; section = section.getNext()) {
            boolean head = section instanceof TableHead;
            for (Node r = section.getFirstChild(); r != null; r = r.getNext()) {
                if (!(r instanceof TableRow)) {
                    continue;
                }
                int col = 0;
                for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                    if (c instanceof TableCell cell) {
                        TextFlow flow = inlines(cell, head ? new Style().strong() : new Style());
                        flow.getStyleClass().add(head ? "md-table-head" : "md-table-cell");
                        flow.setPadding(new Insets(3, 8, 3, 8));
                        if (cell.getAlignment() == TableCell.Alignment.RIGHT) {
                            flow.setTextAlignment(javafx.scene.text.TextAlignment.RIGHT);
                        } else if (cell.getAlignment() == TableCell.Alignment.CENTER) {
                            flow.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
                        }
                        grid.add(flow, col++, row);
                    }
                }
                row++;
            }
        }
        return grid;
    }

    // ------------------------------------------------------------------ inlines

    /** The style classes in force at an inline node: each nesting adds one. */
    private static final class Style {
        final List<String> classes = new ArrayList<>();

        Style with(String c) {
            Style s = new Style();
            s.classes.addAll(classes);
            s.classes.add(c);
            return s;
        }

        Style strong() {
            return with("md-strong");
        }
    }

    private TextFlow inlines(Node parent, Style style) {
        TextFlow flow = new TextFlow();
        addInlines(flow, parent, style);
        return flow;
    }

    private void addInlines(Pane flow, Node parent, Style style) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                flow.getChildren().add(text(t.getLiteral(), style));
            } else if (n instanceof Code c) {
                flow.getChildren().add(text(c.getLiteral(), style.with("md-code")));
            } else if (n instanceof Emphasis) {
                addInlines(flow, n, style.with("md-em"));
            } else if (n instanceof StrongEmphasis) {
                addInlines(flow, n, style.strong());
            } else if (n instanceof Strikethrough) {
                addInlines(flow, n, style.with("md-strike"));
            } else if (n instanceof SoftLineBreak) {
                flow.getChildren().add(text(" ", style));
            } else if (n instanceof HardLineBreak) {
                flow.getChildren().add(text("\n", style));
            } else if (n instanceof HtmlInline html) {
                flow.getChildren().add(text(html.getLiteral(), style));
            } else if (n instanceof Link link) {
                flow.getChildren().add(link(link));
            } else if (n instanceof Image image) {
                String alt = plainText(image);
                flow.getChildren().add(text("[image" + (alt.isEmpty() ? "" : ": " + alt) + "]", style.with("md-image")));
            } else {
                addInlines(flow, n, style);
            }
        }
    }

    private Hyperlink link(Link link) {
        String label = plainText(link);
        Hyperlink h = new Hyperlink(label.isEmpty() ? link.getDestination() : label);
        h.getStyleClass().add("md-link");
        String url = link.getDestination();
        if (Links.openable(url).isPresent()) {
            h.setTooltip(new Tooltip(url + "\nClick to open it in your browser"));
            h.setOnAction(e -> openLink.accept(url));
        } else {
            h.getStyleClass().add("md-link-inert");
            h.setTooltip(new Tooltip(url + "\nNot opened: only web and mail links are"));
            h.setOnAction(e -> h.setVisited(false));
        }
        return h;
    }

    private static Text text(String s, Style style) {
        Text t = new Text(s);
        t.getStyleClass().add("md-text");
        t.getStyleClass().addAll(style.classes);
        return t;
    }

    /** The text inside a node, without formatting. */
    static String plainText(Node parent) {
        StringBuilder sb = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Text t) {
                sb.append(t.getLiteral());
            } else if (n instanceof Code c) {
                sb.append(c.getLiteral());
            } else if (n instanceof SoftLineBreak || n instanceof HardLineBreak) {
                sb.append(' ');
            } else {
                sb.append(plainText(n));
            }
        }
        return sb.toString();
    }
}
