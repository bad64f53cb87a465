package concord.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Locale;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** The key → file name escaping of {@link FileDraftStore}: one plain, safe file per key, collision-free. */
class DraftFileNamePropertyTest {

    @Property(tries = 2000)
    void everyKeyMapsToOneSafeFileNameInsideTheStore(@ForAll @StringLength(min = 1, max = 400) String key) {
        String name = FileDraftStore.fileName(key);

        assertTrue(name.endsWith(FileDraftStore.SUFFIX));
        assertTrue(name.length() <= 255, "fits a file name on every common file system");
        assertTrue(name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '%' || c == '~' || c == '.' || (c >= 'A' && c <= 'F')), name);
        Path dir = Path.of("/drafts");
        assertEquals(dir, dir.resolve(name).normalize().getParent());
    }

    @Property(tries = 2000)
    void differentKeysNeverShareAFileEvenIgnoringCase(@ForAll @StringLength(min = 1, max = 200) String a,
                                                        @ForAll @StringLength(min = 1, max = 200) String b) {
        Assume.that(!a.equals(b));

        assertNotEquals(FileDraftStore.fileName(a).toLowerCase(Locale.ROOT), FileDraftStore.fileName(b).toLowerCase(Locale.ROOT));
    }

    @Property(tries = 500)
    void keysDifferingOnlyInCaseGetDifferentFiles(@ForAll @StringLength(min = 1, max = 60) String key) {
        String upper = key.toUpperCase(Locale.ROOT);
        String lower = key.toLowerCase(Locale.ROOT);
        Assume.that(!upper.equals(lower));

        assertNotEquals(FileDraftStore.fileName(upper).toLowerCase(Locale.ROOT), FileDraftStore.fileName(lower).toLowerCase(Locale.ROOT));
    }
}
