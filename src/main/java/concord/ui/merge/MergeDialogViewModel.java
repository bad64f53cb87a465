package concord.ui.merge;

import concord.merge.ChunkKind;
import concord.merge.MergeChunk;
import concord.merge.ThreeWayMerger;
import concord.model.ETag;
import concord.model.NoteContent;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ResolutionWriter;
import concord.ui.conflict.ResolutionWriter.Write;
import concord.ui.conflict.ResolutionWriter.Written;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State and logic of the three-way merge dialog. Lives on the FX thread; every write and every engine run goes
 * through the injected {@code io} executor and comes back through {@code fx}, so tests can run both on the
 * calling thread. The dialog decides; the {@link ResolutionWriter} it was opened with writes the decision. The
 * View only binds to the properties and forwards user input.
 */
public final class MergeDialogViewModel {

    public enum Mode {
        /** Three panes and a result to decide. */
        MERGE,
        /** The note was deleted on the server: re-create it with my text, or discard. */
        DELETED,
        /** The outcome was delivered; the dialog is closing. */
        FINISHED
    }

    private final ResolutionWriter writer;
    private final Executor io;
    private final Executor fx;
    private final ThreeWayMerger merger;

    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.MERGE);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty headline = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty counter = new SimpleStringProperty("");
    private final IntegerProperty conflictsLeft = new SimpleIntegerProperty(0);
    private final IntegerProperty conflictsTotal = new SimpleIntegerProperty(0);
    private final BooleanProperty canSave = new SimpleBooleanProperty(false);
    private final IntegerProperty currentChunk = new SimpleIntegerProperty(-1);
    private final IntegerProperty revision = new SimpleIntegerProperty(0);
    private final StringProperty chunkDescription = new SimpleStringProperty("");
    private final BooleanProperty currentIsChange = new SimpleBooleanProperty(false);
    private final BooleanProperty currentCanReopen = new SimpleBooleanProperty(false);

    private final StringProperty titleResult = new SimpleStringProperty("");
    private final ObjectProperty<Resolution> titleResolution = new SimpleObjectProperty<>(Resolution.AUTO);
    private final StringProperty tagsText = new SimpleStringProperty("");
    private boolean settingTitle;

    private MergeInput input;
    private ResultDocument document;
    private LineMap lines = LineMap.NONE;
    private PaneStyles styles = PaneStyles.NONE;
    private NoteContent deletedMine;
    private int round;
    private Consumer<ResultDocument.Replace> resultListener = r -> { };
    private Consumer<ConflictOutcome> onFinished = o -> { };
    private final MergeDialogText text;
    private final StringProperty saveLabel = new SimpleStringProperty();
    private final StringProperty saveTooltip = new SimpleStringProperty();

    public MergeDialogViewModel(ResolutionWriter writer, Executor io, Executor fx, ThreeWayMerger merger) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.text = new MergeDialogText(writer.deferred());
        this.io = Objects.requireNonNull(io, "io");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.merger = Objects.requireNonNull(merger, "merger");
        saveLabel.set(text.saveLabel());
        saveTooltip.set(text.saveTooltip());
        titleResult.addListener((obs, was, now) -> {
            if (!settingTitle && input != null && input.title() != null) {
                titleResolution.set(Resolution.EDITED);
                refreshCounts();
            }
        });
    }

    // ------------------------------------------------------------------ loading

    /** Shows one round of the conflict (the first, or a later one after another 412). FX thread. */
    public void show(MergeInput in) {
        this.input = Objects.requireNonNull(in, "input");
        error.set("");
        if (in.deletedOnServer()) {
            deletedMine = in.mine();
            document = null;
            lines = LineMap.NONE;
            styles = PaneStyles.NONE;
            headline.set(text.deletedHeadline());
            notice.set(text.deletedNotice());
            mode.set(Mode.DELETED);
            revision.set(revision.get() + 1);
            refreshCounts();
            return;
        }
        round++;
        document = new ResultDocument(in.body());
        lines = new LineMap(document);
        styles = new PaneStyles(document, lines);
        settingTitle = true;
        try {
            MergeInput.TitleMerge t = in.title();
            titleResult.set(t.isConflict() ? t.base() : t.merged());
            titleResolution.set(t.isConflict() ? Resolution.UNRESOLVED : Resolution.AUTO);
        } finally {
            settingTitle = false;
        }
        tagsText.set(text.tags(in));
        headline.set(text.headline(in.theirs()));
        if (text.roundNotice() != null) {
            notice.set(text.roundNotice());
        }
        mode.set(Mode.MERGE);
        revision.set(revision.get() + 1);
        refreshCounts();
        int first = nextIndex(-1, true);
        currentChunk.set(first >= 0 ? first : nextIndex(-1, false));
        describeCurrent();
    }

    // ------------------------------------------------------------------ read access for the View

    public MergeInput input() {
        return input;
    }

    public int round() {
        return round;
    }

    public String paneText(Pane pane) {
        return switch (pane) {
            case MINE -> mode.get() == Mode.DELETED ? deletedMine.body() : input.mine().body();
            case BASE -> input.base().body();
            case THEIRS -> input.theirs() == null ? "" : input.theirs().body();
            case RESULT -> document == null ? "" : document.text();
        };
    }

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

    /** Where each chunk's lines are in each pane, for this round (scrolling, clicks in a side pane). */
    public LineMap lines() {
        return lines;
    }

    /** The style classes of this round's lines and words. */
    PaneStyles styles() {
        return styles;
    }

    // ------------------------------------------------------------------ per-chunk actions

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

    public void resetChunk() {
        resetChunk(currentChunk.get());
    }

    public void reopenChunk() {
        reopenChunk(currentChunk.get());
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
    public void resetChunk(int i) {
        MergeChunk c = document.chunk(i);
        choose(i, c.isConflict() ? c.baseText() : c.resultText(), c.isConflict() ? Resolution.UNRESOLVED : Resolution.AUTO);
    }

    /**
     * Undoes an automatic resolution (or any decision) of a chunk both sides changed: it becomes an open
     * conflict again, to be decided by hand.
     */
    public void reopenChunk(int i) {
        MergeChunk c = document.chunk(i);
        if (c.kind() == ChunkKind.RESOLVED || c.kind() == ChunkKind.CONFLICT) {
            choose(i, c.baseText(), Resolution.UNRESOLVED);
        }
    }

    private void choose(int i, String text, Resolution resolution) {
        if (document == null || i < 0 || i >= document.size()) {
            return;
        }
        ResultDocument.Replace r = document.set(i, text, resolution);
        documentChanged();
        resultListener.accept(r);
        refreshCounts();
        describeCurrent();
    }

    /** Forwarded by the View for every change the user typed in the Result pane. */
    public ResultDocument.Touched userEdited(int position, int removedLength, String inserted) {
        ResultDocument.Touched t = document.applyEdit(position, removedLength, inserted);
        documentChanged();
        refreshCounts();
        describeCurrent();
        return t;
    }

    /** The caret moved in the Result pane: the chunk under it becomes the one the per-chunk actions work on. */
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

    public void selectChunk(int i) {
        if (document != null && i >= 0 && i < document.size()) {
            currentChunk.set(i);
            describeCurrent();
        }
    }

    /** F7: the next open conflict; when none is left, the next change, so a clean merge can be reviewed too. */
    public void nextConflict() {
        step(true);
    }

    /** Shift+F7. */
    public void previousConflict() {
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
            chunkDescription.set("");
            currentIsChange.set(false);
            currentCanReopen.set(false);
            return;
        }
        MergeChunk c = document.chunk(i);
        currentIsChange.set(document.isChange(i));
        currentCanReopen.set((c.kind() == ChunkKind.RESOLVED || c.kind() == ChunkKind.CONFLICT)
                && document.resolution(i) != Resolution.UNRESOLVED);
        int line = lines.firstLine(Pane.RESULT, i) + 1;
        chunkDescription.set(text.chunkDescription(c.kind(), document.resolution(i), line));
    }

    // ------------------------------------------------------------------ title

    public void titleUseMine() {
        setTitle(input.title().mine(), Resolution.MINE);
    }

    public void titleUseTheirs() {
        setTitle(input.title().theirs(), Resolution.THEIRS);
    }

    public void titleReset() {
        MergeInput.TitleMerge t = input.title();
        setTitle(t.isConflict() ? t.base() : t.merged(), t.isConflict() ? Resolution.UNRESOLVED : Resolution.AUTO);
    }

    private void setTitle(String text, Resolution r) {
        settingTitle = true;
        try {
            titleResult.set(text);
            titleResolution.set(r);
        } finally {
            settingTitle = false;
        }
        refreshCounts();
    }

    public boolean titleIsOpenConflict() {
        return titleResolution.get() == Resolution.UNRESOLVED;
    }

    // ------------------------------------------------------------------ counts

    private void refreshCounts() {
        if (mode.get() == Mode.DELETED || document == null) {
            conflictsLeft.set(0);
            conflictsTotal.set(0);
            counter.set("");
            canSave.set(false);
            return;
        }
        boolean titleConflict = input.title().isConflict();
        int total = document.totalConflicts() + (titleConflict ? 1 : 0);
        int left = document.openConflicts() + (titleIsOpenConflict() ? 1 : 0);
        conflictsTotal.set(total);
        conflictsLeft.set(left);
        int changes = 0;
        for (int k = 0; k < document.size(); k++) {
            if (document.chunk(k).kind() != ChunkKind.UNCHANGED) {
                changes++;
            }
        }
        counter.set(text.counter(total, left, changes));
        canSave.set(left == 0 && !busy.get());
    }

    // ------------------------------------------------------------------ whole-note decisions

    public NoteContent mergedContent() {
        return new NoteContent(titleResult.get(), document.text(), input.tags());
    }

    public String keepMineConfirmation() {
        return text.keepMineConfirmation(input.theirs());
    }

    /** The label of the confirmation's OK button for Keep mine. */
    public String keepMineConfirmButton() {
        return text.keepMineConfirmButton();
    }

    public String takeTheirsConfirmation() {
        return text.takeTheirsConfirmation(input.theirs());
    }

    public String discardConfirmation() {
        return text.discardConfirmation();
    }

    /** Saves the result over theirs (or, with Save all, hands it back). Another 412 starts a new round. */
    public void saveMerged() {
        if (!canSave.get() || mode.get() != Mode.MERGE) {
            return;
        }
        carryOut(writer.replace(input.theirs(), mergedContent()), text.savingMerged());
    }

    /** My version wins; theirs stays in the server's history. Confirmed by the View. */
    public void keepMine() {
        if (mode.get() != Mode.MERGE || busy.get()) {
            return;
        }
        carryOut(writer.replace(input.theirs(), input.mine()), text.savingMine());
    }

    /** Their version wins; mine stays recoverable (see {@link ResolutionWriter#takeTheirs}). Confirmed by the View. */
    public void takeTheirs() {
        if (mode.get() != Mode.MERGE || busy.get()) {
            return;
        }
        carryOut(writer.takeTheirs(input.theirs(), input.mine()), text.keepingTheirs());
    }

    /** Deleted variant: the note again, with my text. */
    public void recreate() {
        if (mode.get() != Mode.DELETED || busy.get()) {
            return;
        }
        carryOut(writer.recreate(input.base(), deletedMine), text.recreating());
    }

    /** Deleted variant: drop my text (confirmed by the View). */
    public void discard() {
        if (mode.get() == Mode.DELETED && !busy.get()) {
            finish(new ConflictOutcome.Discarded());
        }
    }

    /** Escape: back to the editor, nothing saved, nothing lost. */
    public void cancel() {
        if (mode.get() != Mode.FINISHED) {
            finish(new ConflictOutcome.Cancelled());
        }
    }

    /** A settled decision ends the dialog now; a call to the server runs on the I/O executor. */
    private void carryOut(Write write, String progress) {
        if (write instanceof Write.Settled settled) {
            finish(settled.outcome());
            return;
        }
        Write.Call call = (Write.Call) write;
        begin(progress);
        io.execute(() -> afterWrite(call.run()));
    }

    private void begin(String what) {
        busy.set(true);
        canSave.set(false);
        error.set("");
        notice.set(what);
    }

    /**
     * Runs on the I/O thread: when someone saved first, the next round is merged there too (the engine is CPU
     * work), then everything is handed to the FX thread.
     */
    private void afterWrite(Written written) {
        if (written instanceof Written.Overtaken o) {
            MergeInput next = MergeInput.prepare(merger, o.sentOver(), o.sent(), o.current());
            fx.execute(() -> {
                busy.set(false);
                show(next);
                notice.set(text.savedAgain(o.current()));
            });
            return;
        }
        fx.execute(() -> {
            busy.set(false);
            if (written instanceof Written.Saved saved) {
                finish(new ConflictOutcome.Resolved(saved.note()));
            } else if (written instanceof Written.Deleted d) {
                show(new MergeInput(d.sentOver(), d.sent(), null, null, null, d.sent().tags()));
            } else {
                notice.set("");
                error.set(text.failure(((Written.Failed) written).failure()));
                refreshCounts();
            }
        });
    }

    private void finish(ConflictOutcome outcome) {
        if (mode.get() == Mode.FINISHED) {
            return;
        }
        mode.set(Mode.FINISHED);
        onFinished.accept(outcome);
    }

    private void documentChanged() {
        lines.resultChanged();
    }

    // ------------------------------------------------------------------ listeners and properties

    public void setResultListener(Consumer<ResultDocument.Replace> listener) {
        this.resultListener = Objects.requireNonNull(listener);
    }

    public void setOnFinished(Consumer<ConflictOutcome> onFinished) {
        this.onFinished = Objects.requireNonNull(onFinished);
    }

    /** The primary button's text (with its mnemonic): Save merged, or Use merged in resolve-only mode. */
    public ReadOnlyStringProperty saveLabelProperty() {
        return saveLabel;
    }

    public ReadOnlyStringProperty saveTooltipProperty() {
        return saveTooltip;
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline;
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyStringProperty counterProperty() {
        return counter;
    }

    public ReadOnlyIntegerProperty conflictsLeftProperty() {
        return conflictsLeft;
    }

    public ReadOnlyIntegerProperty conflictsTotalProperty() {
        return conflictsTotal;
    }

    public ReadOnlyBooleanProperty canSaveProperty() {
        return canSave;
    }

    public ReadOnlyIntegerProperty currentChunkProperty() {
        return currentChunk;
    }

    /** Increments whenever a new round is shown: the View reloads all panes. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /** Whether the per-chunk choices apply to the current chunk. */
    public ReadOnlyBooleanProperty currentIsChangeProperty() {
        return currentIsChange;
    }

    /** Whether the current chunk can be made an open conflict again (undo an automatic or chosen resolution). */
    public ReadOnlyBooleanProperty currentCanReopenProperty() {
        return currentCanReopen;
    }

    public ReadOnlyStringProperty chunkDescriptionProperty() {
        return chunkDescription;
    }

    public StringProperty titleResultProperty() {
        return titleResult;
    }

    public ReadOnlyObjectProperty<Resolution> titleResolutionProperty() {
        return titleResolution;
    }

    public ReadOnlyStringProperty tagsTextProperty() {
        return tagsText;
    }

    /** For the deleted variant and for tests: the ETag the next save will send. */
    public ETag ifMatch() {
        return input.theirs() == null ? null : input.theirs().etag();
    }
}
