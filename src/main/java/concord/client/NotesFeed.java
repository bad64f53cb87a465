package concord.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.LockChange;
import concord.model.NoteChange;
import concord.model.Presence;
import concord.wire.FeedEvents;
import concord.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * Follows a server's change feed ({@code GET /events}) and keeps following it: OkHttp's event source does not
 * reconnect by itself, so this does, with a growing, jittered backoff and the {@code Last-Event-ID} of the last
 * event it saw, so that nothing committed while it was away is missed. A position the server can no longer replay
 * comes back as {@link Event.Resync}: the caller then reads the notes afresh.
 *
 * <p>The listener is called on OkHttp's reader thread, one call at a time, in feed order; a UI hands the events to
 * its own thread. Thread-safe; {@link #close()} stops it for good.
 */
public final class NotesFeed implements AutoCloseable {

    /** What the feed tells its listener. */
    public sealed interface Event {
        /** A committed change of a note, from any user on any instance of the server. */
        record Changed(NoteChange change) implements Event {
        }

        /** A note's lock was taken, renewed, released or ran out (replayed like notes' changes). */
        record LockChanged(LockChange change) implements Event {
        }

        /**
         * Someone started viewing or editing a note, or left it. Never replayed: after {@link Live} or
         * {@link Resync} the stream sends one for everyone present, so a listener forgets what it knew of presence
         * at those two and rebuilds it from the events that follow.
         */
        record PresenceChanged(Presence presence) implements Event {
        }

        /** Connected and live: every later change will arrive, from {@code position} on. */
        record Live(long position) implements Event {
        }

        /** The changes since the last position cannot be replayed: read the notes afresh; live from here on. */
        record Resync(long position) implements Event {
        }

        /** The stream broke (or could not be opened); the feed tries again in {@code retryIn}. */
        record Offline(String reason, Duration retryIn) implements Event {
        }
    }

    @FunctionalInterface
    public interface Listener {
        void onEvent(Event event);
    }

    /** How long to wait before reconnecting: doubling from {@code first} up to {@code max}, with ±20 % jitter. */
    public record Backoff(Duration first, Duration max) {
        public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(15));

        Duration after(int failures) {
            long base = Math.min(max.toMillis(), first.toMillis() << Math.min(failures, 20));
            long jitter = (long) (base * 0.2 * (ThreadLocalRandom.current().nextDouble() * 2 - 1));
            return Duration.ofMillis(Math.max(1, base + jitter));
        }
    }

    private final URI events;
    private final String user;
    private final String bearerToken;
    private final Listener listener;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final OkHttpClient http;
    private final ObjectMapper mapper = Json.newMapper();
    private final Object lock = new Object();
    private EventSource current; // guarded by lock
    private long lastEventId; // guarded by lock; -1 = none yet
    private int failures; // guarded by lock
    private boolean live; // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param server      the server's base URI
     * @param bearerToken sent as {@code Authorization: Bearer …} when not null
     * @param resumeAfter the {@code Last-Event-ID} to start from (a position seen before), or empty to start now
     * @param http        the client to derive from (its timeouts are adapted to a stream that idles for a while)
     * @param scheduler   where reconnects are scheduled
     */
    public NotesFeed(URI server, String user, String bearerToken, OptionalLong resumeAfter, Listener listener,
                     Backoff backoff, OkHttpClient http, ScheduledExecutorService scheduler) {
        this.events = server.resolve("/events");
        this.user = Objects.requireNonNull(user, "user");
        this.bearerToken = bearerToken;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.lastEventId = resumeAfter.orElse(-1);
        // the server sends a comment every 15 s: three missed in a row mean the connection is dead
        this.http = http.newBuilder().readTimeout(Duration.ofSeconds(45)).callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false).build();
    }

    /** Opens the stream; from then on it reconnects by itself until {@link #close()}. */
    public NotesFeed start() {
        connect();
        return this;
    }

    /** The position of the last event seen: what a reconnect sends as {@code Last-Event-ID}. */
    public OptionalLong lastEventId() {
        synchronized (lock) {
            return lastEventId < 0 ? OptionalLong.empty() : OptionalLong.of(lastEventId);
        }
    }

    /** True while the stream is open and live. */
    public boolean isLive() {
        synchronized (lock) {
            return live;
        }
    }

    private void connect() {
        Request.Builder b = new Request.Builder().url(events.toString())
                .header("Accept", FeedEvents.MEDIA_TYPE)
                .header("X-Concord-User", user);
        if (bearerToken != null) {
            b.header("Authorization", "Bearer " + bearerToken);
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (lastEventId >= 0) {
                b.header("Last-Event-ID", Long.toString(lastEventId));
            }
            current = EventSources.createFactory(http).newEventSource(b.build(), new Stream());
        }
    }

    /** One connection's events; a stale one (replaced or closed) is ignored. */
    private final class Stream extends EventSourceListener {

        private boolean isCurrent(EventSource source) {
            synchronized (lock) {
                return !closed && source == current;
            }
        }

        @Override
        public void onEvent(EventSource source, String id, String type, String data) {
            if (!isCurrent(source)) {
                return;
            }
            Event event;
            try {
                long position = id == null ? -1 : Long.parseLong(id);
                event = switch (type == null ? "message" : type) {
                    case FeedEvents.NOTE -> new Event.Changed(mapper.readValue(data, FeedEvents.NoteData.class).at(position));
                    case FeedEvents.LOCK -> new Event.LockChanged(mapper.readValue(data, FeedEvents.LockData.class).at(position));
                    case FeedEvents.PRESENCE -> new Event.PresenceChanged(mapper.readValue(data, FeedEvents.PresenceData.class).presence());
                    case FeedEvents.READY -> new Event.Live(position);
                    case FeedEvents.RESYNC -> new Event.Resync(position);
                    default -> null; // a kind of event this client does not know (yet): skipped
                };
                synchronized (lock) {
                    if (position >= 0) {
                        lastEventId = position;
                    }
                    if (event instanceof Event.Live) {
                        live = true;
                        failures = 0;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                source.cancel();
                retry(source, "the server sent an event this client cannot read: " + e.getMessage());
                return;
            }
            if (event != null) {
                listener.onEvent(event);
            }
        }

        @Override
        public void onClosed(EventSource source) {
            retry(source, "the server closed the stream");
        }

        @Override
        public void onFailure(EventSource source, Throwable t, Response response) {
            String reason = response != null ? "HTTP " + response.code()
                    : t == null ? "the connection failed" : t.toString();
            retry(source, reason);
        }
    }

    private void retry(EventSource source, String reason) {
        Duration wait;
        synchronized (lock) {
            if (closed || source != current) {
                return;
            }
            current = null;
            live = false;
            wait = backoff.after(failures++);
        }
        listener.onEvent(new Event.Offline(reason, wait));
        try {
            scheduler.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shutDown) {
            // the owner is shutting down
        }
    }

    /** Stops following the feed for good; at most an event already being handed over still reaches the listener. */
    @Override
    public void close() {
        EventSource source;
        synchronized (lock) {
            closed = true;
            live = false;
            source = current;
            current = null;
        }
        if (source != null) {
            source.cancel();
        }
    }
}
