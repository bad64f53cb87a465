package concord.ui.markdown;

import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.ScrollPane;
import javafx.util.Duration;

/**
 * A scrolling preview of a Markdown text that follows it as it changes, a moment after typing pauses (a long note
 * is not parsed and laid out again on every key). Only while it is shown: a hidden preview costs nothing.
 */
public final class MarkdownPreview {

    private static final Duration PAUSE = Duration.millis(200);

    private final ScrollPane pane = new ScrollPane();
    private final MarkdownParser parser = new MarkdownParser();
    private final MarkdownView view;
    private final ObservableStringValue source;
    private final PauseTransition pause = new PauseTransition(PAUSE);
    private String shown;

    /** {@code openLink}: called with a link's destination when the user clicks it (never before). */
    public MarkdownPreview(ObservableStringValue source, Consumer<String> openLink) {
        this.source = source;
        this.view = new MarkdownView(openLink);
        pane.setId("markdown-preview");
        pane.getStyleClass().add("markdown-preview");
        pane.setFitToWidth(true);
        pause.setOnFinished(e -> refresh());
        source.addListener((o, old, now) -> {
            if (pane.isVisible()) {
                pause.playFromStart();
            }
        });
        pane.visibleProperty().addListener((o, was, visible) -> {
            if (visible) {
                refresh();
            }
        });
    }

    public ScrollPane node() {
        return pane;
    }

    /** Renders the current text now (if it changed since the last time). */
    public void refresh() {
        String text = source.get() == null ? "" : source.get();
        if (text.equals(shown)) {
            return;
        }
        shown = text;
        double scroll = pane.getVvalue();
        pane.setContent(view.render(parser.parse(text)));
        pane.setVvalue(scroll);
    }
}
