package concord.ui.merge;

import concord.merge.ChunkKind;
import concord.merge.MergeChunk;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The result's changes, one chunk at a time: which one is selected (F7, a click, the caret), what it is, and the
 * choices for it (use mine, use theirs, both, reset, undo an automatic merge) or typing in the result. Every
 * change of the result's text goes through here, so the document, its line map and the Result pane stay equal.
 * A title both sides changed is a stop of F7 too, before the body's (it is above them): while it is selected, Use
 * mine, Use theirs and Reset decide the title. FX thread; no scene graph.
 */
public final class ChunksViewModel {

    private final MergeDialogText text;
    private final TitleViewModel title;
    /** The counts and the save button depend on the open conflicts: told after every change. */
    private final Runnable changed;
    private final IntegerProperty currentChunk = new SimpleIntegerProperty(-1);
    private final StringProperty description = new SimpleStringProperty("");
    private final BooleanProperty currentIsChange = new SimpleBooleanProperty(false);
    private final BooleanProperty currentCanReopen = new SimpleBooleanProperty(false);
    /** The title is the selected change (F7 reached it): the choices apply to it. */
    private final BooleanProperty titleSelected = new SimpleBooleanProperty(false);
    private ResultDocument document;
    private LineMap lines = LineMap.NONE;
    private Consumer<ResultDocument.Replace> resultListener = r -> { };

    ChunksViewModel(MergeDialogText text, TitleViewModel title, Runnable changed) {
        this.text = text;
        this.title = title;
        this.changed = changed;
    }

    /** The title was decided or edited: the line above the panes says so when the title is the selected change. */
    void titleChanged() {
        if (titleSelected.get()) {
            describeCurrent();
        }
    }

    /** A new round's result ({@code null}: none, the note was deleted). The selection is made by {@link #selectFirst()}. */
    void load(ResultDocument document, LineMap lines) {
        this.document = document;
        this.lines = lines;
    }

    /** Selects the first open conflict (the title's, if it is one), or the first change when there is none. */
    void selectFirst() {
        int first = nextIndex(-1, true);
        titleSelected.set(title.isOpenConflict());
        currentChunk.set(first >= 0 ? first : nextIndex(-1, false));
        describeCurrent();
    }

    // ------------------------------------------------------------------ reading

    public String resultText() {
        return document.text();
    }

    public int chunkCount() {
        return document == null ? 0 : document.size();
    }

    public ChunkKind chunkKind(int i) {
        return document.chunk(i).kind();
    }

    public Resolution resolution(int i) {
        return document.resolution(i);
    }

    /** Char range {@code [start, end)} of chunk {@code i} in the Result pane. */
    public int[] resultRange(int i) {
        int s = document.start(i);
        return new int[] {s, s + document.text(i).length()};
    }

    // ------------------------------------------------------------------ choices for the selected chunk

    public void useMine() {
        if (titleSelected.get()) {
            title.useMine();
        } else {
            useMine(currentChunk.get());
        }
    }

    public void useTheirs() {
        if (titleSelected.get()) {
            title.useTheirs();
        } else {
            useTheirs(currentChunk.get());
        }
    }

    public void useBoth(boolean mineFirst) {
        if (!titleSelected.get()) {
            useBoth(currentChunk.get(), mineFirst);
        }
    }

    public void useBase() {
        if (!titleSelected.get()) {
            useBase(currentChunk.get());
        }
    }

    public void reset() {
        if (titleSelected.get()) {
            title.reset();
        } else {
            reset(currentChunk.get());
        }
    }

    public void reopen() {
        if (!titleSelected.get()) {
            reopen(currentChunk.get());
        }
    }

    public void useMine(int i) {
        choose(i, document.chunk(i).mineText(), Resolution.MINE);
    }

    public void useTheirs(int i) {
        choose(i, document.chunk(i).theirsText(), Resolution.THEIRS);
    }

    /** Both sides' text, one after the other; a line break is added between them when the first lacks one. */
    public void useBoth(int i, boolean mineFirst) {
        MergeChunk c = document.chunk(i);
        String a = mineFirst ? c.mineText() : c.theirsText();
        String b = mineFirst ? c.theirsText() : c.mineText();
        String joined = !a.isEmpty() && !b.isEmpty() && !a.endsWith("\n") ? a + "\n" + b : a + b;
        choose(i, joined, mineFirst ? Resolution.BOTH_MINE_FIRST : Resolution.BOTH_THEIRS_FIRST);
    }

    public void useBase(int i) {
        choose(i, document.chunk(i).baseText(), Resolution.BASE);
    }

    /** Back to what the engine proposed (a conflict is open again, an automatic change is applied again). */
    public void reset(int i) {
        MergeChunk c = document.chunk(i);
        choose(i, c.isConflict() ? c.baseText() : c.resultText(), c.isConflict() ? Resolution.UNRESOLVED : Resolution.AUTO);
    }

    /**
     * Undoes an automatic resolution (or any decision) of a chunk both sides changed: it becomes an open
     * conflict again, to be decided by hand.
     */
    public void reopen(int i) {
        MergeChunk c = document.chunk(i);
        if (c.kind() == ChunkKind.RESOLVED || c.kind() == ChunkKind.CONFLICT) {
            choose(i, c.baseText(), Resolution.UNRESOLVED);
        }
    }

