package concord.model;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Someone's presence in a note: viewing it, editing it, or (in a change) having left it. Ephemeral: kept for a short
 * while unless renewed, never part of a note's history.
 *
 * @param since when the user entered this state (a renewal in the same state keeps it); for {@code LEFT}, when they left
 */
public record Presence(String noteId, String user, State state, Instant since) {

    public enum State {
        VIEWING, EDITING, LEFT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The state for a wire name, or null if it is not one. */
        public static State fromWireName(String name) {
            for (State s : values()) {
                if (s.wireName().equals(name)) {
                    return s;
                }
            }
            return null;
        }
    }

    public Presence {
        Objects.requireNonNull(noteId, "noteId");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
