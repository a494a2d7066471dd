-- A night's settlement files are reserved before its triggers are decided (issue 10, measured on a
-- dense night: one drop of a million orders with about one refund trigger each).
--
-- The claim moved every refund the night approved from WAITING_REFUND to REFUND_PROCESSING and
-- named its file: a second write of each refund, a second of its mirror in open_refund, and the old
-- and new versions of every row kept for the statement's triggers (787,247 refunds: 34 s to 44 s of
-- the database's time, among the night's longest statements). Now the file of each payment method
-- takes its sequence and name first (RESERVED), the decisions' parts write the night's approved
-- refunds straight into it (REFUND_PROCESSING, the file named, status changed on the date), and the
-- claim adds the refunds that waited from earlier (reissues, released holds), writes the history
-- row of every refund of the file, and makes it CLAIMED, in one transaction, as before. A hold
-- takes its refunds out of the reserved file again. The history of each refund is unchanged:
-- approved (WAITING_REFUND), then sent in its file (REFUND_PROCESSING) or held (HELD). A file
-- reserved for a date whose run failed and was given up (its drop folder taken away) passes, with
-- its number and refunds, to the next date's run.
ALTER TABLE settlement_file DROP CONSTRAINT settlement_file_status_check;
ALTER TABLE settlement_file ADD CONSTRAINT settlement_file_status_check
    CHECK (status IN ('RESERVED', 'CLAIMED', 'PUBLISHED'));
