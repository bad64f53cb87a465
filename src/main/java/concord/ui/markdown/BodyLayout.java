package concord.ui.markdown;

/** How the note's body is shown: the editor alone, editor and preview side by side, or the preview alone. */
public enum BodyLayout {
    EDITOR("Editor"),
    SPLIT("Editor and preview"),
    PREVIEW("Preview");

    private final String label;

    BodyLayout(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The next one round the cycle (Ctrl+Shift+P): editor → split → preview → editor. */
    public BodyLayout next() {
        return values()[(ordinal() + 1) % values().length];
    }
}
