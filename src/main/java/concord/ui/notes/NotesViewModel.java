package concord.ui.notes;

import static concord.ui.notes.TransactionText.count;

import concord.client.ApiResult;
import concord.client.Draft;
import concord.client.NotesTransactions;
import concord.model.Note;
import concord.model.NoteSummary;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import concord.ui.DisplayText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * The notes window: the list of notes (server summaries merged with local drafts), the filter, the
 * open note ({@link EditorViewModel}), the drafts found on start, and what the status bar shows.
 */
public final class NotesViewModel {

    private static final Comparator<NoteListItem> NEWEST_FIRST = Comparator
            .comparing(NoteListItem::localOnly).reversed()
            .thenComparing(NoteListItem::updatedAt, Comparator.nullsFirst(Comparator.<Instant>reverseOrder()));

    private final WindowServices services;
    private final WindowStatus status;
    private final ObservableMap<String, Draft> drafts = FXCollections.observableHashMap();
    private final EditorViewModel editor;
    private final ObservableList<NoteListItem> items = FXCollections.observableArrayList();
    private final FilteredList<NoteListItem> visibleItems = new FilteredList<>(items);
    private final StringProperty filter = new SimpleStringProperty("");
    private final IntegerProperty draftsOffered = new SimpleIntegerProperty(0);
    private final StringBinding windowTitle;
    private final StringBinding shortEtag;
    private final StringBinding savedVersion;
    private final StringBinding versionTooltip;
    private List<NoteSummary> summaries = List.of();
    private boolean listLoaded;
    private boolean rebuildPending;
    /**
     * The keys selected in the list, in list order. The open note is one of them whenever any is selected: the
     * user's clicks come in through {@link #select}, and a note opened any other way becomes the selection.
     */
    private final ObservableList<String> selectedKeys = FXCollections.observableArrayList();
    /** While set, a refresh updates rows in place and adds new ones at the end: nothing moves under the pointer. */
    private final BooleanProperty holdOrder = new SimpleBooleanProperty(false);
    private final SaveAll saveAll;
    private final ChangeTags changeTags;
    private final SplitNote splitNote;
    private final NotePresence presence;
    private final javafx.beans.property.ReadOnlyObjectWrapper<FeedState> feedState =
            new javafx.beans.property.ReadOnlyObjectWrapper<>(FeedState.NONE);

    public NotesViewModel(WindowServices services) {
        this.services = Objects.requireNonNull(services);
        this.status = new WindowStatus(services.io(), services.disk(), services.fx());
        // Quietly: a failed refresh after a save must not replace the notice about the save itself.
        this.editor = new EditorViewModel(services, status, drafts, () -> fetchList(false));
        this.saveAll = new SaveAll(services, status, drafts, editor, () -> fetchList(false));
        this.changeTags = new ChangeTags(services, status, () -> fetchList(false));
        this.splitNote = new SplitNote(services, status, editor, () -> fetchList(false));
        this.presence = new NotePresence(services.api().user());
        editor.keyProperty().addListener((o, old, k) -> presence.opened(k));
        drafts.addListener((MapChangeListener<String, Draft>) change -> rebuildSoon());
        holdOrder.addListener((o, was, held) -> {
            if (!held) {
                rebuildItems(); // newest first again, now that the user's attention is elsewhere
            }
        });
        editor.keyProperty().addListener((o, old, k) -> {
            if (k == null) {
                selectedKeys.clear();
            } else if (!selectedKeys.contains(k)) {
                selectedKeys.setAll(k);
            }
        });
        visibleItems.predicateProperty().bind(Bindings.createObjectBinding(
                () -> {
                    String f = filter.get() == null ? "" : filter.get().toLowerCase(Locale.ROOT);
                    return item -> item.matches(f);
                }, filter));
        windowTitle = Bindings.createStringBinding(() -> {
            String t = "Concord — " + user();
            if (editor.key() != null) {
                String noteTitle = editor.titleProperty().get();
                t += " — " + DisplayText.title(noteTitle);
            }
            return t;
        }, editor.keyProperty(), editor.titleProperty());
        shortEtag = Bindings.createStringBinding(() -> {
            Note base = editor.base();
            if (base != null) {
                return base.etag().shortForm();
            }
            return editor.key() == null || editor.isOpening() ? "—" : "not saved yet";
        }, editor.baseProperty(), editor.keyProperty(), editor.openingProperty());
        savedVersion = Bindings.createStringBinding(() -> VersionText.of(editor.key() != null && !editor.isOpening(),
                editor.base(), services.clock()), editor.baseProperty(), editor.keyProperty(), editor.openingProperty());
        versionTooltip = Bindings.createStringBinding(() -> VersionText.tooltip(editor.base()), editor.baseProperty());
    }

