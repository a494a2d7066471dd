-- Refunds flagged stuck: approved more than N days before the run and not REFUNDED. A refund stays
-- listed while it is stuck, with the date it was first flagged; it leaves the list (cleared_on)
-- once it completes, and is flagged afresh if it gets stuck again.
CREATE TABLE stuck_refund (
    refund_id        TEXT PRIMARY KEY,
    reason           TEXT NOT NULL CHECK (reason IN ('NEVER_SENT', 'NO_CONFIRMATION', 'FAILED')),
    first_flagged_on DATE NOT NULL,
    last_flagged_on  DATE NOT NULL,
    cleared_on       DATE
);
CREATE INDEX refund_approved_on_idx ON refund (approved_on);
