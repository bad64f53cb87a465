-- Who deleted a note and when, kept on its tombstone: someone whose save finds the note gone is told by whom
-- (GET answers 410 with them). Notes deleted before this migration keep nulls: nobody knows.
ALTER TABLE notes ADD COLUMN deleted_by text, ADD COLUMN deleted_at timestamptz;
