package concord.ui.notes;

import concord.model.Presence;
import concord.ui.DisplayText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Who else is in which note, as the server's feed tells it, and what the editor's header says about the open note
 * ("Alice is editing · Bob is viewing"). The window's own user is left out. Used on the FX thread only.
 */
public final class NotePresence {

    private final String self;
    private final Map<String, Map<String, Presence>> byNote = new HashMap<>();
    private final ReadOnlyStringWrapper openNoteText = new ReadOnlyStringWrapper("");
    private String openNote;

    public NotePresence(String self) {
        this.self = Objects.requireNonNull(self, "self");
    }

    /** The feed (re)connected: what it sends next is everyone present; what was known before may be stale. */
    public void reset() {
        byNote.clear();
        update();
    }

    /** Someone arrived, switched between viewing and editing, or left. */
    public void changed(Presence p) {
        if (p.user().equals(self)) {
            return;
        }
        if (p.state() == Presence.State.LEFT) {
            Map<String, Presence> in = byNote.get(p.noteId());
            if (in != null) {
                in.remove(p.user());
                if (in.isEmpty()) {
                    byNote.remove(p.noteId());
                }
            }
        } else {
            byNote.computeIfAbsent(p.noteId(), k -> new LinkedHashMap<>()).put(p.user(), p);
        }
        update();
    }

    /** The editor shows this note now ({@code null}: none). */
    public void opened(String noteId) {
        openNote = noteId;
        update();
    }

    /** Everyone else in the note, the longest there first. */
    public List<Presence> in(String noteId) {
        List<Presence> out = new ArrayList<>(byNote.getOrDefault(noteId, Map.of()).values());
        out.sort(Comparator.comparing(Presence::since).thenComparing(Presence::user));
        return out;
    }

    /** "Alice is editing · Bob is viewing" for the open note, or empty. */
    public ReadOnlyStringProperty openNoteTextProperty() {
        return openNoteText.getReadOnlyProperty();
    }

    private void update() {
        openNoteText.set(openNote == null ? "" : in(openNote).stream().map(DisplayText::presence)
                .collect(Collectors.joining(" · ")));
    }
}
