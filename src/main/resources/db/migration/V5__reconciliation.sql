-- Reconciliation with the processors' reports: every refund line read, what each run did to each
-- refund it touched (for the roll-forward), the breaks, and the roll-forward itself.

CREATE UNLOGGED TABLE stage_report_line (
    read_seq       BIGINT  NOT NULL, -- the order the lines were read in: reports by batch, then line
    payment_method TEXT    NOT NULL,
    report_file    TEXT    NOT NULL,
    line_no        INTEGER NOT NULL,
    refund_id      TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    currency       TEXT    NOT NULL,
    amount         NUMERIC NOT NULL
);

CREATE TABLE processor_report_line (
    business_date  DATE    NOT NULL,
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('CARD', 'PAYPAL')),
    report_file    TEXT    NOT NULL,
    line_no        INTEGER NOT NULL,
    refund_id      TEXT    NOT NULL,
    kind           TEXT    NOT NULL CHECK (kind IN ('CONFIRMED', 'REVERSED')),
    currency       TEXT    NOT NULL,
    amount         NUMERIC NOT NULL,
    PRIMARY KEY (business_date, report_file, line_no)
);

-- one row per refund whose status a run's reconciliation moved: where it started and ended
CREATE TABLE reconciliation_outcome (
    business_date  DATE    NOT NULL,
    refund_id      TEXT    NOT NULL,
    payment_method TEXT    NOT NULL,
    currency       CHAR(3) NOT NULL,
    amount_minor   BIGINT  NOT NULL,
    start_status   TEXT    NOT NULL,
    end_status     TEXT    NOT NULL,
    PRIMARY KEY (business_date, refund_id)
);

CREATE TABLE reconciliation_break (
    business_date   DATE    NOT NULL,
    seq             INTEGER NOT NULL,
    break_type      TEXT    NOT NULL CHECK (break_type IN ('MISSING_CONFIRMATION', 'UNKNOWN_REFERENCE',
                        'AMOUNT_MISMATCH', 'CURRENCY_MISMATCH', 'DUPLICATE_CONFIRMATION', 'REVERSED')),
    payment_method  TEXT    NOT NULL,
    refund_id       TEXT    NOT NULL,
    currency        TEXT,
    expected_amount TEXT,
    reported_amount TEXT,
    report_file     TEXT,
    report_line     INTEGER,
    detail          TEXT    NOT NULL,
    PRIMARY KEY (business_date, seq)
);

-- outstanding (WAITING_REFUND or REFUND_PROCESSING) per method and currency when the run began
CREATE TABLE reconciliation_opening (
    business_date  DATE    NOT NULL,
    payment_method TEXT    NOT NULL,
    currency       CHAR(3) NOT NULL,
    refund_count   BIGINT  NOT NULL,
    amount_minor   BIGINT  NOT NULL,
    PRIMARY KEY (business_date, payment_method, currency)
);

-- the status changes a reconciliation decided, before they are applied set-based
CREATE UNLOGGED TABLE stage_transition (
    seq         INTEGER NOT NULL,
    refund_id   TEXT    NOT NULL,
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    why         TEXT    NOT NULL
);
