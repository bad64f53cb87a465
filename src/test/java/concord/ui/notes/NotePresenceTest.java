package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.model.Presence;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotePresenceTest {

    private static Presence p(String note, String user, Presence.State state, int second) {
        return new Presence(note, user, state, Instant.ofEpochSecond(second));
    }

    @Test
    void theHeaderNamesEveryoneElseInTheOpenNoteTheLongestThereFirst() {
        NotePresence presence = new NotePresence("Bob");
        presence.opened("plan");
        presence.changed(p("plan", "Carol", Presence.State.VIEWING, 20));
        presence.changed(p("plan", "Alice", Presence.State.EDITING, 10));
        presence.changed(p("plan", "Bob", Presence.State.EDITING, 5));
        presence.changed(p("other", "Dave", Presence.State.EDITING, 1));
        assertEquals("Alice is editing · Carol is viewing", presence.openNoteTextProperty().get());
        presence.opened("other");
        assertEquals("Dave is editing", presence.openNoteTextProperty().get());
        presence.opened(null);
        assertEquals("", presence.openNoteTextProperty().get());
    }

    @Test
    void aDepartureRemovesTheChipAndAResetForgetsEveryone() {
        NotePresence presence = new NotePresence("Bob");
        presence.opened("plan");
        presence.changed(p("plan", "Alice", Presence.State.VIEWING, 10));
        presence.changed(p("plan", "Alice", Presence.State.EDITING, 12));
        assertEquals("Alice is editing", presence.openNoteTextProperty().get());
        presence.changed(p("plan", "Alice", Presence.State.LEFT, 13));
        assertEquals("", presence.openNoteTextProperty().get());
        presence.changed(p("plan", "Carol", Presence.State.VIEWING, 14));
        presence.reset();
        assertEquals("", presence.openNoteTextProperty().get());
        presence.changed(p("plan", "Nobody", Presence.State.LEFT, 15)); // leaving unknown: nothing happens
        assertEquals(0, presence.in("plan").size());
    }
}
