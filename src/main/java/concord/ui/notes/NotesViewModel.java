package concord.ui.notes;

import concord.client.ApiResult;
import concord.client.Draft;
import concord.client.HttpNotesClient;
import concord.model.NoteContent;
import concord.model.NoteIds;
import concord.ui.conflict.ConflictOutcome;
import concord.ui.conflict.ConflictRequest;
import concord.ui.conflict.WriteWithSaveAll;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import concord.model.tx.CancellationCode;
import concord.model.tx.CancellationReason;
import concord.model.tx.TransactionItem;
import concord.model.tx.TransactionResult;
import concord.model.Note;
import concord.model.NoteSummary;
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
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
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
    private List<NoteSummary> summaries = List.of();
    private boolean listLoaded;
    /** The keys selected in the list, in list order; the view keeps it in step with its selection. */
    private final ObservableList<String> selectedKeys = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper savingAll = new ReadOnlyBooleanWrapper();

    public NotesViewModel(WindowServices services) {
        this.services = Objects.requireNonNull(services);
        this.status = new WindowStatus(services.io(), services.disk(), services.fx());
        // Quietly: a failed refresh after a save must not replace the notice about the save itself.
        this.editor = new EditorViewModel(services, status, drafts, () -> fetchList(false));
        drafts.addListener((MapChangeListener<String, Draft>) change -> rebuildItems());
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
            return editor.key() == null ? "—" : "not saved yet";
        }, editor.baseProperty(), editor.keyProperty());
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
        if (!rows.equals(items)) {
            // Unchanged rows are not replaced: a refresh must not disturb the list's (multi-)selection.
            items.setAll(rows);
        }
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

    public void open(String key) {
        editor.open(key);
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
        drafts.values().stream().max(Comparator.comparing(Draft::savedAt)).ifPresent(d -> editor.open(d.key()));
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
        sendDelete(HttpNotesClient.newRequestToken(), items, titles);
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
                status.show(Notice.warning("Nothing was deleted.\n" + explain(canceled, titles), null));
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
        changeTags(tag, true);
    }

    /** Remove tag…: removes {@code tag} from every selected note that has it, in one transaction. */
    public void removeTag(String tag) {
        changeTags(tag, false);
    }

    /** What a tag change found and did: the notes as loaded, and the outcome (null when nothing needed a change). */
    private record TagRun(List<Note> loaded, TransactionResult outcome) {
    }

    private void changeTags(String rawTag, boolean add) {
        String tag = rawTag == null ? "" : rawTag.strip();
        if (tag.isEmpty() || tag.contains(",")) {
            status.show(Notice.error("A tag is a word or phrase without commas.", null));
            return;
        }
        if (!requireSelection()) {
            return;
        }
        List<String> ids = selectedOnServer().stream().map(NoteSummary::id).toList();
        changeTagsOf(ids, tag, add);
    }

    /** Loads the notes again and tags them from their current versions: the first run and every Retry. */
    private void changeTagsOf(List<String> ids, String tag, boolean add) {
        String token = HttpNotesClient.newRequestToken();
        status.call(() -> loadAndTag(ids, tag, add, token), result -> {
            Runnable retry = () -> changeTagsOf(ids, tag, add);
            if (result instanceof ApiResult.Ok<TagRun> ok) {
                TagRun run = ok.value();
                if (run.outcome() == null) {
                    status.show(Notice.info(add ? "Every selected note already has “" + tag + "”."
                            : "No selected note has “" + tag + "”."));
                } else if (run.outcome() instanceof TransactionResult.Committed c) {
                    status.show(Notice.info((add ? "Added “" + tag + "” to " : "Removed “" + tag + "” from ")
                            + count(c.items().size()) + "."));
                    fetchList(false);
                } else if (run.outcome() instanceof TransactionResult.Canceled canceled) {
                    List<Note> changed = changedOnly(run.loaded(), tag, add);
                    status.show(Notice.warning("No tag was changed.\n"
                            + explain(canceled, changed.stream().map(Note::title).toList()), retry));
                    fetchList(false);
                }
            } else {
                status.show(Notice.error("Could not change the tags. " + WindowStatus.describe(result), retry));
            }
        });
    }

    /** On the I/O executor: loads each note (its current content and ETag), then one transaction of updates. */
    private ApiResult<TagRun> loadAndTag(List<String> ids, String tag, boolean add, String token) {
        List<Note> loaded = new ArrayList<>();
        for (String id : ids) {
            ApiResult<Note> r = services.api().get(id);
            if (r instanceof ApiResult.Ok<Note> ok) {
                loaded.add(ok.value());
            } else if (r instanceof ApiResult.Gone) {
                return new ApiResult.Invalid<>(0, "A selected note was deleted on the server meanwhile; nothing was changed");
            } else {
                return mapFailure(r);
            }
        }
        List<Note> changed = changedOnly(loaded, tag, add);
        if (changed.isEmpty()) {
            return new ApiResult.Ok<>(new TagRun(loaded, null));
        }
        List<TransactionItem> items = new ArrayList<>();
        for (Note n : changed) {
            List<String> tags = new ArrayList<>(n.tags());
            if (add) {
                tags.add(tag);
            } else {
                tags.removeIf(t -> t.equals(tag));
            }
            items.add(TransactionItem.update(n.id(), n.etag(), new NoteContent(n.title(), n.body(), tags)));
        }
        ApiResult<TransactionResult> r = services.transactions().transact(token, items);
        if (r instanceof ApiResult.Ok<TransactionResult> ok) {
            return new ApiResult.Ok<>(new TagRun(loaded, ok.value()));
        }
        return mapFailure(r);
    }

    private static List<Note> changedOnly(List<Note> loaded, String tag, boolean add) {
        return loaded.stream().filter(n -> n.tags().contains(tag) != add).toList();
    }

    @SuppressWarnings("unchecked")
    private static <T> ApiResult<T> mapFailure(ApiResult<?> failure) {
        // Failures carry no value, so they are the same whatever the value type would have been.
        return (ApiResult<T>) failure;
    }

    /**
     * Save all (Ctrl+Shift+S): every unsaved note of the window (the open one and the drafts) in one
     * transaction: an update under If-Match of the draft's base, or a create for a note never saved.
     * Drafts leave the disk only after the commit.
     */
    public void saveAll() {
        if (savingAll.get()) {
            return;
        }
        editor.flushDraft();
        List<Draft> set = drafts.values().stream()
                .filter(d -> NoteIds.isValid(d.key()))
                .sorted(Comparator.comparing(Draft::key))
                .toList();
        if (set.isEmpty()) {
            status.show(Notice.info("Every note is saved."));
            return;
        }
        if (set.size() > concord.model.tx.TransactionRequest.MAX_ITEMS) {
            status.show(Notice.error("Save all saves at most " + concord.model.tx.TransactionRequest.MAX_ITEMS
                    + " notes at once; " + set.size() + " are unsaved. Save some one by one (Ctrl+S) first.", null));
            return;
        }
        sendSaveAll(HttpNotesClient.newRequestToken(), set);
    }

    public ReadOnlyBooleanProperty savingAllProperty() {
        return savingAll.getReadOnlyProperty();
    }

    private static TransactionItem saveItem(Draft d) {
        return d.base() == null ? TransactionItem.create(d.key(), d.mine())
                : TransactionItem.update(d.key(), d.base().etag(), d.mine());
    }

    /**
     * A note that left Save all during conflict resolution without needing a write: the user took their version
     * ({@code theirs}), or discarded their edits to a note deleted on the server ({@code theirs == null}). Applied
     * to the editor and the drafts only once the rest of the set is saved, so a Save all that stops keeps every
     * draft as it was.
     */
    private record LeftTheSet(String key, Note theirs) {
    }

    private void sendSaveAll(String token, List<Draft> set) {
        sendSaveAll(token, set, List.of());
    }

    private void sendSaveAll(String token, List<Draft> set, List<LeftTheSet> left) {
        List<TransactionItem> items = set.stream().map(NotesViewModel::saveItem).toList();
        savingAll.set(true);
        status.call(() -> services.transactions().transact(token, items), result -> {
            if (result instanceof ApiResult.Ok<TransactionResult> ok && ok.value() instanceof TransactionResult.Committed c) {
                savingAll.set(false);
                committedAll(set, c, left);
            } else if (result instanceof ApiResult.Ok<TransactionResult> ok
                    && ok.value() instanceof TransactionResult.Canceled canceled) {
                status.show(Notice.warning("Nothing was saved.\n"
                        + explain(canceled, set.stream().map(d -> d.mine().title()).toList())
                        + "\nResolve each conflict; then all the notes are saved again together.", null));
                fetchList(false);
                resolveOneByOne(set, canceled, 0, new ArrayList<>(set), new ArrayList<>(left));
            } else {
                savingAll.set(false);
                // The same token: if the first attempt did arrive, the server answers with its outcome.
                status.show(Notice.error("Could not save the notes. " + WindowStatus.describe(result)
                        + ". Your changes are kept as drafts.", () -> sendSaveAll(token, set, left)));
            }
        });
    }

    private void committedAll(List<Draft> set, TransactionResult.Committed c, List<LeftTheSet> left) {
        for (int i = 0; i < set.size(); i++) {
            Draft d = set.get(i);
            var written = c.items().get(i);
            Note saved = new Note(d.key(), d.mine().title(), d.mine().body(), d.mine().tags(), written.version(),
                    written.etag(), services.clock().instant(), user());
            if (d.key().equals(editor.key())) {
                // Only when the editor's text grew from what was sent (same base): otherwise it stays on its
                // older base, and its next save merges against this version instead of overwriting it.
                if (Objects.equals(editor.base(), d.base())) {
                    editor.savedInTransaction(saved, d.mine()); // keeps a draft of whatever was typed since
                }
            } else if (d.equals(drafts.get(d.key()))) {
                drafts.remove(d.key());
                status.disk("remove a saved draft", () -> services.drafts().remove(d.key()));
            }
        }
        applyLeft(left);
        status.show(Notice.info("Saved " + count(set.size()) + " together."
                + (left.isEmpty() ? "" : " " + leftSummary(left))));
        fetchList(false);
    }

    /** The notes that left the set now follow the server: their version, or gone; their drafts go. */
    private void applyLeft(List<LeftTheSet> left) {
        for (LeftTheSet l : left) {
            if (l.key().equals(editor.key())) {
                if (l.theirs() == null) {
                    editor.discard();
                } else {
                    editor.resolvedInTransaction(l.theirs());
                }
            } else if (drafts.containsKey(l.key())) {
                drafts.remove(l.key());
                status.disk("remove a draft", () -> services.drafts().remove(l.key()));
            }
        }
    }

    private static String leftSummary(List<LeftTheSet> left) {
        long theirs = left.stream().filter(l -> l.theirs() != null).count();
        long discarded = left.size() - theirs;
        List<String> parts = new ArrayList<>();
        if (theirs > 0) {
            parts.add(count((int) theirs) + " kept their version");
        }
        if (discarded > 0) {
            parts.add(count((int) discarded) + " deleted on the server " + (discarded == 1 ? "was" : "were") + " discarded");
        }
        return String.join("; ", parts) + ".";
    }

    /**
     * Hands each note that stopped Save all to the conflict handler (the merge dialog) in resolve-only mode, one
     * after another. The dialog writes nothing: each resolution is kept in memory and in the note's draft (the
     * resolved text on the new base, theirs), and once every note is resolved the whole set is sent again as one
     * new transaction, each resolved note under If-Match of theirs. Cancelling any dialog writes nothing at all.
     * If a third writer cancels the retry, the loop runs again against the newer version.
     */
    private void resolveOneByOne(List<Draft> set, TransactionResult.Canceled canceled, int from, List<Draft> next,
                                 List<LeftTheSet> left) {
        List<CancellationReason> reasons = canceled.reasons();
        for (int i = from; i < reasons.size(); i++) {
            CancellationReason r = reasons.get(i);
            if (!r.failed()) {
                continue;
            }
            int index = i;
            Draft d = set.get(i);
            Note theirs = r.current();
            if (r.code() == CancellationCode.ValidationError || (theirs == null && d.base() == null)) {
                // Nothing to merge: the note itself is refused, or a new note met an impossible state.
                stopSaveAll("Save all stopped: “" + DisplayText.title(d.mine().title()) + "” could not be saved"
                        + (r.message() == null ? "" : " (" + r.message() + ")") + ". Nothing was saved; your changes are kept as drafts (✎).");
                return;
            }
            // The open note merges what is in the editor now (typed since Save all started, too).
            NoteContent mine = d.key().equals(editor.key()) && Objects.equals(d.base(), editor.base()) ? editor.content() : d.mine();
            // A new note whose id someone took meanwhile has no base: merge from empty.
            Note base = d.base() != null ? d.base()
                    : new Note(d.key(), "", "", List.of(), 0, theirs.etag(), theirs.updatedAt(), theirs.updatedBy());
            ConflictRequest request = new ConflictRequest(base, mine, theirs, new WriteWithSaveAll());
            services.conflicts().handle(request, outcome -> {
                if (outcome instanceof ConflictOutcome.Merged merged && !(merged.theirs() != null
                        && merged.content().equals(merged.theirs().content()))) {
                    // Kept in memory and in the draft, on the new base: a retry (or a restart) saves it over theirs.
                    Draft now = new Draft(d.key(), merged.theirs(), merged.content(), services.clock().instant());
                    next.set(next.indexOf(d), now);
                    if (!editor.rebasedInTransaction(d.key(), mine, merged.theirs(), merged.content())
                            && !d.key().equals(editor.key())) {
                        drafts.put(d.key(), now);
                        status.disk("save the draft", () -> services.drafts().save(now));
                    }
                    // (An open note typed into meanwhile keeps the typed text and its own draft, on its old base.)
                } else if (outcome instanceof ConflictOutcome.Merged merged) {
                    // The resolution is exactly their version: nothing to write for this note.
                    next.remove(d);
                    left.add(new LeftTheSet(d.key(), merged.theirs()));
                } else if (outcome instanceof ConflictOutcome.Resolved resolved) {
                    // Took theirs (or a handler that saved by itself): the server has this note as the user wants it.
                    next.remove(d);
                    left.add(new LeftTheSet(d.key(), resolved.note()));
                } else if (outcome instanceof ConflictOutcome.Discarded) {
                    next.remove(d);
                    left.add(new LeftTheSet(d.key(), null));
                } else {
                    long resolvedSoFar = next.stream().filter(n -> !set.contains(n)).count();
                    stopSaveAll("Save all stopped: “" + DisplayText.title(d.mine().title()) + "” still conflicts. Nothing was saved; "
                            + "your changes are kept as drafts (✎)."
                            + (resolvedSoFar == 0 ? "" : resolvedSoFar == 1
                            ? " The note you resolved keeps its merged text as its draft, on the newest version."
                            : " The " + resolvedSoFar + " notes you resolved keep their merged text as drafts, on the newest version."));
                    return;
                }
                resolveOneByOne(set, canceled, index + 1, next, left);
            });
            return;
        }
        if (next.isEmpty()) {
            savingAll.set(false);
            applyLeft(left);
            status.show(Notice.info("Nothing left to save. " + leftSummary(left)));
            return;
        }
        sendSaveAll(HttpNotesClient.newRequestToken(), List.copyOf(next), List.copyOf(left));
    }

    private void stopSaveAll(String message) {
        savingAll.set(false);
        status.show(Notice.warning(message, this::saveAll));
    }

    /**
     * Split note (Ctrl+Shift+X): the body's selection {@code [start, end)} becomes a new note and leaves the
     * open one, in one transaction: the original updated under If-Match of its base, the new note created
     * with If-None-Match: *. Either both happen or neither.
     */
    public void splitNote(int start, int end) {
        String k = editor.key();
        Note from = editor.base();
        String body = editor.bodyProperty().get();
        if (k == null) {
            status.show(Notice.info("Open a note and select the text to split off."));
            return;
        }
        if (from == null) {
            status.show(Notice.info("Save this new note first (Ctrl+S); then split it."));
            return;
        }
        int a = Math.max(0, Math.min(start, end));
        int b = Math.min(body.length(), Math.max(start, end));
        String piece = body.substring(a, b);
        if (piece.isBlank()) {
            status.show(Notice.info("Select the text that should become a new note, then split (Ctrl+Shift+X)."));
            return;
        }
        if (editor.conflictProperty().get() != null) {
            status.show(Notice.warning("Resolve the conflict of this note first; then split it.", null));
            return;
        }
        NoteContent now = editor.content();
        NoteContent remaining = new NoteContent(now.title(), body.substring(0, a) + body.substring(b), now.tags());
        String newId = java.util.UUID.randomUUID().toString();
        NoteContent split = new NoteContent(titleOf(piece), piece, now.tags());
        List<TransactionItem> items = List.of(TransactionItem.update(k, from.etag(), remaining), TransactionItem.create(newId, split));
        editor.flushDraft();
        sendSplit(HttpNotesClient.newRequestToken(), items, now, split.title());
    }

    /** The first line of the piece, as a title. */
    static String titleOf(String piece) {
        String first = piece.strip().lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 80).strip() + "…" : first;
    }

    private void sendSplit(String token, List<TransactionItem> items, NoteContent before, String newTitle) {
        String originalTitle = before.title();
        status.call(() -> services.transactions().transact(token, items), result -> {
            if (result instanceof ApiResult.Ok<TransactionResult> ok && ok.value() instanceof TransactionResult.Committed c) {
                TransactionItem original = items.get(0);
                var written = c.items().get(0);
                NoteContent sent = original.note();
                editor.splitCommitted(new Note(original.id(), sent.title(), sent.body(), sent.tags(), written.version(),
                        written.etag(), services.clock().instant(), user()), before);
                status.show(Notice.info("Split “" + DisplayText.title(newTitle) + "” off “" + DisplayText.title(originalTitle) + "” into a new note."));
                fetchList(false);
            } else if (result instanceof ApiResult.Ok<TransactionResult> ok
                    && ok.value() instanceof TransactionResult.Canceled canceled) {
                status.show(Notice.warning("Nothing was split.\n" + explain(canceled, List.of(originalTitle, newTitle))
                        + "\nSave the note (Ctrl+S) to merge the changes, then split again.", null));
                fetchList(false);
            } else {
                status.show(Notice.error("Could not split the note. " + WindowStatus.describe(result),
                        () -> sendSplit(token, items, before, newTitle)));
            }
        });
    }

    /** One line per note that stopped a transaction, in item order; {@code titles} are the items' titles. */
    String explain(TransactionResult.Canceled canceled, List<String> titles) {
        List<String> lines = new ArrayList<>();
        List<CancellationReason> reasons = canceled.reasons();
        for (int i = 0; i < reasons.size(); i++) {
            CancellationReason r = reasons.get(i);
            if (r.failed()) {
                String title = i < titles.size() ? DisplayText.title(titles.get(i)) : "A note";
                lines.add("• " + reason(title, r));
            }
        }
        return String.join("\n", lines);
    }

    private String reason(String title, CancellationReason r) {
        return switch (r.code()) {
            case ConditionalCheckFailed -> r.current() == null
                    ? "“" + title + "” was changed on the server since you loaded it"
                    : (user().equals(r.current().updatedBy()) ? "You (in another window)"
                    : DisplayText.author(r.current().updatedBy())) + " changed “" + title + "” since you loaded it";
            case NotFound -> "“" + title + "” was deleted on the server";
            case ValidationError -> "“" + title + "” could not be written: " + r.message();
            case None -> "“" + title + "” was fine";
        };
    }

    private static String count(int n) {
        return n + (n == 1 ? " note" : " notes");
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

    public IntegerProperty draftsOfferedProperty() {
        return draftsOffered;
    }

    public ReadOnlyIntegerProperty runningProperty() {
        return status.runningProperty();
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
