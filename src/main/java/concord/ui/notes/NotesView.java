package concord.ui.notes;

import concord.ui.DisplayText;
import concord.ui.Theme;
import concord.ui.markdown.BodyWithPreview;
import concord.ui.markdown.SystemBrowser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The notes window's scene graph. It binds to {@link NotesViewModel} and forwards user actions to it;
 * the only decisions made here are which confirmations to show.
 */
public final class NotesView {

    private final NotesViewModel vm;
    private final EditorViewModel editor;
    private final Runnable newWindow;
    private final Runnable closeWindow;
    private final boolean mergeDialogAvailable;
    private final Clock clock;
    private final BorderPane root = new BorderPane();
    private NoteListPane list;
    private final TextField titleField = new TextField();
    private final TextField tagsField = new TextField();
    private final TextArea bodyArea = new TextArea();
    /** The body editor with its Markdown preview (Ctrl+Shift+P: editor, split, preview). */
    private BodyWithPreview body;
    private final List<MenuItem> shortcutItems = new ArrayList<>();
    /** The field or list the user last worked in: where the keyboard goes back to when a banner they used goes away. */
    private Node lastWorkedIn;

    /**
     * @param newWindow            Window ▸ New Window… (asks for a user and opens a window as them)
     * @param mergeDialogAvailable whether the conflict banner offers to open the merge dialog again
     */
    public NotesView(NotesViewModel vm, Runnable newWindow, Runnable closeWindow, boolean mergeDialogAvailable, Clock clock) {
        this.vm = Objects.requireNonNull(vm);
        this.editor = vm.editor();
        this.newWindow = newWindow;
        this.closeWindow = closeWindow;
        this.mergeDialogAvailable = mergeDialogAvailable;
        this.clock = clock;
        build();
        askBeforeDeletingANewerVersion();
    }

