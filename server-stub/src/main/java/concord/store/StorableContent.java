package concord.store;

import concord.model.NoteContent;

/**
 * What every engine refuses to store, the same on each so that one contract holds for both. The HTTP layer refuses
 * all of it earlier with a 400; these checks stop a store-level caller.
 */
final class StorableContent {

    /** Tags are kept joined by it in SQLite. */
    static final char TAG_SEPARATOR = '\u001F';

    private StorableContent() {
    }

    /** @throws IllegalArgumentException if the write cannot be stored as given, before anything is written */
    static void require(NoteContent content, String user) {
        if (user == null || user.isEmpty()) {
            throw new IllegalArgumentException("a write needs a user name");
        }
        // U+0000 fits no PostgreSQL text; a body may hold it (bodies are kept as bytes there)
        if (content.title().indexOf('\0') >= 0 || user.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a title or user name must not contain U+0000");
        }
        for (String tag : content.tags()) {
            if (tag == null || tag.indexOf(TAG_SEPARATOR) >= 0 || tag.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("a tag must not be null or contain U+001F or U+0000");
            }
        }
    }
}
