-- Locks on notes (leases, PUT /notes/{id}/lock) and presence (who is viewing or editing a note). Self-contained: it
-- needs nothing but V1 (V2, another branch's, adds columns to notes that nothing here reads). NOTE for a merge: this
-- replaces concord_lock_and_read; a migration that also replaces it must keep both sets of columns.

-- One lease per note: durable like the note, shared by every instance. The token lets its holder write while it
-- lasts; a lease whose expires_at has passed holds nothing and is removed by the next write of the note or by a
-- sweep (whichever instance gets there first logs its expiry, once).
CREATE TABLE locks (
    id         text        PRIMARY KEY,
    holder     text        NOT NULL,
    token      text        NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX locks_by_expiry ON locks (expires_at);

-- A lock's change in the feed's log: a row of changes with its action (taken, renewed, released, expired) and the
-- lease's end; version and seq are 0 (no ETag), updated_by is the lock's holder. NULL for a note's change.
ALTER TABLE changes ADD COLUMN lock_action text, ADD COLUMN lock_expires_at timestamptz;

-- Presence is ephemeral: UNLOGGED (no WAL; emptied after a crash of the database, which loses nothing anyone
-- needs: clients renew every few seconds). Each instance tells the others of a change with NOTIFY concord_presence.
CREATE UNLOGGED TABLE presence (
    note_id    text        NOT NULL,
    user_name  text        NOT NULL,
    state      text        NOT NULL,
    since      timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (note_id, user_name)
);
CREATE INDEX presence_by_expiry ON presence (expires_at);

-- As in V1, and the note's lease with the database's clock in the same round trip, so a write checks the lock at no
-- extra cost. The lease is read after the advisory lock is held, so it is the one every writer of the note sees.
DROP FUNCTION concord_lock_and_read(text[], int[]);
CREATE FUNCTION concord_lock_and_read(note_ids text[], lock_keys int[])
RETURNS TABLE (id text, version bigint, deleted boolean, seq bigint, title text, body bytea, tags text[],
               updated_at timestamptz, updated_by text, lock_holder text, lock_token text,
               lock_expires_at timestamptz, now timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    k int;
BEGIN
    FOR k IN SELECT DISTINCT x FROM unnest(lock_keys) AS x ORDER BY x LOOP
        PERFORM pg_advisory_xact_lock(1, k);
    END LOOP;
    RETURN QUERY
        SELECT n.id, n.version, n.deleted, v.seq, v.title, b.body, v.tags, v.updated_at, v.updated_by,
               l.holder, l.token, l.expires_at, date_trunc('milliseconds', clock_timestamp())
        FROM notes n
        LEFT JOIN versions v ON v.id = n.id AND v.version = n.version
        LEFT JOIN bodies b ON b.id = n.id AND b.version = n.version
        LEFT JOIN locks l ON l.id = n.id
        WHERE n.id = ANY (note_ids);
END
$$;
