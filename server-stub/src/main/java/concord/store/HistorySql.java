package concord.store;

/**
 * The history statements both engines run unchanged: the versions and bodies tables have the same columns on
 * SQLite and PostgreSQL (see {@link SqliteSchema} and {@code concord/store/postgresql/V1__notes.sql}).
 */
final class HistorySql {

    private HistorySql() {
    }

    /** Columns: id, title, tags, version, seq, updated_at, updated_by; parameters: id, after (version), limit. */
    static final String VERSIONS = "SELECT id, title, tags, version, seq, updated_at, updated_by"
            + " FROM versions WHERE id = ? AND version > ? ORDER BY version LIMIT ?";
    /** Columns as {@link #VERSIONS}; parameters: id, before (version), limit. */
    static final String VERSIONS_NEWEST_FIRST = "SELECT id, title, tags, version, seq, updated_at, updated_by"
            + " FROM versions WHERE id = ? AND version < ? ORDER BY version DESC LIMIT ?";
    /** Whether the id ever existed (a note that has no version kept is still known). Parameter: id. */
    static final String ANY_VERSION = "SELECT 1 FROM notes WHERE id = ?";
    /** Columns: title, body, tags, seq, updated_at, updated_by; parameters: id, version. */
    static final String VERSION_OF = "SELECT v.title, b.body, v.tags, v.seq, v.updated_at, v.updated_by"
            + " FROM versions v JOIN bodies b ON b.id = v.id AND b.version = v.version WHERE v.id = ? AND v.version = ?";
}
