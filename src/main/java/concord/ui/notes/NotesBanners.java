package concord.ui.notes;

import concord.model.Note;
import concord.ui.DisplayText;
import java.time.Clock;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * The bars under the notes window's toolbar, each shown only when it has something to say: drafts from an
 * earlier session (Restore), a pending conflict of the open note (Merge…, Save mine anyway, Reload theirs…, or
 * Re-create / Discard for a note deleted on the server), and the latest notice (with Retry when there is one).
 */
final class NotesBanners {

    /** Asks the user; true when they agreed. */
    interface Confirm {
        boolean ask(String header, String content, String okText);
    }

    private final NotesViewModel vm;
    private final EditorViewModel editor;
    private final boolean mergeDialogAvailable;
    private final Clock clock;
    private final Confirm confirm;
    /** Gives the keyboard back to where the user was, when a banner they were in goes away. */
    private final Runnable focusBack;
    private final PauseTransition infoTimeout = new PauseTransition(Duration.seconds(5));
    private final Node drafts;
    private final Node conflict;
    private final Node notice;

    /** @param mergeDialogAvailable whether the conflict banner offers to open the merge dialog again */
    NotesBanners(NotesViewModel vm, boolean mergeDialogAvailable, Clock clock, Confirm confirm, Runnable focusBack) {
        this.vm = vm;
        this.editor = vm.editor();
        this.mergeDialogAvailable = mergeDialogAvailable;
        this.clock = clock;
        this.confirm = confirm;
        this.focusBack = focusBack;
        drafts = draftsBanner();
        conflict = conflictBanner();
        notice = noticeBar();
    }

    Node drafts() {
        return drafts;
    }

    Node conflict() {
        return conflict;
    }

    Node notice() {
        return notice;
    }

