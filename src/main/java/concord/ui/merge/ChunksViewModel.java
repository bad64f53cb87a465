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
 * FX thread; no scene graph.
 */
public final class ChunksViewModel {

    private final MergeDialogText text;
    /** The counts and the save button depend on the open conflicts: told after every change. */
    private final Runnable changed;
    private final IntegerProperty currentChunk = new SimpleIntegerProperty(-1);
    private final StringProperty description = new SimpleStringProperty("");
    private final BooleanProperty currentIsChange = new SimpleBooleanProperty(false);
    private final BooleanProperty currentCanReopen = new SimpleBooleanProperty(false);
    private ResultDocument document;
    private LineMap lines = LineMap.NONE;
    private Consumer<ResultDocument.Replace> resultListener = r -> { };

    ChunksViewModel(MergeDialogText text, Runnable changed) {
        this.text = text;
        this.changed = changed;
    }

    /** A new round's result ({@code null}: none, the note was deleted). The selection is made by {@link #selectFirst()}. */
    void load(ResultDocument document, LineMap lines) {
        this.document = document;
        this.lines = lines;
    }

    /** Selects the first open conflict, or the first change when there is none. */
    void selectFirst() {
        int first = nextIndex(-1, true);
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
        useMine(currentChunk.get());
    }

    public void useTheirs() {
        useTheirs(currentChunk.get());
    }

    public void useBoth(boolean mineFirst) {
        useBoth(currentChunk.get(), mineFirst);
    }

    public void useBase() {
        useBase(currentChunk.get());
    }

    public void reset() {
        reset(currentChunk.get());
    }

    public void reopen() {
        reopen(currentChunk.get());
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
            currentChunk.set(i);
            describeCurrent();
        }
    }

    public void select(int i) {
        if (document != null && i >= 0 && i < document.size()) {
            currentChunk.set(i);
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

    private void step(boolean forward) {
        if (document == null || document.size() == 0) {
            return;
        }
        boolean conflicts = document.openConflicts() > 0;
        int from = currentChunk.get();
        int found = forward ? nextIndex(from, conflicts) : previousIndex(from, conflicts);
        if (found < 0) {
            // wrap around
            found = forward ? nextIndex(-1, conflicts) : previousIndex(document.size(), conflicts);
        }
        if (found >= 0) {
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
        description.set(text.chunkDescription(c.kind(), document.resolution(i), line));
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

    /** The current chunk in words, for the line above the panes. */
    public ReadOnlyStringProperty descriptionProperty() {
        return description;
    }
}
