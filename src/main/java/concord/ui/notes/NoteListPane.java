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
    /**
     * Above zero while the list's selection is changed by anything but the user: set from the model, or adjusted by
     * the list itself while its rows are replaced. Such changes never open a note.
     */
    private int syncing;
    /** Set while the model takes in the user's own change: the list already shows it. */
    private boolean userChanging;

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
        // The list's selection model drops the selection of replaced rows (a refresh replaces every changed row):
        // registered before it, this marks that as not the user's doing; registered after it, the other puts the
        // model's selection back.
        vm.visibleItems().addListener((ListChangeListener<NoteListItem>) c -> syncing++);
        list.setItems(vm.visibleItems());
        vm.visibleItems().addListener((ListChangeListener<NoteListItem>) c -> {
            syncing--;
            showSelection();
        });
        list.setCellFactory(v -> new NoteCell());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<NoteListItem>) c -> {
            if (syncing == 0) {
                userSelected(c);
            }
        });
        vm.selectedKeys().addListener((ListChangeListener<String>) c -> showSelection());
        editor.keyProperty().addListener((o, old, k) -> showSelection());
        // Rows stay where they are while the user points at the list or works in it.
        vm.holdOrderProperty().bind(list.hoverProperty().or(list.focusedProperty()));
        Label empty = new Label();
        empty.textProperty().bind(Bindings.createStringBinding(() -> !vm.filterProperty().get().isBlank()
                ? "No note matches “" + vm.filterProperty().get().strip() + "”."
                : "No notes yet.\nPress Ctrl+N to write the first one.", vm.filterProperty()));
        empty.getStyleClass().add("empty-hint");
        list.setPlaceholder(empty);
        list.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openBody.run();
                e.consume();
            }
        });
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

    /** Whether {@code node} is the list or the filter (or inside them). */
    boolean owns(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n == list || n == filter) {
                return true;
            }
        }
        return false;
    }

    /**
     * The user changed the selection (a click, Ctrl+click, Shift+click, the arrow keys): the model gets the rows
     * selected and the one the user acted on, which it opens. That row is told by the change itself, because the
     * list moves its focus only after telling: a row just added (of several, the one farthest from the open note:
     * the end a Shift+click or Shift+arrow reached); with rows only taken away, the open note if it is still selected,
     * else the selected row nearest to it.
     */
    private void userSelected(ListChangeListener.Change<? extends NoteListItem> c) {
        List<NoteListItem> added = new ArrayList<>();
        while (c.next()) {
            if (c.wasAdded()) {
                added.addAll(c.getAddedSubList());
            }
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getSelectionModel().isSelected(i)) {
                keys.add(list.getItems().get(i).key());
            }
        }
        int openRow = rowOf(editor.key());
        String lead;
        if (keys.isEmpty()) {
            lead = null;
        } else if (!added.isEmpty()) {
            lead = farthest(openRow, added.stream().filter(Objects::nonNull).map(NoteListItem::key).toList(), true);
        } else if (keys.contains(editor.key())) {
            lead = editor.key();
        } else {
            lead = farthest(openRow, keys, false);
        }
        userChanging = true;
        try {
            vm.select(keys, lead);
        } finally {
            userChanging = false;
        }
    }

    /** Of {@code keys} (all rows of the list), the one farthest from (or nearest to) row {@code from}. */
    private String farthest(int from, List<String> keys, boolean farthest) {
        String best = null;
        int bestDistance = farthest ? -1 : Integer.MAX_VALUE;
        for (String k : keys) {
            int d = from < 0 ? rowOf(k) : Math.abs(rowOf(k) - from);
            if (farthest ? d > bestDistance : d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private int rowOf(String key) {
        if (key == null) {
            return -1;
        }
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Shows the model's selection: its rows highlighted, the open note's row selected last and focused (so the
     * arrow keys and Shift+click go on from it). With nothing selected, the open note's row. Rows not shown (a filter
     * hides them) leave the selection, so an action never changes a note the user cannot see.
     */
    private void showSelection() {
        if (syncing > 0 || userChanging) {
            return; // the rows are being replaced (once they are, this runs again), or the user is selecting
        }
        List<String> keys = vm.selectedKeys().isEmpty() && editor.key() != null ? List.of(editor.key()) : List.copyOf(vm.selectedKeys());
        String lead = editor.key();
        List<Integer> rows = new ArrayList<>();
        for (String k : keys) {
            int row = rowOf(k);
            if (row >= 0 && !k.equals(lead)) {
                rows.add(row);
            }
        }
        int leadRow = lead != null && keys.contains(lead) ? rowOf(lead) : -1;
        if (leadRow >= 0) {
            rows.add(leadRow);
        }
        var model = list.getSelectionModel();
        boolean same = model.getSelectedIndices().size() == rows.size() && rows.stream().allMatch(model::isSelected)
                && (leadRow < 0 || (model.getSelectedIndex() == leadRow && list.getFocusModel().getFocusedIndex() == leadRow));
        if (!same) {
            syncing++;
            try {
                model.clearSelection();
                rows.forEach(model::select);
                if (leadRow >= 0) {
                    list.getFocusModel().focus(leadRow);
                }
            } finally {
                syncing--;
            }
        }
        List<String> visible = vm.selectedKeys().stream().filter(k -> rowOf(k) >= 0).toList();
        if (visible.size() < vm.selectedKeys().size()) {
            vm.selectedKeys().setAll(visible);
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
