package concord.ui.notes;

import static org.awaitility.Awaitility.await;

import concord.app.DesktopWindows;
import concord.client.ApiResult;
import concord.client.FileDraftStore;
import concord.client.HttpNotesClient;
import concord.client.NotesApi;
import concord.model.Note;
import concord.model.NoteContent;
import concord.server.ConcordServer;
import concord.server.ServerConfig;
import concord.ui.DisplayText;
import concord.ui.Theme;
import concord.ui.conflict.ConflictHandlerFactory;
import concord.ui.testkit.FxWindows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

/**
 * The world of {@link NotesWindowsModelTest}: a real server on a fresh SQLite file over loopback HTTP, Alice's and
 * Bob's windows as the app builds them (real clients, real draft folders, the real list and editor), Carol saving
 * straight to the server, and the users' side of the story: which note each of them clicked last, and every piece
 * of text each typed, with the note it was meant for.
 *
 * <p>Each action runs on the FX thread as the user's gesture would (a click goes through the list cell's own mouse
 * handling), then waits until both windows have no call under way. The invariants are checked after every action.
 */
final class ModelDesk implements AutoCloseable {

    /** The sample notes, seeded in the demo's order (the last one on top). */
    static final Map<String, String> NOTES = new LinkedHashMap<>();

    static {
        NOTES.put("groceries", "Groceries");
        NOTES.put("checklist", "Release checklist");
        NOTES.put("meeting", "Team meeting — Thursday");
        NOTES.put("welcome", "Welcome to Concord");
    }

    static final List<String> IDS = List.copyOf(NOTES.keySet());
    static final List<String> USERS = List.of("Alice", "Bob");
    private static final Pattern TOKEN = Pattern.compile("⟦[^⟧]*⟧");
    private static final Duration WAIT = FxWindows.WAIT;

    /** One window and what its user believes about it. Made on the FX thread. */
    static final class Win {
        final String user;
        final DesktopWindows.OpenWindow window;
        final ListView<NoteListItem> list;
        final TextArea body;
        final TextField title;
        /** The note the user last clicked into the selection: the one they think they are editing (null: none). */
        String believed;

        @SuppressWarnings("unchecked")
        Win(String user, DesktopWindows.OpenWindow window) {
            this.user = user;
            this.window = window;
            Node root = window.stage().getScene().getRoot();
            this.list = (ListView<NoteListItem>) root.lookup("#notes-list");
            this.body = (TextArea) root.lookup("#body");
            this.title = (TextField) root.lookup("#title");
        }

        NotesViewModel vm() {
            return window.viewModel();
        }

        EditorViewModel editor() {
            return window.viewModel().editor();
        }
    }

    /** A piece of text typed by {@code user}, meant for the note {@code noteId}. */
    record Typed(String token, String user, String noteId) {
    }

    private final Path dir;
    private final ConcordServer server;
    private final HttpNotesClient carol;
    private final HttpNotesClient checker;
    /** Every client made, so their idle connections can be let go before the server stops (it waits for them). */
    private final List<HttpNotesClient> clients = new ArrayList<>();
    private final DesktopWindows app;
    final List<Win> windows = new ArrayList<>();
    private final Map<String, Typed> typed = new LinkedHashMap<>();
    private final Map<String, String> carolsLines = new HashMap<>();
    private Map<String, Note> lastSeen;
    /** The notes the action being run may change on the server; every other note must stay as it was. */
    private Set<String> mayChange = Set.of();
    private String lastAction = "opening the windows";

