package concord.ui.notes;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The left side of the notes window: the filter and the list of notes (newest first, ✎ for unsaved changes),
 * with a multi-selection kept in step with the model, and the open note selected.
 */
final class NoteListPane {

    private final NotesViewModel vm;
    private final EditorViewModel editor;
    private final Clock clock;
    private final TextField filter = new TextField();
    private final ListView<NoteListItem> list = new ListView<>();
    private final VBox pane;
    /** Set while the list's selection is set from the model, so that it is not taken for the user's choice. */
    private boolean syncingSelection;
    private List<String> selectionBeforeRebuild = List.of();

    /** @param openBody Enter in the list: into the open note's body */
    NoteListPane(NotesViewModel vm, Clock clock, Runnable openBody) {
        this.vm = vm;
        this.editor = vm.editor();
        this.clock = clock;
        filter.setId("filter");
        filter.setPromptText("Filter notes (Ctrl+F)");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                list.requestFocus();
                if (list.getSelectionModel().isEmpty() && !list.getItems().isEmpty()) {
                    list.getSelectionModel().selectFirst();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                filter.clear();
            }
        });
        list.setId("notes-list");
        // Registered before the list's selection model, which drops the selection of replaced rows (a tag
        // change replaces every tagged row): remember the multi-selection so it can be put back.
        vm.visibleItems().addListener((ListChangeListener<NoteListItem>) c ->
                selectionBeforeRebuild = List.copyOf(vm.selectedKeys()));
        list.setItems(vm.visibleItems());
        list.setCellFactory(v -> new NoteCell());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<NoteListItem>) c ->
                vm.selectedKeys().setAll(list.getSelectionModel().getSelectedItems().stream()
                        .filter(Objects::nonNull).map(NoteListItem::key).toList()));
        Label empty = new Label();
        empty.textProperty().bind(Bindings.createStringBinding(() -> !vm.filterProperty().get().isBlank()
                ? "No note matches “" + vm.filterProperty().get().strip() + "”."
                : "No notes yet.\nPress Ctrl+N to write the first one.", vm.filterProperty()));
        empty.getStyleClass().add("empty-hint");
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((o, old, item) -> {
            if (!syncingSelection && item != null) {
                vm.open(item.key());
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openBody.run();
                e.consume();
            }
        });
        // Keep the list selection on the open note when the list is rebuilt or a note is created.
        editor.keyProperty().addListener((o, old, k) -> selectInList(k));
        vm.visibleItems().addListener((ListChangeListener<NoteListItem>) c -> restoreSelection());
        VBox.setVgrow(list, Priority.ALWAYS);
        pane = new VBox(8, filter, list);
        pane.getStyleClass().add("list-pane");
        pane.setPadding(new Insets(10));
        pane.setMinWidth(220);
    }

    Node node() {
        return pane;
    }

    /** Ctrl+F: the filter, its text selected. */
    void focusFilter() {
        filter.requestFocus();
        filter.selectAll();
    }

    void focus() {
        list.requestFocus();
    }

    /** After the rows changed: the notes selected before stay selected (a multi-selection), else the open note. */
    private void restoreSelection() {
        List<String> keep = selectionBeforeRebuild;
        if (keep.size() <= 1) {
            selectInList(editor.key());
            return;
        }
        if (keep.equals(vm.selectedKeys())) {
            return; // the rows changed, the selection did not
        }
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < list.getItems().size(); i++) {
            if (keep.contains(list.getItems().get(i).key())) {
                rows.add(i);
            }
        }
        if (rows.size() <= 1) {
            selectInList(editor.key());
            return;
        }
        syncingSelection = true;
        try {
            list.getSelectionModel().clearSelection();
            rows.forEach(list.getSelectionModel()::select);
        } finally {
            syncingSelection = false;
        }
    }

    private void selectInList(String key) {
        syncingSelection = true;
        try {
            if (key == null) {
                list.getSelectionModel().clearSelection();
                return;
            }
            for (int i = 0; i < list.getItems().size(); i++) {
                if (list.getItems().get(i).key().equals(key)) {
                    if (!list.getSelectionModel().isSelected(i)) {
                        list.getSelectionModel().clearAndSelect(i);
                    }
                    return;
                }
            }
            list.getSelectionModel().clearSelection();
        } finally {
            syncingSelection = false;
        }
    }

    private final class NoteCell extends ListCell<NoteListItem> {
        private final Label title = new Label();
        private final Label meta = new Label();
        private final Label draft = new Label("✎ unsaved");
        private final VBox box;

        NoteCell() {
            title.getStyleClass().add("note-title");
            meta.getStyleClass().add("note-meta");
            draft.getStyleClass().add("draft-mark");
            HBox line = new HBox(8, meta, draft);
            box = new VBox(2, title, line);
            box.getStyleClass().add("note-cell");
        }

        @Override
        protected void updateItem(NoteListItem item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            title.setText(item.displayTitle());
            String who = item.updatedBy() == null ? "" : item.updatedBy() + " · ";
            meta.setText(item.localOnly() ? (item.updatedBy() == null ? "new note" : "only on this computer")
                    : who + Times.describe(item.updatedAt(), clock));
            draft.setVisible(item.hasDraft());
            draft.setManaged(item.hasDraft());
            setText(null);
            setGraphic(box);
        }
    }
}