    public Parent root() {
        return root;
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    // ---- layout

    private void build() {
        root.getStyleClass().add("notes-window");
        root.getStylesheets().add(Objects.requireNonNull(NotesView.class.getResource("/concord/ui/notes.css")).toExternalForm());
        MenuBar menus = menuBar();
        ToolBar tools = toolBar();
        NotesBanners banners = new NotesBanners(vm, mergeDialogAvailable, clock, this::confirm, this::focusBack);
        root.setTop(new VBox(menus, tools, banners.drafts()));
        list = new NoteListPane(vm, clock, this::titleOrBodyFocus);
        // The open note's conflict and the notices go above the editor, not above the whole window: when they come
        // and go (a notice after every save), the list does not move under the pointer.
        BorderPane editorSide = new BorderPane(editorPane());
        editorSide.setTop(new VBox(banners.conflict(), banners.notice()));
        SplitPane split = new SplitPane(list.node(), editorSide);
        split.setDividerPositions(0.34);
        SplitPane.setResizableWithParent(split.getItems().get(0), false);
        root.setCenter(split);
        root.setBottom(statusBar());
        root.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null) {
                // A filter, not accelerators alone: the text controls would otherwise eat Ctrl+Delete etc.
                scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
                scene.focusOwnerProperty().addListener((obs, was, now) -> {
                    if (now == titleField || now == tagsField || now == bodyArea || list.owns(now)) {
                        lastWorkedIn = now;
                    }
                });
            }
        });
    }

    private MenuBar menuBar() {
        MenuItem saveItem = item("_Save", "Ctrl+S", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), editor::save);
        saveItem.disableProperty().bind(canSave().not());
        Menu file = new Menu("_File", null,
                item("_New note", "Ctrl+N", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), this::newNote),
                saveItem,
                item("Save a_ll", "Ctrl+Shift+S", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::saveAll),
                item("_Reload", "Ctrl+R", new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::reload),
                item("_Delete note…", "Ctrl+Delete", new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN), this::delete),
                new SeparatorMenuItem(),
                item("Delete selec_ted…", "Ctrl+Shift+Delete", new KeyCodeCombination(KeyCode.DELETE, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), this::deleteSelected),
                item("_Add tag…", "Ctrl+T", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), () -> askTag(true)),
                item("Re_move tag…", "Ctrl+Shift+T", new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> askTag(false)),
                new SeparatorMenuItem(),
                item("_Close window", "Ctrl+W", new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), closeWindow));
        MenuItem undo = new MenuItem("_Undo");
        undo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN));
        undo.setOnAction(e -> focusedText().ifPresent(TextInputControl::undo));
        shortcutItems.add(undo);
        MenuItem redo = new MenuItem("_Redo");
        redo.setAccelerator(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        redo.setOnAction(e -> focusedText().ifPresent(TextInputControl::redo));
        shortcutItems.add(redo);
        Menu edit = new Menu("_Edit", null, undo, redo, new SeparatorMenuItem(),
                item("_Find…", "Ctrl+F", new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::focusFilter),
                new SeparatorMenuItem(),
                item("_Split note", "Ctrl+Shift+X", new KeyCodeCombination(KeyCode.X, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        () -> vm.splitNote(bodyArea.getSelection().getStart(), bodyArea.getSelection().getEnd())));
        CheckMenuItem dark = new CheckMenuItem("_Dark theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        dark.setSelected(Theme.DARK.stylesheet().equals(javafx.application.Application.getUserAgentStylesheet()));
        dark.setOnAction(e -> (dark.isSelected() ? Theme.DARK : Theme.LIGHT).apply());
        shortcutItems.add(dark);
        Menu view = new Menu("_View", null, dark,
                item("Markdown _preview", "Ctrl+Shift+P", new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                        () -> body.cycle()));
        Menu windowMenu = new Menu("_Window", null,
                item("_New Window…", "Ctrl+Shift+N", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), newWindow));
        MenuBar bar = new MenuBar(file, edit, view, windowMenu);
        bar.setId("menu-bar");
        return bar;
    }

    private MenuItem item(String text, String id, KeyCombination keys, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId("menu-" + id);
        item.setAccelerator(keys);
        item.setOnAction(e -> action.run());
        shortcutItems.add(item);
        return item;
    }

    private void shortcut(KeyEvent e) {
        for (MenuItem item : shortcutItems) {
            if (item.getAccelerator() != null && item.getAccelerator().match(e)) {
                e.consume();
                if (!item.isDisable()) {
                    if (item instanceof CheckMenuItem check) {
                        check.setSelected(!check.isSelected());
                    }
                    item.fire();
                }
                return;
            }
        }
    }

    private ToolBar toolBar() {
        Button newButton = toolButton("New", "Ctrl+N", this::newNote);
        newButton.setId("new-button");
        Button save = toolButton("Save", "Ctrl+S", editor::save);
        save.setId("save-button");
        // Stands out only when there is something to save.
        editor.dirtyProperty().addListener((o, was, dirty) -> {
            if (dirty) {
                save.getStyleClass().add("save-pending");
            } else {
                save.getStyleClass().remove("save-pending");
            }
        });
        save.disableProperty().bind(canSave().not());
        Button reload = toolButton("Reload", "Ctrl+R", vm::reload);
        reload.setId("reload-button");
        Button delete = toolButton("Delete", "Ctrl+Delete", this::delete);
        delete.setId("delete-button");
        delete.disableProperty().bind(editor.openProperty().not().or(editor.openingProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        ProgressIndicator progress = new ProgressIndicator();
        progress.setId("progress");
        progress.setPrefSize(18, 18);
        progress.setMaxSize(18, 18);
        progress.visibleProperty().bind(vm.runningProperty().greaterThan(0));
        Label user = new Label(vm.user());
        user.getStyleClass().add("user-badge");
        ToolBar bar = new ToolBar(newButton, save, reload, delete, grow, progress, user);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    /** Save (button, menu, Ctrl+S): only when there is something to save, and not while a save is under way. */
    private javafx.beans.binding.BooleanBinding canSave() {
        return editor.dirtyProperty().or(editor.conflictProperty().isNotNull()).and(editor.savingProperty().not());
    }

    private Button toolButton(String text, String keys, Runnable action) {
        Button b = new Button(text);
        b.setTooltip(new Tooltip(text + " (" + keys + ")"));
        b.setFocusTraversable(false); // the keyboard path is the shortcut; Tab stays within list and editor
        b.setOnAction(e -> action.run());
        return b;
    }

    private Node editorPane() {
        titleField.setId("title");
        titleField.setPromptText(DisplayText.UNTITLED);
        titleField.getStyleClass().add("title-field");
        titleField.textProperty().bindBidirectional(editor.titleProperty());
        tagsField.setId("tags");
        tagsField.setPromptText("Tags, separated by commas");
        tagsField.textProperty().bindBidirectional(editor.tagsProperty());
        bodyArea.setId("body");
        bodyArea.setWrapText(true);
        bodyArea.getStyleClass().add("body-area");
        keepCaretThroughNewVersions();
        bodyArea.textProperty().bindBidirectional(editor.bodyProperty());
        afterNewVersion();
        // A note on its way from the server takes no typing: it would land in the note shown before.
        for (TextInputControl field : List.of(titleField, tagsField, bodyArea)) {
            field.editableProperty().bind(editor.openingProperty().not());
        }
        bodyArea.promptTextProperty().bind(Bindings.when(editor.openingProperty()).then("Loading…").otherwise("Write here…"));
        titleField.setOnAction(e -> tagsField.requestFocus());
        tagsField.setOnAction(e -> bodyArea.requestFocus());
        body = new BodyWithPreview(bodyArea, SystemBrowser::open);
        VBox.setVgrow(body.node(), Priority.ALWAYS);
        Label present = new Label();
        present.setId("presence");
        present.getStyleClass().add("presence-chips");
        present.textProperty().bind(vm.presence().openNoteTextProperty());
        present.visibleProperty().bind(present.textProperty().isNotEmpty());
        present.managedProperty().bind(present.visibleProperty());
        VBox form = new VBox(8, present, titleField, tagsField, body.node());
        form.getStyleClass().add("editor-pane");
        form.setPadding(new Insets(10, 12, 10, 12));
        form.visibleProperty().bind(editor.openProperty());

        Label hint = new Label("Select a note on the left, or press Ctrl+N to start a new one.");
        hint.getStyleClass().add("empty-hint");
        hint.setWrapText(true);
        hint.setMaxWidth(320);
        Label title = new Label("No note open");
        title.getStyleClass().add("title-3");
        VBox empty = new VBox(6, title, hint);
        empty.setAlignment(Pos.CENTER);
        empty.setPadding(new Insets(24));
        empty.visibleProperty().bind(editor.openProperty().not());
        return new StackPane(empty, form);
    }

    private Node statusBar() {
        Label connection = new Label();
        connection.setId("status-connection");
        connection.textProperty().bind(Bindings.createStringBinding(() -> "● " + vm.connectionProperty().get().label(),
                vm.connectionProperty()));
        vm.connectionProperty().addListener((o, old, state) -> styleConnection(connection, state));
        styleConnection(connection, vm.connectionProperty().get());
        Label feed = new Label();
        feed.setId("status-feed");
        feed.textProperty().bind(Bindings.createStringBinding(() -> vm.feedStateProperty().get().label(),
                vm.feedStateProperty()));
        feed.managedProperty().bind(feed.textProperty().isNotEmpty());
        Label user = new Label("User: " + vm.user());
        user.setId("status-user");
        Label etag = new Label();
        etag.setId("status-etag");
        etag.textProperty().bind(vm.savedVersionProperty());
        Tooltip etagTip = new Tooltip();
        etagTip.textProperty().bind(vm.versionTooltipProperty());
        etag.setTooltip(etagTip);
        Label dirty = new Label();
        dirty.setId("status-dirty");
        dirty.textProperty().bind(Bindings.when(editor.dirtyProperty()).then("● Unsaved changes").otherwise(
                Bindings.when(editor.openingProperty()).then("Loading…").otherwise(
                        Bindings.when(editor.openProperty()).then("Saved").otherwise(""))));
        dirty.styleProperty().bind(Bindings.when(editor.dirtyProperty()).then("-fx-text-fill: -color-warning-fg;").otherwise(""));
        Label busy = new Label();
        busy.textProperty().bind(Bindings.when(vm.runningProperty().greaterThan(0)).then("Working…").otherwise(""));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(18, connection, feed, user, etag, dirty, grow, busy);
        bar.setId("status-bar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static void styleConnection(Label label, ConnectionState state) {
        label.getStyleClass().removeAll("state-online", "state-offline", "state-pending");
        label.getStyleClass().add(switch (state) {
            case ONLINE -> "state-online";
            case OFFLINE, UNAUTHORIZED -> "state-offline";
            case CONNECTING -> "state-pending";
        });
    }

    // ---- actions that need a view decision

    private void newNote() {
        vm.newNote();
        titleField.requestFocus();
    }

    private void focusFilter() {
        list.focusFilter();
    }

    /** A banner the keyboard was in went away: back to the field or list the user was in, if it is still there. */
    private void focusBack() {
        Node target = lastWorkedIn != null && lastWorkedIn.isVisible() && !lastWorkedIn.isDisabled() ? lastWorkedIn
                : editor.openProperty().get() ? bodyArea : null;
        if (target != null) {
            target.requestFocus();
        } else {
            list.focus();
        }
    }

    // ---- the caret through a new version of the open note

    /** Another note was opened since the body's text last changed: its next text is that note's, no new version. */
    private boolean otherNote = true;
    /** Where the caret and the anchor go once the binding has put the new version into the body. */
    private int[] pendingSelection;

    /**
     * Registered before the body's binding, as an invalidation listener like the binding (those run before change
     * listeners, in order): a model text the body does not show yet is a new version of the note (a merged save,
     * someone's save followed), not typing. For the same note, the caret and the selection are mapped through it
     * ({@link CaretMapping}), so they stay where they were instead of jumping to the start.
     */
    private void keepCaretThroughNewVersions() {
        editor.bodyProperty().addListener((javafx.beans.Observable o) -> {
            pendingSelection = null;
            String shown = bodyArea.getText();
            String next = editor.bodyProperty().get();
            if (!otherNote && shown != null && next != null && !next.equals(shown)) {
                pendingSelection = new int[] {CaretMapping.map(shown, next, bodyArea.getAnchor()),
                        CaretMapping.map(shown, next, bodyArea.getCaretPosition())};
            }
        });
    }

    /** A change listener, so it runs after the binding: puts the mapped caret into the new text. */
    private void afterNewVersion() {
        editor.bodyProperty().addListener((o, before, after) -> {
            if (pendingSelection != null) {
                bodyArea.selectRange(pendingSelection[0], pendingSelection[1]);
                pendingSelection = null;
            }
            otherNote = false;
        });
        editor.keyProperty().addListener((o, before, after) -> otherNote = true);
    }

    private void titleOrBodyFocus() {
        if (editor.openProperty().get()) {
            bodyArea.requestFocus();
        }
    }

    private void delete() {
        if (!editor.openProperty().get()) {
            return;
        }
        String name = DisplayText.title(editor.titleProperty().get());
        String detail = editor.base() == null ? "This note was never saved; its text will be thrown away."
                : "The note is deleted on the server for everyone." + (editor.isDirty() ? " Your unsaved changes go with it." : "");
        if (confirm("Delete “" + name + "”?", detail, "_Delete")) {
            editor.deleteNote().start();
        }
    }

    private void deleteSelected() {
        if (!vm.requireSelection()) {
            return;
        }
        List<concord.model.NoteSummary> targets = vm.selectedOnServer();
        String names = targets.stream().map(t -> "“" + DisplayText.title(t.title()) + "”")
                .collect(java.util.stream.Collectors.joining(", "));
        String header = targets.size() == 1 ? "Delete " + names + "?" : "Delete " + targets.size() + " notes?";
        if (confirm(header, names + (targets.size() == 1 ? " is" : " are")
                + " deleted on the server for everyone: all of them, or none if any changed since you loaded it.", "_Delete")) {
            vm.deleteSelected();
        }
    }

    private void askTag(boolean add) {
        if (!vm.requireSelection()) {
            return;
        }
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog();
        dialog.initOwner(window());
        dialog.setTitle("Concord");
        int n = vm.selectedOnServer().size();
        dialog.setHeaderText((add ? "Add a tag to " : "Remove a tag from ") + DisplayText.notes(n));
        dialog.setContentText("Tag:");
        dialog.getEditor().setId("tag-name");
        dialog.showAndWait().filter(t -> !t.isBlank()).ifPresent(t -> {
            if (add) {
                vm.addTag(t);
            } else {
                vm.removeTag(t);
            }
        });
    }

    private void askBeforeDeletingANewerVersion() {
        // Asked only after the server refused the delete because someone saved since we loaded the note.
        editor.deleteNote().needsConfirmationProperty().addListener((o, old, current) -> {
            if (current != null) {
                Platform.runLater(() -> {
                    if (confirm("“" + DisplayText.title(current.title()) + "” changed since you opened it",
                            DisplayText.author(current.updatedBy()) + " saved a newer version (" + Times.describe(current.updatedAt(), clock)
                                    + "). Delete it anyway?", "Delete _anyway")) {
                        editor.deleteNote().confirm();
                    } else {
                        editor.deleteNote().cancel();
                    }
                });
            }
        });
    }

    /**
     * Asks before something that cannot be undone (every question of this window is one). The safe answer, Cancel,
     * is the default and has the keyboard: Enter never destroys anything. The action is a click, or Alt and its
     * underlined letter ({@code okText} carries the mnemonic).
     */
    private boolean confirm(String header, String content, String okText) {
        ButtonType ok = new ButtonType(okText, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, content, ok, ButtonType.CANCEL);
        alert.initOwner(window());
        alert.setTitle("Concord");
        alert.setHeaderText(header);
        Button act = (Button) alert.getDialogPane().lookupButton(ok);
        Button cancel = (Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        act.setDefaultButton(false);
        cancel.setDefaultButton(true);
        alert.setOnShown(e -> cancel.requestFocus());
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ok;
    }

    private Optional<TextInputControl> focusedText() {
        if (root.getScene() != null && root.getScene().getFocusOwner() instanceof TextInputControl t) {
            return Optional.of(t);
        }
        return Optional.empty();
    }

    /** For the window factory: what to do once the stage is shown. */
    public void focusList() {
        list.focus();
    }
}