    ModelDesk() {
        try {
            dir = Files.createTempDirectory("concord-model-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server = ConcordServer.create(ServerConfig.loopback(dir.resolve("server"))).start();
        carol = client("Carol");
        checker = client("Checker");
        NotesApi concord = client("Concord");
        NOTES.forEach((id, title) -> concord.createWithId(id, new NoteContent(title, title + " — first line\n", List.of("demo"))));
        app = new DesktopWindows(new DesktopWindows.Config(
                this::client,
                user -> new FileDraftStore(dir.resolve("drafts").resolve(user)),
                ConflictHandlerFactory.KEEP_PENDING, Duration.ZERO, Duration.ofMillis(300), Clock.systemUTC()));
        FxWindows.fx(() -> {
            Theme.LIGHT.apply();
            return null;
        });
        for (int i = 0; i < USERS.size(); i++) {
            int half = i;
            String user = USERS.get(i);
            windows.add(FxWindows.fx(() -> new Win(user, app.open(user, Optional.of(new Rectangle2D(half * 640, 0, 640, 700))))));
        }
        await().atMost(WAIT).until(() -> FxWindows.fx(() -> windows.stream().allMatch(w -> w.vm().listLoaded())));
        settle();
        lastSeen = onServer();
    }

    // ------------------------------------------------------------------ the users' actions

    /** A click on the row of {@code id} (with Ctrl: adds it to the selection, or takes it out). */
    void click(int window, String id, boolean ctrl) {
        Win w = windows.get(window);
        begin(w.user + (ctrl ? " Ctrl+clicks " : " clicks ") + quoted(id), Set.of());
        boolean clicked = FxWindows.fx(() -> {
            Optional<ListCell<NoteListItem>> cell = cellOf(w, id);
            if (cell.isEmpty()) {
                return false;
            }
            boolean wasSelected = cell.get().isSelected();
            press(cell.get(), ctrl);
            if (!ctrl || !wasSelected) {
                w.believed = id;
            } else if (id.equals(w.believed)) {
                w.believed = null; // took the note they were editing out of the selection: they will look before typing
            }
            return true;
        });
        if (clicked) {
            settle();
        }
    }

    /** Clicks a row and types at once, before the window can have heard back from the server. */
    void clickAndType(int window, String id) {
        Win w = windows.get(window);
        begin(w.user + " clicks " + quoted(id) + " and types straight away", Set.of());
        FxWindows.fx(() -> {
            cellOf(w, id).ifPresent(cell -> {
                press(cell, false);
                w.believed = id;
                typeNow(w);
            });
            return null;
        });
        settle();
    }

    /** Types a piece of text at the end of the body, if the user has a note open they clicked and can type there. */
    void type(int window) {
        Win w = windows.get(window);
        begin(w.user + " types", Set.of());
        FxWindows.fx(() -> {
            typeNow(w);
            return null;
        });
        settle();
    }

    private void typeNow(Win w) {
        if (w.believed == null || !w.body.isEditable() || w.body.isDisabled() || !treeVisible(w.body)) {
            return;
        }
        String token = "⟦" + w.user.charAt(0) + typed.size() + "⟧";
        w.body.requestFocus();
        w.body.end();
        w.body.replaceSelection(token);
        typed.put(token, new Typed(token, w.user, w.believed));
        lastAction += " " + token + " into " + quoted(w.believed);
    }

    /** Ctrl+S. */
    void save(int window) {
        Win w = windows.get(window);
        String target = FxWindows.fx(() -> w.believed != null ? w.believed : w.editor().key());
        begin(w.user + " saves", target == null ? Set.of() : Set.of(target));
        FxWindows.fx(() -> {
            w.editor().save();
            return null;
        });
        settle();
    }

    /** Save mine anyway, from the conflict banner, when a conflict is pending. */
    void saveMineAnyway(int window) {
        Win w = windows.get(window);
        String target = FxWindows.fx(() -> w.editor().conflictProperty().get() == null ? null : w.editor().key());
        if (target == null) {
            begin(w.user + " has no conflict to save over", Set.of());
            return;
        }
        begin(w.user + " saves theirs anyway over " + quoted(target), Set.of(target));
        FxWindows.fx(() -> {
            w.editor().saveMineAnyway();
            return null;
        });
        settle();
    }

    /** Add tag… on the selection (the dialog only asks for the word). */
    void tag(int window, String tag) {
        Win w = windows.get(window);
        Set<String> selected = FxWindows.fx(() -> Set.copyOf(selectedRows(w)));
        begin(w.user + " adds the tag “" + tag + "” to " + selected, selected);
        FxWindows.fx(() -> {
            w.vm().addTag(tag);
            return null;
        });
        settle();
    }

    /** The list's periodic refresh (every 5 s in the app). */
    void refresh(int window) {
        Win w = windows.get(window);
        begin(w.user + "'s list refreshes", Set.of());
        FxWindows.fx(() -> {
            w.vm().backgroundRefresh();
            return null;
        });
        settle();
    }

    /** Ctrl+R: the list and the open note. */
    void reload(int window) {
        Win w = windows.get(window);
        begin(w.user + " presses Ctrl+R", Set.of());
        FxWindows.fx(() -> {
            w.vm().reload();
            return null;
        });
        settle();
    }

    /** Carol, outside these windows, adds a line to a note and saves it. */
    void carolEdits(String id) {
        begin("Carol edits " + quoted(id), Set.of(id));
        Note current = ((ApiResult.Ok<Note>) carol.get(id)).value();
        String line = "⟦C" + carolsLines.size() + "⟧";
        carolsLines.put(line, id);
        ApiResult<Note> r = carol.update(id, current.etag(), current.content().withBody(current.body() + line + "\n"));
        if (!(r instanceof ApiResult.Ok)) {
            throw new IllegalStateException("Carol could not save: " + r);
        }
    }

    // ------------------------------------------------------------------ the invariants

    /** Checked after every action. */
    void check() {
        FxWindows.fx(() -> {
            for (Win w : windows) {
                checkTheEditorIsOnTheNoteClicked(w);
            }
            return null;
        });
        Map<String, Note> now = onServer();
        checkNothingChangedThatNobodySaved(now);
        checkNoTypedTextIsLostOrMisplaced(now);
        lastSeen = now;
    }

    private void checkTheEditorIsOnTheNoteClicked(Win w) {
        String open = w.editor().key();
        List<String> selected = selectedRows(w);
        if (w.believed != null && !w.believed.equals(open)) {
            fail(w.user + " clicked " + quoted(w.believed) + " but the editor has " + quoted(open) + " open"
                    + " (title field: “" + w.title.getText() + "”, list selection: " + selected + ")");
        }
        if (!selected.isEmpty() && !selected.contains(open)) {
            fail(w.user + "'s list selection " + selected + " does not name the note in the editor, " + quoted(open));
        }
        Note base = w.editor().base();
        if (open != null && base != null && !base.id().equals(open)) {
            fail(w.user + "'s editor edits " + quoted(open) + " on the base of " + quoted(base.id()));
        }
        String windowTitle = w.window.stage().getTitle();
        if (open != null && !windowTitle.endsWith(" — " + DisplayText.title(w.title.getText()))) {
            fail(w.user + "'s window title “" + windowTitle + "” does not name the title field's “" + w.title.getText() + "”");
        }
    }

    private void checkNothingChangedThatNobodySaved(Map<String, Note> now) {
        for (String id : IDS) {
            Note before = lastSeen.get(id);
            Note after = now.get(id);
            boolean changed = before == null ? after != null : after == null || before.version() != after.version();
            if (changed && !mayChange.contains(id)) {
                fail(quoted(id) + " changed on the server (version " + (before == null ? "-" : before.version()) + " → "
                        + (after == null ? "deleted" : after.version() + " by " + after.updatedBy() + ": " + after.body().strip())
                        + ") though only " + mayChange + " could have");
            }
        }
    }

    private void checkNoTypedTextIsLostOrMisplaced(Map<String, Note> now) {
        for (String id : IDS) {
            Note n = now.get(id);
            if (n == null) {
                continue;
            }
            for (String token : tokens(n.body())) {
                String meant = typed.containsKey(token) ? typed.get(token).noteId() : carolsLines.get(token);
                if (!id.equals(meant)) {
                    fail("text meant for " + quoted(meant) + " (" + token + ") was saved into " + quoted(id) + ": " + n.body().strip());
                }
            }
        }
        Map<String, List<String>> whereEach = FxWindows.fx(() -> {
            Map<String, List<String>> out = new HashMap<>();
            for (Typed t : typed.values()) {
                List<String> places = new ArrayList<>();
                for (Win w : windows) {
                    if (!w.user.equals(t.user())) {
                        continue;
                    }
                    if (t.noteId().equals(w.editor().key()) && w.editor().bodyProperty().get().contains(t.token())) {
                        places.add("editor");
                    }
                    var draft = w.vm().drafts().get(t.noteId());
                    if (draft != null && draft.mine().body().contains(t.token())) {
                        places.add("draft");
                    }
                    for (Win other : windows) {
                        String k = other.editor().key();
                        if (!t.noteId().equals(k) && other.editor().bodyProperty().get().contains(t.token())) {
                            fail(t.token() + ", typed by " + t.user() + " into " + quoted(t.noteId()) + ", is in "
                                    + other.user + "'s editor of " + quoted(k));
                        }
                    }
                }
                out.put(t.token(), places);
            }
            return out;
        });
        for (Typed t : typed.values()) {
            Note n = now.get(t.noteId());
            boolean onServer = n != null && n.body().contains(t.token());
            if (!onServer && whereEach.get(t.token()).isEmpty()) {
                fail(t.token() + ", typed by " + t.user() + " into " + quoted(t.noteId())
                        + ", is lost: not in the editor, not in a draft, not on the server");
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private void begin(String action, Set<String> notesItMayChange) {
        lastAction = action;
        mayChange = Set.copyOf(notesItMayChange);
    }

    private void fail(String what) {
        throw new AssertionError("after “" + lastAction + "”: " + what);
    }

    private static String quoted(String id) {
        return id == null ? "nothing" : "“" + NOTES.getOrDefault(id, id) + "”";
    }

    private static Set<String> tokens(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static List<String> selectedRows(Win w) {
        return w.list.getSelectionModel().getSelectedItems().stream().filter(i -> i != null).map(NoteListItem::key).toList();
    }

    private static boolean treeVisible(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    /** The list cell showing the note now, after a layout pass (as the user sees the list when aiming). */
    @SuppressWarnings("unchecked")
    private static Optional<ListCell<NoteListItem>> cellOf(Win w, String id) {
        w.list.applyCss();
        w.list.layout();
        return w.list.lookupAll(".list-cell").stream()
                .map(n -> (ListCell<NoteListItem>) n)
                .filter(c -> c.isVisible() && !c.isEmpty() && c.getItem() != null && c.getItem().key().equals(id))
                .findFirst();
    }

    /** What a press and release of the primary button on the cell sends: the cell's own mouse handling selects. */
    private static void press(ListCell<?> cell, boolean ctrl) {
        // The event's x and y are scene coordinates: JavaFX turns them into the cell's own on delivery.
        Point2D scene = cell.localToScene(8, cell.getHeight() / 2);
        Point2D screen = cell.localToScreen(8, cell.getHeight() / 2);
        for (var type : List.of(MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED)) {
            Event.fireEvent(cell, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                    MouseButton.PRIMARY, 1, false, ctrl, false, false, type == MouseEvent.MOUSE_PRESSED, false, false,
                    false, false, true, null));
        }
    }

    private Map<String, Note> onServer() {
        Map<String, Note> out = new HashMap<>();
        for (String id : IDS) {
            ApiResult<Note> r = checker.get(id);
            out.put(id, r instanceof ApiResult.Ok<Note> ok ? ok.value() : null);
        }
        return out;
    }

    /** Waits until neither window has a call under way and the FX thread has run what they handed back. */
    private void settle() {
        // Twice in a row: what the last answer handed to the FX thread (e.g. a rebuilt list) has run too.
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> FxWindows.fx(this::idle) && FxWindows.fx(this::idle));
    }

    private boolean idle() {
        return windows.stream().allMatch(w -> w.vm().runningProperty().get() == 0);
    }

    private synchronized HttpNotesClient client(String user) {
        HttpNotesClient c = HttpNotesClient.create(server.baseUri(), user, null);
        clients.add(c);
        return c;
    }

    @Override
    public void close() {
        try {
            FxWindows.fx(() -> {
                for (Win w : windows) {
                    w.window.stage().close();
                }
                return null;
            });
            app.awaitDrafts(WAIT);
        } finally {
            synchronized (this) {
                clients.forEach(HttpNotesClient::releaseIdleConnections);
            }
            server.close();
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a temp directory left behind is not worth failing the property for
            }
        }
    }

    Stage stage(int window) {
        return windows.get(window).window.stage();
    }
}
