package concord.ui.notes;

import concord.model.Note;
import concord.ui.DisplayText;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The status bar's words for the open note's saved version: "Version 7 · saved by alice at 10:32" (today), "… on
 * 3 Dec at 10:32" (this year), "… on 3 Dec 2025 at 10:32". The ETag is for developers: it goes to a tooltip.
 */
final class VersionText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    static final String NOT_SAVED = "Not saved yet";

    private VersionText() {
    }

    /** For the open note: its saved version (null when it was never saved); "" when no note is open. */
    static String of(boolean open, Note base, Clock clock) {
        if (!open) {
            return "";
        }
        if (base == null) {
            return NOT_SAVED;
        }
        return "Version " + base.version() + " · saved by " + DisplayText.author(base.updatedBy()) + " "
                + when(base.updatedAt(), clock);
    }

    /** The tooltip: the exact version tag, for whoever compares it with the server's. */
    static String tooltip(Note base) {
        return base == null ? "Not saved on the server yet" : "ETag " + base.etag().header();
    }

    private static String when(Instant at, Clock clock) {
        if (at == null) {
            return "at an unknown time";
        }
        ZoneId zone = clock.getZone();
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        String time = "at " + TIME.format(at.atZone(zone));
        if (day.equals(today)) {
            return time;
        }
        return "on " + (day.getYear() == today.getYear() ? DAY : DAY_YEAR).format(at.atZone(zone)) + " " + time;
    }
}
