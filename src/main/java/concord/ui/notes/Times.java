package concord.ui.notes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Short, readable times for the list ("just now", "14:32", "3 Mar"). */
final class Times {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_YEAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private Times() {
    }

    static String describe(Instant when, Clock clock) {
        if (when == null) {
            return "not saved yet";
        }
        Instant now = clock.instant();
        Duration ago = Duration.between(when, now);
        if (!ago.isNegative() && ago.toSeconds() < 60) {
            return "just now";
        }
        if (!ago.isNegative() && ago.toMinutes() < 60) {
            return ago.toMinutes() + " min ago";
        }
        ZoneId zone = clock.getZone();
        LocalDate day = when.atZone(zone).toLocalDate();
        LocalDate today = now.atZone(zone).toLocalDate();
        if (day.equals(today)) {
            return TIME.format(when.atZone(zone));
        }
        return (day.getYear() == today.getYear() ? DAY : DAY_YEAR).format(when.atZone(zone));
    }
}
