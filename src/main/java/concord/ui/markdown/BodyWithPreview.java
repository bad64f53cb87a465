package concord.ui.markdown;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;

/**
 * The body editor with its Markdown preview, laid out as {@link BodyLayout} says. The editor control is the same
 * in every layout (in preview-only it is only taken out of the scene), so its text, selection and undo history are
 * never touched.
 */
public final class BodyWithPreview {

    private final SplitPane split = new SplitPane();
    private final TextInputControl editor;
    private final MarkdownPreview preview;
    private final ObjectProperty<BodyLayout> layout = new SimpleObjectProperty<>(BodyLayout.EDITOR);
    private double divider = 0.5;

    public BodyWithPreview(TextInputControl editor, Consumer<String> openLink) {
        this.editor = editor;
        this.preview = new MarkdownPreview(editor.textProperty(), openLink);
        split.setId("body-with-preview");
        split.getItems().add(editor);
        layout.addListener((o, old, now) -> apply(old, now));
        apply(null, BodyLayout.EDITOR);
    }

    public Node node() {
        return split;
    }

    public ObjectProperty<BodyLayout> layoutProperty() {
        return layout;
    }

    /** Ctrl+Shift+P: editor → split → preview → editor. */
    public void cycle() {
        layout.set(layout.get().next());
    }

    public MarkdownPreview preview() {
        return preview;
    }

    private void apply(BodyLayout old, BodyLayout now) {
        if (old == BodyLayout.SPLIT && split.getDividers().size() == 1) {
            divider = split.getDividerPositions()[0];
        }
        Node p = preview.node();
        switch (now) {
            case EDITOR -> split.getItems().setAll(editor);
            case SPLIT -> split.getItems().setAll(editor, p);
            case PREVIEW -> split.getItems().setAll(p);
        }
        p.setVisible(now != BodyLayout.EDITOR);
        if (now == BodyLayout.SPLIT) {
            split.setDividerPositions(divider);
        }
        if (now != BodyLayout.EDITOR) {
            preview.refresh();
        }
    }
}
