package concord.ui.merge;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The title row: the merged title and how it came about. A title both sides changed differently is a conflict
 * like one in the body (it counts, and blocks saving until decided): use mine, use theirs, or type. FX thread;
 * no scene graph.
 */
public final class TitleViewModel {

    private final StringProperty result = new SimpleStringProperty("");
    private final ObjectProperty<Resolution> resolution = new SimpleObjectProperty<>(Resolution.AUTO);
    /** The counts and the save button depend on whether the title is decided: told after every change. */
    private final Runnable changed;
    private MergeInput.TitleMerge merge;
    private boolean setting;

    TitleViewModel(Runnable changed) {
        this.changed = changed;
        result.addListener((obs, was, now) -> {
            if (!setting && merge != null) {
                resolution.set(Resolution.EDITED);
                changed.run();
            }
        });
    }

    /** A new round's titles ({@code null}: none, the note was deleted). Counts are the caller's to refresh. */
    void load(MergeInput.TitleMerge titles) {
        merge = titles;
        if (titles != null) {
            set(titles.isConflict() ? titles.base() : titles.merged(), titles.isConflict() ? Resolution.UNRESOLVED : Resolution.AUTO);
        }
    }

    /** How the titles merged, for the read-only fields beside the result. */
    public MergeInput.TitleMerge merge() {
        return merge;
    }

    public void useMine() {
        choose(merge.mine(), Resolution.MINE);
    }

    public void useTheirs() {
        choose(merge.theirs(), Resolution.THEIRS);
    }

    public void reset() {
        choose(merge.isConflict() ? merge.base() : merge.merged(), merge.isConflict() ? Resolution.UNRESOLVED : Resolution.AUTO);
    }

    /** Whether the titles conflicted in this round (decided or not). */
    public boolean isConflict() {
        return merge != null && merge.isConflict();
    }

    public boolean isOpenConflict() {
        return resolution.get() == Resolution.UNRESOLVED;
    }

    private void choose(String title, Resolution r) {
        set(title, r);
        changed.run();
    }

    private void set(String title, Resolution r) {
        setting = true;
        try {
            result.set(title);
            resolution.set(r);
        } finally {
            setting = false;
        }
    }

    /** The merged title, editable. */
    public StringProperty resultProperty() {
        return result;
    }

    public ReadOnlyObjectProperty<Resolution> resolutionProperty() {
        return resolution;
    }
}