    /** Loads the drafts left by an earlier session, then the list. */
    public void start() {
        status.diskRead(() -> services.drafts().all(), found -> {
            Map<String, Draft> byKey = new HashMap<>();
            for (Draft d : found) {
                byKey.put(d.key(), d);
            }
            drafts.putAll(byKey);
            draftsOffered.set(byKey.size());
        });
        refresh();
    }

    // ---- the list

    /** Fetches the list (cheap: the client revalidates with If-None-Match). */
    public void refresh() {
        fetchList(true);
    }

    /** The periodic refresh: silent on failure (the status bar shows Offline); follows remote changes to a clean note. */
    public void backgroundRefresh() {
        fetchList(false);
    }

    private void fetchList(boolean userAsked) {
        status.call(() -> services.api().list(), result -> {
            if (result instanceof ApiResult.Ok<List<NoteSummary>> ok) {
                summaries = List.copyOf(ok.value());
                listLoaded = true;
                rebuildItems();
                followRemoteChange();
            } else if (userAsked) {
                status.show(Notice.error("Could not load the notes. " + WindowStatus.describe(result), this::refresh));
            }
        });
    }

    /**
     * The server's feed says note {@code id} now has {@code version} ({@code etag} null: deleted). If that is the open
     * note and it has unsaved edits, the window learns of the newer version at once — the conflict banner, with the
     * user's text kept — instead of at the next save. A clean open note follows on the next list refresh.
     */
    public void remoteChange(String id, long version, concord.model.ETag etag) {
        Note base = editor.base();
        if (base == null || !base.id().equals(id) || !editor.isDirty() || editor.conflictProperty().get() != null
                || editor.savingProperty().get() || base.etag().equals(etag) || version < base.version()) {
            return;
        }
        editor.reload();
    }

    private void followRemoteChange() {
        Note base = editor.base();
        if (base == null || editor.isDirty() || editor.conflictProperty().get() != null || editor.savingProperty().get()) {
            return;
        }
        for (NoteSummary s : summaries) {
            if (s.id().equals(base.id()) && s.etag() != null && !s.etag().equals(base.etag()) && s.version() > base.version()) {
                editor.reload();
                return;
            }
        }
    }

    /**
     * A draft came or went (✎ in the list): the rows are rebuilt once the current event is done. A draft is written
     * when the user opens another note, which happens while the list is still telling its listeners about that click:
     * replacing its rows in the middle of that would hand its later listeners a change that no longer holds.
     */
    private void rebuildSoon() {
        if (!rebuildPending) {
            rebuildPending = true;
            services.fx().execute(() -> {
                rebuildPending = false;
                rebuildItems();
            });
        }
    }

    private void rebuildItems() {
        List<NoteListItem> rows = new ArrayList<>();
        Set<String> onServer = new HashSet<>();
        for (NoteSummary s : summaries) {
            onServer.add(s.id());
            Draft d = drafts.get(s.id());
            String title = d != null ? d.mine().title() : s.title();
            rows.add(new NoteListItem(s.id(), title, s.tags(), s.updatedBy(), s.updatedAt(), d != null));
        }
        for (Draft d : drafts.values()) {
            if (!onServer.contains(d.key())) {
                // A new note, or one deleted on the server while edited here: still openable from its draft.
                rows.add(new NoteListItem(d.key(), d.mine().title(), d.mine().tags(),
                        d.base() == null ? null : d.base().updatedBy(), null, true));
            }
        }
        rows.sort(NEWEST_FIRST);
        if (holdOrder.get()) {
            rows = inPlace(items, rows);
        }
        if (!rows.equals(items)) {
            // Unchanged rows are not replaced: a refresh must not disturb the list's (multi-)selection.
            items.setAll(rows);
        }
    }

