-- Settlement files: one per payment method per business date, numbered by a sequence per method
-- that rises by exactly one per file. A file's row is claimed (with its refunds) in the same
-- transaction that moves the refunds to REFUND_PROCESSING, before any byte is written, so the
-- file can always be rebuilt, byte for byte, from the database.

CREATE TABLE settlement_sequence (
    payment_method TEXT    PRIMARY KEY CHECK (payment_method IN ('CARD', 'PAYPAL')),
    last_sequence  INTEGER NOT NULL CHECK (last_sequence BETWEEN 0 AND 999999)
);
INSERT INTO settlement_sequence (payment_method, last_sequence) VALUES ('CARD', 0), ('PAYPAL', 0);

CREATE TABLE settlement_file (
    payment_method TEXT        NOT NULL CHECK (payment_method IN ('CARD', 'PAYPAL')),
    sequence       INTEGER     NOT NULL CHECK (sequence BETWEEN 1 AND 999999),
    business_date  DATE        NOT NULL,
    file_name      TEXT        NOT NULL UNIQUE,
    status         TEXT        NOT NULL CHECK (status IN ('CLAIMED', 'PUBLISHED')),
    claimed_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at   TIMESTAMPTZ,
    record_count   INTEGER,
    sha256         TEXT,
    PRIMARY KEY (payment_method, sequence),
    UNIQUE (payment_method, business_date)
);

-- set only by the claim, in the transaction that records the file (a foreign key would check each row)
ALTER TABLE refund ADD COLUMN settlement_file TEXT;
CREATE INDEX refund_settlement_file_idx ON refund (settlement_file, refund_id);
