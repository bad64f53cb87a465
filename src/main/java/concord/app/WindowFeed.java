package concord.app;

import concord.client.NotesFeed;
import concord.ui.notes.FeedState;
import concord.ui.notes.NotesViewModel;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One window's use of the change feed: a change by anyone refreshes the list (and a clean open note) at once, and
 * the timed refresh runs only while the feed is down. Feed events come on the feed's thread; everything they do
 * runs on the FX thread, and a burst of changes costs one refresh (the list is read with If-None-Match anyway).
 */
final class WindowFeed implements AutoCloseable {

    /** Starts or stops the timed refresh, the fallback while the feed is down. */
    interface Poll {
        void start();

        void stop();
    }

    private final NotesViewModel vm;
    private final Poll poll;
    private final Executor fx;
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile AutoCloseable feed;
    private volatile boolean closed;

    WindowFeed(NotesViewModel vm, Poll poll, Executor fx) {
        this.vm = vm;
        this.poll = poll;
        this.fx = fx;
    }

    void start(LiveConnection live, String user) {
        feed = live.openFeed(user, this::onEvent);
    }

    private void onEvent(NotesFeed.Event event) {
        if (closed) {
            return;
        }
        if (event instanceof NotesFeed.Event.Live) {
            fx.execute(() -> {
                if (!closed) {
                    poll.stop();
                    vm.feedStateChanged(FeedState.LIVE);
                    vm.presence().reset(); // everyone present follows
                }
            });
            // what changed while the feed was down (or before it first opened) was replayed or is read now
            queueRefresh();
        } else if (event instanceof NotesFeed.Event.Offline) {
            fx.execute(() -> {
                if (!closed) {
                    vm.feedStateChanged(FeedState.RETRYING);
                    poll.start();
                }
            });
        } else if (event instanceof NotesFeed.Event.Changed changed) {
            var c = changed.change();
            fx.execute(() -> {
                if (!closed) {
                    vm.remoteChange(c.id(), c.version(), c.etag());
                }
            });
            queueRefresh();
        } else if (event instanceof NotesFeed.Event.Resync) {
            fx.execute(() -> vm.presence().reset());
            queueRefresh();
        } else if (event instanceof NotesFeed.Event.PresenceChanged p) {
            fx.execute(() -> vm.presence().changed(p.presence()));
        }
        // locks: not shown by the window yet
    }

    private void queueRefresh() {
        if (refreshQueued.compareAndSet(false, true)) {
            fx.execute(() -> {
                refreshQueued.set(false);
                if (!closed) {
                    vm.backgroundRefresh();
                }
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        AutoCloseable f = feed;
        if (f != null) {
            try {
                f.close();
            } catch (Exception e) {
                // closing a stream cannot fail in a way the window could act on
            }
        }
    }
}
