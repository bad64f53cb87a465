package concord.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import concord.model.Change;
import concord.model.LockChange;
import concord.model.NoteChange;
import concord.model.Presence;
import concord.store.ChangeLog;
import concord.store.PresenceBoard;
import concord.store.StoreException;
import concord.wire.FeedEvents;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change feed behind {@code GET /events}: every committed change, from any instance, to every subscriber, in
 * position order, resumable with {@code Last-Event-ID}.
 *
 * <p>One pump reads the store's {@link ChangeLog} whenever it says something changed and hands each change to every
 * subscriber's queue. Each queue is bounded: a subscriber that does not keep up is dropped (its connection closed)
 * rather than buffered without limit; it comes back with its {@code Last-Event-ID} and is replayed from the log.
 * Sending happens on a pool of sender threads, one subscriber at a time per thread, so a slow connection holds up
 * only itself. Nothing runs while nothing changes, except one comment per subscriber every keep-alive interval.
 *
 * <p>Locks are changes of the log like notes' ({@code event: lock}, with positions, replayed). Presence is not: its
 * changes come from the store's {@link PresenceBoard} and go straight to every subscriber's queue without an id
 * ({@code event: presence}); a new stream gets everyone present right after its {@code ready} (or {@code resync}),
 * and presence events queued before that follow it, so a client that applies them in order ends up right.
 */