    private Node draftsBanner() {
        Label text = new Label();
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.draftsOfferedProperty().get();
            return "You have unsaved changes to " + DisplayText.notes(n)
                    + " from an earlier session. They are marked ✎ in the list.";
        }, vm.draftsOfferedProperty()));
        Button restore = new Button("_Restore");
        restore.setId("restore-drafts");
        restore.getStyleClass().add("accent");
        restore.setOnAction(e -> vm.restoreDrafts());
        Button discard = new Button("Discard _all…");
        discard.setOnAction(e -> {
            if (confirm.ask("Discard unsaved changes?", "The unsaved changes to " + DisplayText.notes(vm.draftsOfferedProperty().get())
                    + " will be deleted from this computer. This cannot be undone.", "_Discard")) {
                vm.discardDrafts();
            }
        });
        Button later = new Button("_Later");
        later.getStyleClass().add("flat");
        later.setOnAction(e -> vm.dismissDraftsOffer());
        VBox banner = stackedBanner("drafts-banner", "banner-info", text, restore, discard, later);
        shownWhen(banner, vm.draftsOfferedProperty().greaterThan(0));
        return banner;
    }

    private Node conflictBanner() {
        Label text = new Label();
        text.setId("conflict-text");
        text.setWrapText(true);
        Label icon = new Label("⚠");
        icon.getStyleClass().add("banner-icon");
        text.setGraphic(icon);
        text.textProperty().bind(Bindings.createStringBinding(() -> {
            PendingConflict c = editor.conflictProperty().get();
            if (c == null) {
                return "";
            }
            if (c.deletedOnServer()) {
                return (c.deletedBy() == null ? "This note was deleted on the server"
                        : DisplayText.author(c.deletedBy()) + " deleted this note on the server")
                        + " while you edited it. Your text is kept.";
            }
            Note theirs = c.theirs();
            return DisplayText.author(theirs.updatedBy()) + " saved a newer version ("
                    + Times.describe(theirs.updatedAt(), clock) + "). Your text is kept; merge it by hand and "
                    + "save yours, or take theirs.";
        }, editor.conflictProperty()));
        Button merge = new Button("_Merge…");
        merge.setId("conflict-merge");
        merge.getStyleClass().add("accent");
        merge.setOnAction(e -> editor.resolveConflict());
        merge.setVisible(mergeDialogAvailable);
        merge.setManaged(mergeDialogAvailable);
        Button mine = new Button("_Save mine anyway");
        mine.setId("conflict-save-mine");
        mine.setOnAction(e -> editor.saveMineAnyway());
        Button theirs = new Button("Reload _theirs…");
        theirs.setId("conflict-reload-theirs");
        theirs.setOnAction(e -> {
            if (confirm.ask("Load their version?", "Your changes to this note will be replaced by the version on the server.", "_Load theirs")) {
                editor.reloadTheirs();
            }
        });
        Button recreate = new Button("Re-_create with my text");
        recreate.setId("conflict-recreate");
        recreate.getStyleClass().add("accent");
        recreate.setOnAction(e -> editor.recreate());
        Button discard = new Button("_Discard my edits…");
        discard.setId("conflict-discard");
        discard.setOnAction(e -> {
            if (confirm.ask("Discard your edits?", "The note stays deleted and your text is thrown away.", "_Discard")) {
                editor.discard();
            }
        });
        var deleted = Bindings.createBooleanBinding(
                () -> editor.conflictProperty().get() != null && editor.conflictProperty().get().deletedOnServer(),
                editor.conflictProperty());
        for (Button b : List.of(mine, theirs)) {
            shownWhen(b, deleted.not());
        }
        if (mergeDialogAvailable) {
            shownWhen(merge, deleted.not());
        }
        for (Button b : List.of(recreate, discard)) {
            shownWhen(b, deleted);
        }
        VBox banner = stackedBanner("conflict-banner", "banner-warning", text, merge, mine, theirs, recreate, discard);
        shownWhen(banner, editor.conflictProperty().isNotNull());
        return banner;
    }

    private Node noticeBar() {
        Label text = new Label();
        text.setId("notice-text");
        text.setWrapText(true);
        Button retry = new Button("Retr_y");
        retry.setId("notice-retry");
        Button close = new Button("✕");
        close.getStyleClass().addAll("flat", "button-icon");
        close.setOnAction(e -> vm.dismissNotice());
        HBox bar = banner("notice-bar", "banner-info", text, retry, close);
        infoTimeout.setOnFinished(e -> {
            Notice n = vm.noticeProperty().get();
            if (n != null && n.kind() == Notice.Kind.INFO) {
                vm.dismissNotice();
            }
        });
        vm.noticeProperty().addListener((o, old, n) -> {
            bar.getStyleClass().removeAll("banner-info", "banner-warning", "banner-error");
            if (n == null) {
                return;
            }
            bar.getStyleClass().add(switch (n.kind()) {
                case INFO -> "banner-info";
                case WARNING -> "banner-warning";
                case ERROR -> "banner-error";
            });
            text.setText(n.message());
            retry.setVisible(n.retry().isPresent());
            retry.setManaged(n.retry().isPresent());
            retry.setOnAction(e -> {
                vm.dismissNotice();
                n.retry().ifPresent(Runnable::run);
            });
            if (n.kind() == Notice.Kind.INFO) {
                infoTimeout.playFromStart();
            } else {
                infoTimeout.stop();
            }
        });
        shownWhen(bar, vm.noticeProperty().isNotNull());
        return bar;
    }

    private static HBox banner(String id, String style, Label text, Node... actions) {
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox box = new HBox(8);
        box.getChildren().add(text);
        for (Node action : actions) {
            if (action instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE); // the message wraps; the buttons never shrink
            }
            box.getChildren().add(action);
        }
        box.setId(id);
        box.getStyleClass().addAll("banner", style);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** A message above a row of actions: for banners with several long buttons in a half-screen window. */
    private static VBox stackedBanner(String id, String style, Label text, Node... actions) {
        text.setMaxWidth(Double.MAX_VALUE);
        HBox buttons = new HBox(8, actions);
        for (Node action : actions) {
            if (action instanceof Region r) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        buttons.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, text, buttons);
        box.setId(id);
        box.getStyleClass().addAll("banner", style);
        return box;
    }

    /**
     * Shown, and taking room, only while {@code condition} holds. A banner that goes away while the keyboard is in it
     * (its Retry or Merge… was pressed) gives the keyboard back to where the user was: JavaFX would otherwise hand it
     * to the first control of the window, the filter.
     */
    private void shownWhen(Node node, ObservableBooleanValue condition) {
        node.visibleProperty().bind(condition);
        node.managedProperty().bind(node.visibleProperty());
        node.visibleProperty().addListener((o, was, shown) -> {
            if (!shown && node.getScene() != null && within(node.getScene().getFocusOwner(), node)) {
                focusBack.run();
            }
        });
    }

    private static boolean within(Node n, Node ancestor) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }
}
