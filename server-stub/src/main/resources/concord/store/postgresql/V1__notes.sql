-- Concord's notes on PostgreSQL, shared by any number of server instances. Applied by Flyway when an instance
-- starts; Flyway holds a lock while it migrates, so instances starting at once apply it exactly once.

-- The ETag salt: drawn once per database, so a database re-created from scratch never repeats a tag.
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
INSERT INTO meta VALUES ('etag_salt', substr(md5(random()::text || clock_timestamp()::text), 1, 6));

-- One number per write, from the database, never from an instance: ETags (v<version>-<seq>-<salt>) are unique
-- across instances, across delete and re-create, and across restarts. nextval is never rolled back.
CREATE SEQUENCE concord_seq;

-- The current state of each id (its latest version, or a tombstone); seq = the number of its last write.
CREATE TABLE notes (
    id      text    PRIMARY KEY,
    version bigint  NOT NULL,
    seq     bigint  NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX notes_live_by_seq ON notes (seq) WHERE NOT deleted;

-- Every kept version, without its body, so that listing versions never reads bodies.
CREATE TABLE versions (
    id         text        NOT NULL,
    version    bigint      NOT NULL,
    seq        bigint      NOT NULL,
    title      text        NOT NULL,
    tags       text[]      NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    PRIMARY KEY (id, version)
);

-- Bodies as their UTF-8 bytes: text cannot hold U+0000, which a note body may contain.
CREATE TABLE bodies (
    id      text   NOT NULL,
    version bigint NOT NULL,
    body    bytea  NOT NULL,
    PRIMARY KEY (id, version)
);

-- Idempotency tokens of POST /transactions, per user, honoured by every instance for 10 minutes.
CREATE TABLE tx_tokens (
    user_name   text        NOT NULL,
    token       text        NOT NULL,
    fingerprint text        NOT NULL,
    outcome     text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (user_name, token)
);
CREATE INDEX tx_tokens_by_age ON tx_tokens (created_at);

-- The change feed's log. position = (the writing transaction's id << 20) + its n-th change: a reader takes only
-- positions below the oldest transaction still running (pg_snapshot_xmin), so every position it has not seen yet
-- is greater than every position it has seen, however the instances' commits interleave.
CREATE TABLE changes (
    position   bigint      PRIMARY KEY,
    id         text        NOT NULL,
    version    bigint      NOT NULL,
    seq        bigint      NOT NULL,
    deleted    boolean     NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL
);
CREATE INDEX changes_by_age ON changes (updated_at);
-- The highest position ever forgotten: a reader behind it must read the notes afresh.
CREATE TABLE changes_horizon (horizon bigint NOT NULL);
INSERT INTO changes_horizon VALUES (0);

-- Locks the notes (advisory locks on their keys, in ascending order, so two writers never wait in a cycle) and
-- then reads them. A VOLATILE function's query takes a fresh snapshot, so it sees what a writer committed while
-- this one waited for its lock: lock and read in one round trip. An advisory lock assigns no transaction id, so
-- a writer's id (and its changes' feed positions) come after those of every writer it waited for.
CREATE FUNCTION concord_lock_and_read(note_ids text[], lock_keys int[])
RETURNS TABLE (id text, version bigint, deleted boolean, seq bigint, title text, body bytea, tags text[],
               updated_at timestamptz, updated_by text)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    k int;
BEGIN
    FOR k IN SELECT DISTINCT x FROM unnest(lock_keys) AS x ORDER BY x LOOP
        PERFORM pg_advisory_xact_lock(1, k);
    END LOOP;
    RETURN QUERY
        SELECT n.id, n.version, n.deleted, v.seq, v.title, b.body, v.tags, v.updated_at, v.updated_by
        FROM notes n
        LEFT JOIN versions v ON v.id = n.id AND v.version = n.version
        LEFT JOIN bodies b ON b.id = n.id AND b.version = n.version
        WHERE n.id = ANY (note_ids);
END
$$;
