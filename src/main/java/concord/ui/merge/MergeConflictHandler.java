package concord.ui.merge;

import concord.merge.ThreeWayMerger;
import concord.ui.DisplayText;
import concord.ui.Theme;
import concord.ui.conflict.ConflictHandler;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import concord.ui.conflict.ResolutionWriter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The merge dialog behind {@link ConflictHandler}: runs the engine on the I/O executor; a certain merge (no
 * conflict, no suggestion) is saved at once without asking ({@link QuietMerge}), anything else opens the dialog
 * owned by the editor's window, with the request's writer to carry out the decision. {@code done} gets exactly
 * one outcome, on the FX thread.
 */
public final class MergeConflictHandler implements ConflictHandler {

    private static final String CSS = Objects.requireNonNull(
            MergeConflictHandler.class.getResource("/concord/ui/merge/merge-dialog.css"), "merge-dialog.css").toExternalForm();

    private final Window owner;
    private final Executor io;
    private final Executor fx;
    private final ThreeWayMerger merger;
    /** Soft wrap, on at first (notes are prose); the next dialog of this window opens as the user left the last. */
    private final BooleanProperty softWrap = new SimpleBooleanProperty(true);
    private final QuietMerge quiet;

    /** @param owner the editor's window, which the dialog belongs to ({@code null}: a window of its own) */
    public MergeConflictHandler(Window owner, Executor io, ThreeWayMerger merger) {
        this(owner, io, Platform::runLater, merger);
    }

    /** @param fx how work gets back onto the FX thread ({@code Platform::runLater} in the app) */
    public MergeConflictHandler(Window owner, Executor io, Executor fx, ThreeWayMerger merger) {
        this.owner = owner;
        this.io = Objects.requireNonNull(io, "io");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.merger = Objects.requireNonNull(merger, "merger");
        this.quiet = new QuietMerge(new QuietMerge.Rounds() {
            @Override
            public void handle(ConflictRequest request, Consumer<ConflictOutcome> done) {
                MergeConflictHandler.this.handle(request, done);
            }

            @Override
            public MergeDialogViewModel open(MergeInput input, ResolutionWriter writer, Consumer<ConflictOutcome> done) {
                return (MergeDialogViewModel) MergeConflictHandler.this.open(input, writer, done).getUserData();
            }
        }, io, fx);
    }

    /** Whether this window's dialogs wrap long lines: on at first, then as the user left the toggle (Alt+W). */
    public BooleanProperty softWrapProperty() {
        return softWrap;
    }

    @Override
    public void handle(ConflictRequest request, Consumer<ConflictOutcome> done) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(done, "done");
        io.execute(() -> {
            MergeInput input;
            try {
                input = MergeInput.prepare(merger, request.base(), request.mine(), request.theirs()).deletedBy(request.deletedBy());
            } catch (RuntimeException engineFailed) {
                // never strand the editor: its text stays as it is and the conflict stays pending
                fx.execute(() -> done.accept(new ConflictOutcome.Cancelled()));
                throw engineFailed;
            }
            if (input.isCertain() && !request.writer().deferred()) {
                // nothing needs a person: saved without the dialog, Review and Undo offered afterwards (Save all
                // still shows its merges: its notes are written together, after every dialog)
                quiet.save(input, request, done);
            } else {
                fx.execute(() -> open(input, request.writer(), done));
            }
        });
    }

    /** Over the editor's window and its size (see {@link DialogPlacement}); alone, centred on the screen. */
    private static void place(Stage stage, Window owner) {
        Rectangle2D area = Screen.getPrimary().getVisualBounds();
        DialogPlacement.Box at;
        if (owner != null && owner.getWidth() > 0) {
            List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
            if (!screens.isEmpty()) {
                area = screens.get(0).getVisualBounds();
            }
            at = DialogPlacement.over(new DialogPlacement.Box(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight()), box(area));
        } else {
            at = DialogPlacement.alone(box(area));
        }
        stage.setX(at.x());
        stage.setY(at.y());
        stage.setWidth(at.width());
        stage.setHeight(at.height());
    }

    private static DialogPlacement.Box box(Rectangle2D r) {
        return new DialogPlacement.Box(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    /** Opens the dialog for a prepared round (FX thread) and returns its stage; {@code writer} writes its decision. */
    public Stage open(MergeInput input, ResolutionWriter writer, Consumer<ConflictOutcome> done) {
        MergeDialogViewModel vm = new MergeDialogViewModel(writer, io, fx, merger);
        MergeDialogView view = new MergeDialogView(vm, softWrap);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        stage.setTitle("Resolve conflict — " + DisplayText.title(input.mine().title()));
        Scene scene = new Scene(view.root());
        if (Application.getUserAgentStylesheet() == null) {
            // the app normally sets an AtlantaFX theme; the dialog's colours are defined in its terms
            // (by resource: the AtlantaFX 2.1 classes are Java 21 class files, its stylesheets are plain CSS)
            scene.getStylesheets().add(Theme.LIGHT.stylesheet());
        }
        scene.getStylesheets().add(CSS);
        view.installAccelerators(scene);
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            vm.cancel();
        });
        vm.setOnFinished(outcome -> {
            stage.close();
            done.accept(outcome);
        });
        stage.setUserData(vm);
        place(stage, owner);
        vm.show(input);
        stage.show();
        return stage;
    }
}
