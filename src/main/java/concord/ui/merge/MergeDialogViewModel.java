package concord.ui.merge;

import concord.merge.ChunkKind;
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
 * State and logic of the three-way merge dialog: the rounds of a conflict, what the dialog says, the counts, and
 * the whole-note decisions. The result's changes are {@link ChunksViewModel}'s, the title's {@link TitleViewModel}'s.
 * Lives on the FX thread; every write and every engine run goes through the injected {@code io} executor and comes
 * back through {@code fx}, so tests can run both on the calling thread. The dialog decides; the
 * {@link ResolutionWriter} it was opened with writes the decision. The View only binds and forwards user input.
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
    private final MergeDialogText text;
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
    private final IntegerProperty revision = new SimpleIntegerProperty(0);
    private final StringProperty tagsText = new SimpleStringProperty("");
    private final ChunksViewModel chunks;
    private final TitleViewModel title;

    private MergeInput input;
    private ResultDocument document;
    private LineMap lines = LineMap.NONE;
    private PaneStyles styles = PaneStyles.NONE;
    private NoteContent deletedMine;
    private int round;
    private Consumer<ConflictOutcome> onFinished = o -> { };
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
        this.title = new TitleViewModel(this::titleChanged);
        this.chunks = new ChunksViewModel(text, title, this::refreshCounts);
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
            chunks.load(null, lines);
            title.load(null);
            headline.set(text.deletedHeadline(in.deletedBy()));
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
        chunks.load(document, lines);
        title.load(in.title());
        tagsText.set(text.tags(in));
        headline.set(text.headline(in.theirs()));
        if (text.roundNotice() != null) {
            notice.set(text.roundNotice());
        }
        mode.set(Mode.MERGE);
        revision.set(revision.get() + 1);
        refreshCounts();
        chunks.selectFirst();
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

    /** The result's changes: the selected one and the choices for it. */
    public ChunksViewModel chunks() {
        return chunks;
    }

    /** The merged title. */
    public TitleViewModel title() {
        return title;
    }

    /** The dialog's sentences. */
    MergeDialogText text() {
        return text;
    }

    /** Where each chunk's lines are in each pane, for this round (scrolling, clicks in a side pane). */
    public LineMap lines() {
        return lines;
    }

    /** The style classes of this round's lines and words. */
    PaneStyles styles() {
        return styles;
    }

    // ------------------------------------------------------------------ counts

    /** The counts, and the line above the panes when it describes the title. */
    private void titleChanged() {
        refreshCounts();
        chunks.titleChanged();
    }

    private void refreshCounts() {
        if (mode.get() == Mode.DELETED || document == null) {
            conflictsLeft.set(0);
            conflictsTotal.set(0);
            counter.set("");
            canSave.set(false);
            return;
        }
        int total = document.totalConflicts() + (title.isConflict() ? 1 : 0);
        int left = document.openConflicts() + (title.isOpenConflict() ? 1 : 0);
        conflictsTotal.set(total);
        conflictsLeft.set(left);
        counter.set(text.counter(total, left, total == 0 ? changes() : 0));
        canSave.set(left == 0 && !busy.get());
    }

    /** How many chunks anybody changed: what a merge without conflicts did on its own. */
    private int changes() {
        int n = 0;
        for (int k = 0; k < document.size(); k++) {
            if (document.chunk(k).kind() != ChunkKind.UNCHANGED) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ whole-note decisions

    public NoteContent mergedContent() {
        return new NoteContent(title.resultProperty().get(), document.text(), input.tags());
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
                show(new MergeInput(d.sentOver(), d.sent(), null, null, null, d.sent().tags(), d.deletedBy()));
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

    // ------------------------------------------------------------------ listeners and properties

    public void setOnFinished(Consumer<ConflictOutcome> onFinished) {
        this.onFinished = Objects.requireNonNull(onFinished);
    }

    /** The primary button's text (with its mnemonic): Save merged, or Use merged when Save all writes the decision. */
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

    /** Increments whenever a new round is shown: the View reloads all panes. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    public ReadOnlyStringProperty tagsTextProperty() {
        return tagsText;
    }

    /** For the deleted variant and for tests: the ETag the next save will send. */
    public ETag ifMatch() {
        return input.theirs() == null ? null : input.theirs().etag();
    }
}
