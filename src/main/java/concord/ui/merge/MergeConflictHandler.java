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
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.scene.Scene;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The merge dialog behind {@link ConflictHandler}: runs the engine on the I/O executor, then opens the dialog
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
            fx.execute(() -> open(input, request.writer(), done));
        });
    }

    /** Large enough for three panes side by side, never larger than the screen the editor is on. */
    private static void fitToScreen(Stage stage, Window owner) {
        Rectangle2D area = Screen.getPrimary().getVisualBounds();
        if (owner != null) {
            List<Screen> screens = Screen.getScreensForRectangle(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
            if (!screens.isEmpty()) {
                area = screens.get(0).getVisualBounds();
            }
        }
        double w = Math.min(1400, area.getWidth() * 0.96);
        double h = Math.min(860, area.getHeight() * 0.94);
        stage.setWidth(w);
        stage.setHeight(h);
        stage.setX(area.getMinX() + (area.getWidth() - w) / 2);
        stage.setY(area.getMinY() + (area.getHeight() - h) / 2);
    }

    /** Opens the dialog for a prepared round (FX thread) and returns its stage; {@code writer} writes its decision. */
    public Stage open(MergeInput input, ResolutionWriter writer, Consumer<ConflictOutcome> done) {
        MergeDialogViewModel vm = new MergeDialogViewModel(writer, io, fx, merger);
        MergeDialogView view = new MergeDialogView(vm);
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
        fitToScreen(stage, owner);
        vm.show(input);
        stage.show();
        return stage;
    }
}