    /** {@code rows} in the order of {@code shown}, rows not shown yet at the end (newest first among them). */
    static List<NoteListItem> inPlace(List<NoteListItem> shown, List<NoteListItem> rows) {
        Map<String, NoteListItem> byKey = new HashMap<>();
        rows.forEach(r -> byKey.put(r.key(), r));
        List<NoteListItem> out = new ArrayList<>(rows.size());
        for (NoteListItem old : shown) {
            NoteListItem now = byKey.remove(old.key());
            if (now != null) {
                out.add(now);
            }
        }
        for (NoteListItem r : rows) {
            if (byKey.containsKey(r.key())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Whether the rows keep their places (the view sets it while the pointer is over the list or the list has the
     * keyboard): a save or a refresh then changes rows where they are instead of sorting them again.
     */
    public BooleanProperty holdOrderProperty() {
        return holdOrder;
    }

    public ObservableList<NoteListItem> visibleItems() {
        return visibleItems;
    }

    public boolean listLoaded() {
        return listLoaded;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    // ---- actions

    /** Opens the note {@code key} and makes it the selection. */
    public void open(String key) {
        select(key == null ? List.of() : List.of(key), key);
    }

    /**
     * The user changed the list's selection to {@code keys}, last clicking (or moving to) {@code lead}: the editor
     * opens {@code lead} at once, so the note the editor shows is always the one the user acted on, and one of the
     * notes selected. {@code lead == null}: the editor stays as it is (nothing selected).
     */
    public void select(List<String> keys, String lead) {
        if (lead != null && !keys.contains(lead)) {
            throw new IllegalArgumentException("the note opened must be one of those selected: " + lead + " ∉ " + keys);
        }
        selectedKeys.setAll(keys);
        if (lead != null) {
            editor.open(lead, items.stream().filter(i -> i.key().equals(lead)).findFirst().map(NoteListItem::title).orElse(null));
        }
    }

    public void newNote() {
        editor.newNote();
    }

    /** Ctrl+R: the list and the open note. */
    public void reload() {
        refresh();
        editor.reload();
    }

    /** Opens the most recent of the drafts found on start (the others are marked in the list). */
    public void restoreDrafts() {
        draftsOffered.set(0);
        drafts.values().stream().max(Comparator.comparing(Draft::savedAt)).ifPresent(d -> open(d.key()));
    }

    /** Throws away every draft found on start, except the open note's current edits. */
    public void discardDrafts() {
        draftsOffered.set(0);
        for (String k : List.copyOf(drafts.keySet())) {
            if (!k.equals(editor.key())) {
                drafts.remove(k);
                status.disk("remove a draft", () -> services.drafts().remove(k));
            }
        }
    }

    public void dismissDraftsOffer() {
        draftsOffered.set(0);
    }

    /** The window is closing: the unsaved text goes to disk now rather than after the pause. */
    public void closing() {
        editor.flushDraft();
    }

    public void dismissNotice() {
        status.dismissNotice();
    }

    // ---- multi-note actions (each one transaction: all of it or none of it)

    /** The list's selection, written by the view. */
    public ObservableList<String> selectedKeys() {
        return selectedKeys;
    }

    /** The selected notes that exist on the server, with the ETag this window last saw for each. */
    public List<NoteSummary> selectedOnServer() {
        Map<String, NoteSummary> byId = new HashMap<>();
        summaries.forEach(s -> byId.put(s.id(), s));
        List<NoteSummary> out = new ArrayList<>();
        for (String k : selectedKeys) {
            NoteSummary s = byId.get(k);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether notes on the server are selected; if not, says how to select them. */
    public boolean requireSelection() {
        if (selectedOnServer().isEmpty()) {
            status.show(Notice.info("Select notes first (Ctrl+click, or Shift+Up/Down in the list)."));
            return false;
        }
        return true;
    }

    /**
     * Delete selected (after the view asked): deletes every selected note under If-Match of the ETag this
     * window knows, in one transaction, so someone else's newer version is never deleted unseen.
     */
    public void deleteSelected() {
        if (!requireSelection()) {
            return;
        }
        List<NoteSummary> targets = selectedOnServer();
        List<TransactionItem> items = targets.stream().map(s -> TransactionItem.delete(s.id(), s.etag())).toList();
        List<String> titles = targets.stream().map(NoteSummary::title).toList();
        sendDelete(NotesTransactions.newRequestToken(), items, titles);
    }

    private void sendDelete(String token, List<TransactionItem> items, List<String> titles) {
        status.call(() -> services.transactions().transact(token, items), result -> {
            if (result instanceof ApiResult.Ok<TransactionResult> ok && ok.value() instanceof TransactionResult.Committed) {
                for (TransactionItem item : items) {
                    if (item.id().equals(editor.key())) {
                        editor.discard();
                    } else if (drafts.containsKey(item.id())) {
                        drafts.remove(item.id());
                        status.disk("remove a draft", () -> services.drafts().remove(item.id()));
                    }
                }
                selectedKeys.clear();
                status.show(Notice.info("Deleted " + count(items.size()) + "."));
                fetchList(false);
            } else if (result instanceof ApiResult.Ok<TransactionResult> ok
                    && ok.value() instanceof TransactionResult.Canceled canceled) {
                status.show(Notice.warning("Nothing was deleted.\n" + TransactionText.explain(canceled, titles, user()), null));
                fetchList(false);
            } else {
                // The same token: if the first attempt did arrive, the server answers with its outcome.
                status.show(Notice.error("Could not delete the notes. " + WindowStatus.describe(result),
                        () -> sendDelete(token, items, titles)));
            }
        });
    }

    /** Add tag…: adds {@code tag} to every selected note that lacks it, in one transaction. */
    public void addTag(String tag) {
        tagSelection(tag, true);
    }

    /** Remove tag…: removes {@code tag} from every selected note that has it, in one transaction. */
    public void removeTag(String tag) {
        tagSelection(tag, false);
    }

    private void tagSelection(String rawTag, boolean add) {
        String tag = rawTag == null ? "" : rawTag.strip();
        if (tag.isEmpty() || tag.contains(",")) {
            status.show(Notice.error("A tag is a word or phrase without commas.", null));
            return;
        }
        if (!requireSelection()) {
            return;
        }
        changeTags.run(selectedOnServer().stream().map(NoteSummary::id).toList(), tag, add);
    }

    /** Save all (Ctrl+Shift+S): every unsaved note of the window in one transaction; see {@link SaveAll}. */
    public void saveAll() {
        saveAll.start();
    }

    public ReadOnlyBooleanProperty savingAllProperty() {
        return saveAll.runningProperty();
    }

    /** Split note (Ctrl+Shift+X): the body's selection {@code [start, end)} becomes a new note; see {@link SplitNote}. */
    public void splitNote(int start, int end) {
        splitNote.split(start, end);
    }

    // ---- state for the view

    public EditorViewModel editor() {
        return editor;
    }

    public String user() {
        return services.api().user();
    }

    public StringBinding windowTitleProperty() {
        return windowTitle;
    }

    public StringBinding shortEtagProperty() {
        return shortEtag;
    }

    /** The status bar's "Version 7 · saved by alice at 10:32" for the open note. */
    public StringBinding savedVersionProperty() {
        return savedVersion;
    }

    /** Its tooltip, with the exact ETag. */
    public StringBinding versionTooltipProperty() {
        return versionTooltip;
    }

    public IntegerProperty draftsOfferedProperty() {
        return draftsOffered;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return status.runningProperty();
    }

    /** Who else is in which note (the feed's presence events); the header shows the open note's. */
    public NotePresence presence() {
        return presence;
    }

    /** Whether others' changes arrive as they happen; set by whoever follows the server's feed for this window. */
    public ReadOnlyObjectProperty<FeedState> feedStateProperty() {
        return feedState.getReadOnlyProperty();
    }

    /** The window's feed is live, or broke and is retrying. Call on the FX thread. */
    public void feedStateChanged(FeedState state) {
        feedState.set(java.util.Objects.requireNonNull(state));
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return status.connectionProperty();
    }

    public ObjectProperty<Notice> noticeProperty() {
        return status.noticeProperty();
    }

    public ObservableMap<String, Draft> drafts() {
        return drafts;
    }
}
