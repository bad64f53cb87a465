-- Full-text search and the record of deletions, both kept by triggers: they commit in the same transaction as the
-- write that changes them (a search never misses an acknowledged save), and the write path's SQL needs no change.
-- Self-contained: it depends only on V1 (V2 and V3 are issue #11's who-deleted columns and issue #15's locks and
-- presence, developed at the same time; this script touches neither).

-- Trigram matching: a term is found anywhere, also inside a word, in any script, with no dictionary or stemming
-- tied to one language; ILIKE folds case as the database's LC_CTYPE does (create the database with a UTF-8 locale).
-- pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- A body as text: bodies are kept as UTF-8 bytes because text cannot hold U+0000, so NUL becomes a space here
-- (a NUL byte never occurs inside a longer UTF-8 sequence, so the rest stays valid UTF-8).
CREATE FUNCTION concord_search_text(body bytea) RETURNS text
LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    p int := position('\x00'::bytea IN body);
BEGIN
    WHILE p > 0 LOOP
        body := set_byte(body, p - 1, 32);
        p := position('\x00'::bytea IN body);
    END LOOP;
    RETURN convert_from(body, 'UTF8');
END
$$;

-- Every live note's current title, tags (one per line, so a term never spans two) and body.
CREATE TABLE search (
    id    text PRIMARY KEY,
    title text NOT NULL,
    tags  text NOT NULL,
    body  text NOT NULL
);
CREATE INDEX search_title ON search USING gin (title gin_trgm_ops);
CREATE INDEX search_tags ON search USING gin (tags gin_trgm_ops);
CREATE INDEX search_body ON search USING gin (body gin_trgm_ops);

-- Who deleted a note when, copied from the change log's row of the deletion (the change log is kept one day).
CREATE TABLE deletions (
    id         text        NOT NULL,
    seq        bigint      NOT NULL,
    deleted_at timestamptz NOT NULL,
    deleted_by text        NOT NULL,
    PRIMARY KEY (id, seq)
);
CREATE INDEX notes_deleted_by_seq ON notes (seq) WHERE deleted;

-- After every write of a note (one statement writes its version, body and state): its search row follows its
-- current version, or goes when it is deleted; a live note has no deletions. An AFTER trigger sees what the whole
-- statement wrote.
CREATE FUNCTION concord_index_note() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.deleted THEN
        DELETE FROM search WHERE id = NEW.id;
    ELSE
        INSERT INTO search (id, title, tags, body)
            SELECT v.id, v.title, array_to_string(v.tags, E'\n'), concord_search_text(b.body)
            FROM versions v JOIN bodies b ON b.id = v.id AND b.version = v.version
            WHERE v.id = NEW.id AND v.version = NEW.version
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, tags = excluded.tags, body = excluded.body;
        DELETE FROM deletions WHERE id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER notes_search AFTER INSERT OR UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION concord_index_note();

CREATE FUNCTION concord_record_deletion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO deletions (id, seq, deleted_at, deleted_by) VALUES (NEW.id, NEW.seq, NEW.updated_at, NEW.updated_by)
        ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER changes_record_deletion AFTER INSERT ON changes FOR EACH ROW WHEN (NEW.deleted)
    EXECUTE FUNCTION concord_record_deletion();

-- The notes that exist already, once.
INSERT INTO search (id, title, tags, body)
    SELECT n.id, v.title, array_to_string(v.tags, E'\n'), concord_search_text(b.body)
    FROM notes n JOIN versions v ON v.id = n.id AND v.version = n.version
    JOIN bodies b ON b.id = n.id AND b.version = n.version
    WHERE NOT n.deleted;
INSERT INTO deletions (id, seq, deleted_at, deleted_by)
    SELECT c.id, c.seq, c.updated_at, c.updated_by FROM changes c JOIN notes n ON n.id = c.id AND n.seq = c.seq
    WHERE c.deleted AND n.deleted
    ON CONFLICT DO NOTHING;