    private void choose(int i, String chosen, Resolution resolution) {
        if (document == null || i < 0 || i >= document.size()) {
            return;
        }
        ResultDocument.Replace r = document.set(i, chosen, resolution);
        lines.resultChanged();
        resultListener.accept(r);
        changed.run();
        describeCurrent();
    }

    /** Forwarded by the View for every change the user typed in the Result pane. */
    public ResultDocument.Touched userEdited(int position, int removedLength, String inserted) {
        ResultDocument.Touched t = document.applyEdit(position, removedLength, inserted);
        lines.resultChanged();
        changed.run();
        describeCurrent();
        return t;
    }

    // ------------------------------------------------------------------ selection

    /** The caret moved in the Result pane: the chunk under it becomes the one the choices work on. */
    public void caretMoved(int offset) {
        if (document == null) {
            return;
        }
        int i = document.segmentAt(Math.min(offset, document.length()));
        // a caret in unchanged text keeps the last chosen change, so buttons keep working on it
        if (i >= 0 && document.isChange(i)) {
            titleSelected.set(false);
            currentChunk.set(i);
            describeCurrent();
        }
    }

    public void select(int i) {
        if (document != null && i >= 0 && i < document.size()) {
            titleSelected.set(false);
            currentChunk.set(i);
            describeCurrent();
        }
    }

    /** The title becomes the selected change (F7 reached it, or the user went into the merged title). */
    public void selectTitle() {
        if (title.isConflict()) {
            titleSelected.set(true);
            describeCurrent();
        }
    }

    /** F7: the next open conflict; when none is left, the next change, so a clean merge can be reviewed too. */
    public void next() {
        step(true);
    }

    /** Shift+F7. */
    public void previous() {
        step(false);
    }

    /**
     * The stops, in reading order: the title (when it is a conflict; while conflicts are open, only when it is still
     * open), then the body's changes. From the title, forward is the body's first stop; back from the body's first
     * stop is the title; both ends wrap around.
     */
    private void step(boolean forward) {
        if (document == null) {
            return;
        }
        boolean conflicts = document.openConflicts() > 0 || title.isOpenConflict();
        boolean titleStop = conflicts ? title.isOpenConflict() : title.isConflict();
        int from = titleSelected.get() ? (forward ? -1 : document.size()) : currentChunk.get();
        int found = forward ? nextIndex(from, conflicts) : previousIndex(from, conflicts);
        if (found < 0 && titleStop && !titleSelected.get()) {
            selectTitle(); // the body's changes run out: on to the title, before wrapping around
            return;
        }
        if (found < 0) {
            // wrap around
            found = forward ? nextIndex(-1, conflicts) : previousIndex(document.size(), conflicts);
        }
        if (found >= 0) {
            titleSelected.set(false);
            currentChunk.set(found);
            describeCurrent();
        }
    }

    private int nextIndex(int from, boolean openConflictsOnly) {
        for (int k = from + 1; k < document.size(); k++) {
            if (openConflictsOnly ? document.isOpenConflict(k) : document.isChange(k)) {
                return k;
            }
        }
        return -1;
    }

    private int previousIndex(int from, boolean openConflictsOnly) {
        for (int k = Math.min(from, document.size()) - 1; k >= 0; k--) {
            if (openConflictsOnly ? document.isOpenConflict(k) : document.isChange(k)) {
                return k;
            }
        }
        return -1;
    }

    private void describeCurrent() {
        int i = currentChunk.get();
        if (titleSelected.get() && title.isConflict()) {
            currentIsChange.set(true);
            currentCanReopen.set(false);
            description.set(text.titleDescription(title.resolutionProperty().get()));
            return;
        }
        titleSelected.set(false);
        if (document == null || i < 0 || i >= document.size()) {
            description.set("");
            currentIsChange.set(false);
            currentCanReopen.set(false);
            return;
        }
        MergeChunk c = document.chunk(i);
        currentIsChange.set(document.isChange(i));
        currentCanReopen.set((c.kind() == ChunkKind.RESOLVED || c.kind() == ChunkKind.CONFLICT)
                && document.resolution(i) != Resolution.UNRESOLVED);
        int line = lines.firstLine(Pane.RESULT, i) + 1;
        description.set(text.chunkDescription(c.kind(), document.resolution(i), line, document.isReopened(i)));
    }

    // ------------------------------------------------------------------ for the View

    /** The View applies every replacement a choice made to the Result pane. */
    public void setResultListener(Consumer<ResultDocument.Replace> listener) {
        this.resultListener = Objects.requireNonNull(listener);
    }

    public ReadOnlyIntegerProperty currentChunkProperty() {
        return currentChunk;
    }

    /** Whether the per-chunk choices apply to the current chunk. */
    public ReadOnlyBooleanProperty currentIsChangeProperty() {
        return currentIsChange;
    }

    /** Whether the current chunk can be made an open conflict again (undo an automatic or chosen resolution). */
    public ReadOnlyBooleanProperty currentCanReopenProperty() {
        return currentCanReopen;
    }

    /** Whether the title is the selected change (the panes stay where they are; the title field is the place). */
    public ReadOnlyBooleanProperty titleSelectedProperty() {
        return titleSelected;
    }

    /** The current chunk in words, for the line above the panes. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description;
    }
}
