package concord.app;

import concord.client.HttpLiveClient;
import concord.model.Note;
import concord.model.Presence;
import concord.ui.notes.EditorViewModel;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the server where the window's user is: viewing the open note, editing it while it has unsaved edits, gone
 * when another note is opened or the window closes. Renewed well within the server's 30 s, so that a window that
 * crashed simply disappears from the others' headers. The FX thread only reads the editor's state; the calls run on
 * a thread of their own, in order.
 */
final class WindowPresence implements AutoCloseable {

    static final Duration RENEW_EVERY = Duration.ofSeconds(10);

    private final HttpLiveClient live;
    private final ScheduledExecutorService calls;
    /** What the server was last told, owned by the calls thread. */
    private String announcedNote;
    private Presence.State announcedState;
    /** What should be announced now (written on the FX thread). */
    private volatile String note;
    private volatile Presence.State state;

    WindowPresence(HttpLiveClient live, String user) {
        this.live = live;
        this.calls = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "concord-presence-" + user);
            t.setDaemon(true);
            return t;
        });
    }

    /** Follows the editor: call on the FX thread. */
    void follow(EditorViewModel editor) {
        Runnable update = () -> {
            Note base = editor.base();
            // a note that was never saved is nobody else's business yet
            note = base == null ? null : base.id();
            state = editor.isDirty() ? Presence.State.EDITING : Presence.State.VIEWING;
            calls.execute(this::sync);
        };
        editor.baseProperty().addListener((o, a, b) -> update.run());
        editor.dirtyProperty().addListener((o, a, b) -> update.run());
        update.run();
        calls.scheduleWithFixedDelay(this::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sync() {
        String wanted = note;
        Presence.State s = state;
        if (announcedNote != null && !announcedNote.equals(wanted)) {
            live.leave(announcedNote);
            announcedNote = null;
        }
        if (wanted != null && (!wanted.equals(announcedNote) || s != announcedState)) {
            if (live.announce(wanted, s)) {
                announcedNote = wanted;
                announcedState = s;
            }
        }
    }

    private void renew() {
        if (announcedNote != null) {
            live.announce(announcedNote, announcedState);
        } else {
            sync();
        }
    }

    /** Leaves the note (the window is closing) and stops. */
    @Override
    public void close() {
        note = null;
        calls.execute(this::sync);
        calls.shutdown();
    }
}
