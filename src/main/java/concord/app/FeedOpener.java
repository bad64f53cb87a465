package concord.app;

import concord.client.NotesFeed;

/** Opens the server's change feed for one user's window; the listener is called off the FX thread. */
@FunctionalInterface
public interface FeedOpener {

    /** Starts following the feed (reconnecting by itself) until the returned handle is closed. */
    AutoCloseable open(String user, NotesFeed.Listener listener);
}
