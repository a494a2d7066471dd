-- Netting of processor events (CONTRACT section 4). A refund's status follows the count of its
-- confirmations (c) and reversals (r) that agree with it: REFUNDED when c > r, FAILED when
-- 1 <= c <= r, still REFUND_PROCESSING (its balance held) while c = 0. Each event is counted once,
-- by the processor's own reference for it, whichever report (or copy of a report) carries it.

ALTER TABLE refund
    ADD COLUMN confirmations INTEGER NOT NULL DEFAULT 0 CHECK (confirmations >= 0),
    ADD COLUMN reversals     INTEGER NOT NULL DEFAULT 0 CHECK (reversals >= 0);
-- refunds reconciled before netting: a confirmed one was confirmed once, a failed one confirmed and reversed
UPDATE refund SET confirmations = CASE WHEN status IN ('REFUNDED', 'FAILED') THEN 1 ELSE 0 END,
                  reversals = CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END
 WHERE status IN ('REFUNDED', 'FAILED');

-- Every refund line ever read, once: its identity is the processor's own reference for the event
-- (card: Type and Modification Reference; PayPal: Transaction ID) or, for a line without one, a
-- digest of its whole text. A line whose identity is here already was delivered again and moves nothing.
CREATE TABLE processor_event (
    payment_method TEXT    NOT NULL CHECK (payment_method IN ('CARD', 'PAYPAL')),
    event_key      UUID    NOT NULL, -- the first 128 bits of the SHA-256 of the identity: 16 bytes to key
    business_date  DATE    NOT NULL, -- the run that first read it
    read_seq       BIGINT  NOT NULL, -- where in that run's reading order
    report_file    TEXT    NOT NULL,
    line_no        INTEGER NOT NULL,
    PRIMARY KEY (event_key, payment_method)
);
-- lines read before netting have no key: they stay counted through the refunds' counts above

TRUNCATE stage_report_line; -- staging only: rebuilt by every reconciliation
ALTER TABLE stage_report_line
    ADD COLUMN event_key      UUID NOT NULL,
    ADD COLUMN processor_type TEXT NOT NULL,
    ADD COLUMN counted        BOOLEAN NOT NULL DEFAULT false, -- the first line of an event never read before
    ALTER COLUMN amount DROP NOT NULL,
    ALTER COLUMN currency DROP NOT NULL;

ALTER TABLE processor_report_line
    ADD COLUMN event_key       UUID,
    ADD COLUMN processor_type  TEXT,
    ADD COLUMN delivered_again BOOLEAN NOT NULL DEFAULT false,
    ALTER COLUMN amount DROP NOT NULL,
    ALTER COLUMN currency DROP NOT NULL,
    DROP CONSTRAINT processor_report_line_kind_check,
    ADD CONSTRAINT processor_report_line_kind_check CHECK (kind IN ('CONFIRMED', 'REVERSED', 'UNHANDLED'));

ALTER TABLE reconciliation_outcome
    ADD COLUMN end_confirmations INTEGER,
    ADD COLUMN end_reversals     INTEGER;

ALTER TABLE reconciliation_break
    ALTER COLUMN refund_id DROP NOT NULL,
    DROP CONSTRAINT reconciliation_break_break_type_check,
    ADD CONSTRAINT reconciliation_break_break_type_check CHECK (break_type IN ('MISSING_CONFIRMATION',
        'UNKNOWN_REFERENCE', 'AMOUNT_MISMATCH', 'CURRENCY_MISMATCH', 'DUPLICATE_CONFIRMATION', 'REVERSED',
        'PAID_AFTER_FAILURE', 'UNHANDLED_REFUND_TYPE'));
