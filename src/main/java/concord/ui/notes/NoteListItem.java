package concord.ui.notes;

import concord.ui.DisplayText;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One row of the notes list: a note on the server, a local draft of it, or a new note that exists only
 * as a draft.
 *
 * @param updatedBy who saved last on the server ({@code null} for a note never saved)
 * @param updatedAt when ({@code null} for a note never saved)
 * @param hasDraft  unsaved local changes exist for this note
 */
public record NoteListItem(String key, String title, List<String> tags, String updatedBy, Instant updatedAt,
                           boolean hasDraft) {

    public NoteListItem {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public boolean localOnly() {
        return updatedAt == null;
    }

    /** Whether the filter text (already lower-cased) matches title, tags or author. */
    public boolean matches(String filterLowerCase) {
        if (filterLowerCase == null || filterLowerCase.isBlank()) {
            return true;
        }
        String f = filterLowerCase.strip();
        return displayTitle().toLowerCase(Locale.ROOT).contains(f)
                || (updatedBy != null && updatedBy.toLowerCase(Locale.ROOT).contains(f))
                || tags.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(f));
    }

    public String displayTitle() {
        return DisplayText.title(title);
    }
}
