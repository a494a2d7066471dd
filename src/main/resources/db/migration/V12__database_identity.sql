-- The database's own id, made once, here: an outbox belongs to the database that first wrote to it
-- (a marker file at the outbox's root holds this id), so a run of another database can never publish
-- files under the names this one published. A restore (or a copy) of the database keeps the id; a new
-- database makes a new one. Letters only (a UUID's hex digits mapped to g..p, its dashes dropped), so
-- no dump or log of it can ever look like a card number.
CREATE TABLE database_identity (
    only_row    BOOLEAN     PRIMARY KEY DEFAULT true CHECK (only_row),
    database_id TEXT        NOT NULL UNIQUE CHECK (database_id ~ '^[a-p]{32}$')
                            DEFAULT translate(gen_random_uuid()::text, '0123456789-', 'ghijklmnop'),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO database_identity DEFAULT VALUES;
