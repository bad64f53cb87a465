package concord.app;

import concord.client.HttpLiveClient;
import concord.client.NotesFeed;
import java.net.URI;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/**
 * How the windows reach the live side of a server: its change feed and its presence (and lock) routes.
 *
 * @param token      the bearer token, or null
 * @param backoff    how the feed waits before reconnecting
 * @param reconnects where the feeds' reconnects are scheduled
 */
public record LiveConnection(URI server, String token, OkHttpClient http, NotesFeed.Backoff backoff,
                             ScheduledExecutorService reconnects) {

    /** Starts following the feed for {@code user} (reconnecting by itself) until the returned handle is closed. */
    public AutoCloseable openFeed(String user, NotesFeed.Listener listener) {
        return new NotesFeed(server, user, token, OptionalLong.empty(), listener, backoff, http, reconnects).start();
    }

    /** Presence and locks as {@code user}. */
    public HttpLiveClient client(String user) {
        return new HttpLiveClient(server, user, token, http);
    }
}