final class EventFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    private static final int PAGE = 500;

    /**
     * How the feed runs.
     *
     * @param bufferedEvents how many events a subscriber may have waiting before it is dropped
     * @param keepAlive      how often an idle stream gets a comment, so proxies do not close it
     * @param keepChanges    how long changes are kept for replay; a {@code Last-Event-ID} older than that
     *                       gets {@code event: resync}
     */
    record Settings(int bufferedEvents, Duration keepAlive, Duration keepChanges) {
        /** A day: a laptop closed overnight resumes; one closed for the weekend reads the notes afresh. */
        static final Duration KEEP_CHANGES = Duration.ofHours(24);
    }

    /** Something to send: an event (with an id when it has a position) or, with no event name, a comment. */
    private record Outgoing(String event, long position, String data) {
        static final Outgoing KEEP_ALIVE = new Outgoing(null, -1, "keep-alive");
    }

    private final ChangeLog log;
    private final PresenceBoard presence;
    private final ChangeLog.Subscription presenceSubscription;
    private final ObjectMapper mapper;
    private final Settings settings;
    private final Clock clock;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService pump;
    private final ExecutorService senders;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean pumpScheduled = new AtomicBoolean();
    private final AtomicBoolean storeTrouble = new AtomicBoolean();
    /** Set while someone subscribes (owned by the pump thread). */
    private volatile ChangeLog.Subscription subscription;
    /** The position of the last change handed to subscribers (owned by the pump thread). */
    private long pumped = -1;

    EventFeed(ChangeLog log, PresenceBoard presence, ObjectMapper mapper, Settings settings, Clock clock) {
        this.log = log;
        this.presence = presence;
        this.mapper = mapper;
        this.settings = settings;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pump = Executors.newSingleThreadExecutor(r -> daemon(r, "concord-feed-pump"));
        this.senders = Executors.newCachedThreadPool(r -> daemon(r, "concord-feed-send-" + n.incrementAndGet()));
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "concord-feed-timer"));
        this.presenceSubscription = presence.onChange(this::presenceChanged);
    }

    /** From the presence board (any instance): to every subscriber, with no position (never replayed). */
    private void presenceChanged(Presence p) {
        if (subscribers.isEmpty()) {
            return;
        }
        Outgoing event = presenceEvent(p);
        subscribers.forEach(s -> s.offer(event));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Starts the timers. The store is followed only while someone subscribes: without subscribers a commit costs
     * the feed nothing (on PostgreSQL not even a look at the change log per commit of another instance).
     */
    void start() {
        long keepAlive = settings.keepAlive().toMillis();
        timers.scheduleAtFixedRate(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(this::forgetOld, 1, 60, TimeUnit.MINUTES);
    }

    int subscriberCount() {
        return subscribers.size();
    }

    // ---------------------------------------------------------------- subscribing

    /**
     * Serves one stream: replays what follows {@code lastEventId} (or starts at the head), then stays live. Returns at
     * once; the stream is fed from the feed's threads until the client goes or is dropped.
     */
    void subscribe(SseClient client, OptionalLong lastEventId) {
        Subscriber s = new Subscriber(client, lastEventId);
        subscribers.add(s); // first, so nothing committed from now on can pass it by
        client.onClose(() -> subscribers.remove(s));
        client.keepAlive();
        // the pump must stand at or before where this subscriber starts: it is set (if idle) before the
        // subscriber reads its own starting point, on the pump's thread
        try {
            pump.execute(() -> {
                follow();
                s.schedule();
            });
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            client.close();
        }
    }

    /** On the pump thread: follow the store from its head, if not already following. */
    private void follow() {
        if (subscription != null) {
            return;
        }
        try {
            pumped = log.head();
        } catch (StoreException e) {
            pumped = -1; // decided on the next pump, once the database answers
        }
        subscription = log.onChange(this::wake);
    }

    /** On the pump thread, once nobody subscribes: stop following until someone does again. */
    private void unfollow() {
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        pumped = -1;
    }

    private final class Subscriber {
        final SseClient client;
        final OptionalLong resumeAfter;
        final java.util.concurrent.BlockingQueue<Outgoing> queue;
        final AtomicBoolean draining = new AtomicBoolean();
        volatile boolean started;
        volatile boolean dropped;
        /** The position of the last change sent; later ones at or below it are already delivered. */
        long sent;

        Subscriber(SseClient client, OptionalLong resumeAfter) {
            this.client = client;
            this.resumeAfter = resumeAfter;
            this.queue = new java.util.concurrent.ArrayBlockingQueue<>(settings.bufferedEvents());
        }

        void offer(Outgoing o) {
            if (dropped) {
                return;
            }
            if (!queue.offer(o)) {
                if (o != Outgoing.KEEP_ALIVE) {
                    drop("it fell " + settings.bufferedEvents() + " events behind");
                }
                return;
            }
            schedule();
        }

        void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    senders.execute(this::drain);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                if (!started) {
                    begin();
                    started = true;
                }
                Outgoing o;
                while (!dropped && (o = queue.poll()) != null) {
                    if (o.position() >= 0 && o.position() <= sent) {
                        continue; // replayed already
                    }
                    send(o);
                }
            } catch (StoreException e) {
                drop("the change log could not be read: " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("a feed subscriber failed", e);
                drop(e.toString());
            } finally {
                draining.set(false);
                if (!queue.isEmpty() && !dropped) {
                    schedule();
                }
            }
        }

        /** Replay from the client's position, or start at the head; then announce the stream live. */
        private void begin() {
            if (resumeAfter.isEmpty()) {
                sent = log.head();
                send(new Outgoing(FeedEvents.READY, sent, json(new FeedEvents.Position(sent))));
                sendPresent();
                return;
            }
            sent = resumeAfter.getAsLong();
            while (true) {
                Optional<List<Change>> page = log.after(sent, PAGE);
                if (page.isEmpty()) {
                    sent = log.head();
                    send(new Outgoing(FeedEvents.RESYNC, sent, json(new FeedEvents.Position(sent))));
                    sendPresent();
                    return;
                }
                for (Change c : page.get()) {
                    send(changeEvent(c));
                }
                if (page.get().size() < PAGE || dropped) {
                    break;
                }
            }
            send(new Outgoing(FeedEvents.READY, sent, json(new FeedEvents.Position(sent))));
            sendPresent();
        }

        /** Everyone present now: a (re)connecting client rebuilds its picture of presence from these. */
        private void sendPresent() {
            for (Presence p : presence.all()) {
                send(presenceEvent(p));
            }
        }

        private void send(Outgoing o) {
            if (client.terminated()) {
                drop("the client went away");
                return;
            }
            if (o.event() == null) {
                client.sendComment(o.data());
            } else if (o.position() >= 0) {
                client.sendEvent(o.event(), o.data(), Long.toString(o.position()));
                sent = Math.max(sent, o.position());
            } else {
                client.sendEvent(o.event(), o.data());
            }
        }

        void drop(String why) {
            if (dropped) {
                return;
            }
            dropped = true;
            subscribers.remove(this);
            LOG.info("dropped a feed subscriber: {}; it can resume with its Last-Event-ID", why);
            queue.clear();
            // abort the connection: a close would wait behind a write blocked on a client that reads nothing
            try {
                org.eclipse.jetty.ee10.servlet.ServletContextRequest.getServletContextRequest(client.ctx().req())
                        .getConnectionMetaData().getConnection().getEndPoint().close();
            } catch (RuntimeException notJetty) {
                // the close below ends the stream in any case
            }
            client.close();
        }
    }

    // ---------------------------------------------------------------- pumping

    private void wake() {
        if (pumpScheduled.compareAndSet(false, true)) {
            try {
                pump.execute(this::pump);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                pumpScheduled.set(false);
            }
        }
    }

    private void pump() {
        pumpScheduled.set(false);
        if (subscribers.isEmpty()) {
            unfollow();
            return;
        }
        try {
            if (pumped < 0) {
                pumped = log.head();
            }
            while (true) {
                Optional<List<Change>> page = log.after(pumped, PAGE);
                if (page.isEmpty()) {
                    // the pump itself fell behind what is kept (a database away for a day): everyone reads afresh
                    pumped = log.head();
                    Outgoing resync = new Outgoing(FeedEvents.RESYNC, pumped, json(new FeedEvents.Position(pumped)));
                    subscribers.forEach(s -> s.offer(resync));
                    break;
                }
                for (Change c : page.get()) {
                    Outgoing event = changeEvent(c);
                    subscribers.forEach(s -> s.offer(event));
                    pumped = c.position();
                }
                if (page.get().size() < PAGE) {
                    break;
                }
            }
            if (storeTrouble.compareAndSet(true, false)) {
                LOG.info("the change feed reads the database again");
            }
        } catch (StoreException e) {
            if (storeTrouble.compareAndSet(false, true)) {
                LOG.warn("the change feed cannot read the database ({}); trying again", e.getMessage());
            }
            timers.schedule(this::wake, 1, TimeUnit.SECONDS);
        }
    }

    private Outgoing changeEvent(Change c) {
        if (c instanceof LockChange l) {
            return new Outgoing(FeedEvents.LOCK, l.position(), json(FeedEvents.LockData.of(l)));
        }
        NoteChange n = (NoteChange) c;
        return new Outgoing(FeedEvents.NOTE, n.position(), json(FeedEvents.NoteData.of(n)));
    }

    private Outgoing presenceEvent(Presence p) {
        return new Outgoing(FeedEvents.PRESENCE, -1, json(FeedEvents.PresenceData.of(p)));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value, e);
        }
    }

    private void keepAlive() {
        subscribers.forEach(s -> s.offer(Outgoing.KEEP_ALIVE));
    }

    private void forgetOld() {
        try {
            log.forgetBefore(clock.instant().minus(settings.keepChanges()));
        } catch (StoreException e) {
            LOG.warn("could not forget old changes: {}", e.getMessage());
        }
    }

    /** Ends every stream and stops the feed's threads. */
    @Override
    public void close() {
        presenceSubscription.close();
        ChangeLog.Subscription following = subscription;
        if (following != null) {
            following.close();
        }
        timers.shutdownNow();
        pump.shutdownNow();
        for (Subscriber s : subscribers) {
            s.dropped = true;
            s.client.close();
        }
        subscribers.clear();
        senders.shutdownNow();
    }
}
