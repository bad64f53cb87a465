package concord.store;

import concord.model.Presence;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Presence kept in this process: the SQLite engine's, where one process serves every client. */
final class MemoryPresenceBoard implements PresenceBoard {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryPresenceBoard.class);
    static final Comparator<Presence> LONGEST_FIRST = Comparator.comparing(Presence::since).thenComparing(Presence::user);

    private record Key(String noteId, String user) {
    }

    private record Entry(Presence presence, Instant expiresAt) {
    }

    private final Clock clock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final List<Consumer<Presence>> listeners = new CopyOnWriteArrayList<>();

    MemoryPresenceBoard(Clock clock) {
        this.clock = clock;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public void announce(String noteId, String user, Presence.State state, Duration ttl) {
        if (state == Presence.State.LEFT) {
            leave(noteId, user);
            return;
        }
        Instant now = now();
        Presence[] changed = new Presence[1];
        entries.compute(new Key(noteId, user), (k, old) -> {
            boolean same = old != null && old.presence().state() == state && old.expiresAt().isAfter(now);
            Presence p = same ? old.presence() : new Presence(noteId, user, state, now);
            if (!same) {
                changed[0] = p;
            }
            return new Entry(p, now.plus(ttl));
        });
        tell(changed[0]);
    }

    @Override
    public void leave(String noteId, String user) {
        Entry gone = entries.remove(new Key(noteId, user));
        if (gone != null) {
            tell(new Presence(noteId, user, Presence.State.LEFT, now()));
        }
    }

    @Override
    public List<Presence> in(String noteId) {
        return present(e -> e.presence().noteId().equals(noteId));
    }

    @Override
    public List<Presence> all() {
        return present(e -> true);
    }

    private List<Presence> present(java.util.function.Predicate<Entry> which) {
        Instant now = now();
        List<Presence> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.expiresAt().isAfter(now) && which.test(e)) {
                out.add(e.presence());
            }
        }
        out.sort(LONGEST_FIRST);
        return out;
    }

    @Override
    public ChangeLog.Subscription onChange(Consumer<Presence> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void sweep() {
        Instant now = now();
        for (Map.Entry<Key, Entry> e : entries.entrySet()) {
            if (!e.getValue().expiresAt().isAfter(now) && entries.remove(e.getKey(), e.getValue())) {
                tell(new Presence(e.getKey().noteId(), e.getKey().user(), Presence.State.LEFT, now));
            }
        }
    }

    private void tell(Presence change) {
        if (change == null) {
            return;
        }
        for (Consumer<Presence> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a presence listener failed", e);
            }
        }
    }
}
