-- Each night adds a row to refund_status_history for every refund it approves, sends, confirms or
-- fails: a few hundred thousand rows. They were indexed by refund_id alone, a hash, so each row went
-- into a page at random among every night's entries; once that index outgrew the shared buffers
-- (100 MB at twelve usual nights), each insert read a page, dirtied it and wrote it back, and its
-- full-page image went to the WAL after every checkpoint: the approvals' history rows took 0.35 s on
-- night 2 and 1.0 s on night 12, the status changes' 0.3 s and 0.8 s. Led by the business date, a
-- night's rows all go into its own end of the index. The one reader by refund, the support site's
-- refund page (RefundDetails), asks for each business date the history holds: one lookup per date,
-- milliseconds even for years of nights.
CREATE INDEX refund_status_history_date_refund_idx ON refund_status_history (business_date, refund_id);
DROP INDEX refund_status_history_refund_idx;
