package concord.ui.notes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import concord.model.ETag;
import concord.model.Note;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class VersionTextTest {

    private static final Clock NOON_IN_BERLIN = Clock.fixed(Instant.parse("2026-12-06T11:00:00Z"), ZoneId.of("Europe/Berlin"));

    private static Note saved(long version, String by, String at) {
        return new Note("n", "T", "b", List.of(), version, new ETag("v" + version + "-9-abc"), Instant.parse(at), by);
    }

    @Test
    void aVersionSavedTodaySaysWhoAndAtWhatLocalTime() {
        assertEquals("Version 7 · saved by alice at 10:32",
                VersionText.of(true, saved(7, "alice", "2026-12-06T09:32:00Z"), NOON_IN_BERLIN));
    }

    @Test
    void anOlderVersionSaysTheDayAndTheYearOnlyWhenItIsNotThisYear() {
        assertEquals("Version 2 · saved by bob on 3 Dec at 08:05",
                VersionText.of(true, saved(2, "bob", "2026-12-03T07:05:00Z"), NOON_IN_BERLIN));
        assertEquals("Version 1 · saved by Someone on 31 Dec 2025 at 23:59",
                VersionText.of(true, saved(1, " ", "2025-12-31T22:59:00Z"), NOON_IN_BERLIN));
    }

    @Test
    void aNewNoteIsNotSavedYetAndNoOpenNoteSaysNothing() {
        assertEquals("Not saved yet", VersionText.of(true, null, NOON_IN_BERLIN));
        assertEquals("", VersionText.of(false, null, NOON_IN_BERLIN));
    }

    @Test
    void theETagMovesToTheTooltip() {
        assertEquals("ETag \"v7-9-abc\"", VersionText.tooltip(saved(7, "alice", "2026-12-06T09:32:00Z")));
    }
}
