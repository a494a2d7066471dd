-- Late drops (CONTRACT section 7): the run for D also verifies, loads and merges the complete drops
-- of earlier dates that never ran (late dates), oldest first, then its own. Staging holds every drop
-- of the run, each row with the date of its drop; a late date, once carried, is recorded as such.

ALTER TABLE nightly_run DROP CONSTRAINT nightly_run_status_check;
ALTER TABLE nightly_run ADD CONSTRAINT nightly_run_status_check
    CHECK (status IN ('RUNNING', 'FAILED', 'COMPLETED', 'CARRIED'));
-- the date whose run carried this date's drop (status CARRIED)
ALTER TABLE nightly_run ADD COLUMN carried_by DATE;
-- the late dates this date's run carries, chosen by its first attempt: a restart carries no others
ALTER TABLE nightly_run ADD COLUMN carries DATE[];
ALTER TABLE nightly_run ADD CONSTRAINT nightly_run_carried_by
    CHECK ((status = 'CARRIED') = (carried_by IS NOT NULL));

-- staging is rebuilt by every run: nothing in it survives a migration
TRUNCATE stage_orders, stage_cancellations, stage_dispute_resolutions, stage_store_blocks, stage_free_returns,
         stage_file, stage_reject;

-- each staged row with the date of its drop (the load step copies it in with the row)
ALTER TABLE stage_orders ADD COLUMN drop_date DATE NOT NULL;
ALTER TABLE stage_cancellations ADD COLUMN drop_date DATE NOT NULL;
ALTER TABLE stage_dispute_resolutions ADD COLUMN drop_date DATE NOT NULL;
ALTER TABLE stage_store_blocks ADD COLUMN drop_date DATE NOT NULL;
ALTER TABLE stage_free_returns ADD COLUMN drop_date DATE NOT NULL;

ALTER TABLE stage_file DROP CONSTRAINT stage_file_pkey;
ALTER TABLE stage_file ADD COLUMN drop_date DATE NOT NULL;
ALTER TABLE stage_file ADD PRIMARY KEY (drop_date, file);

ALTER TABLE stage_reject DROP CONSTRAINT stage_reject_pkey;
ALTER TABLE stage_reject ADD COLUMN drop_date DATE NOT NULL;
ALTER TABLE stage_reject ADD PRIMARY KEY (drop_date, file, line_no);

-- A dispute decided UNKNOWN_ORDER keeps its paying amount as delivered (its currency was unknown),
-- so it can be decided again when its order arrives in a late drop.
ALTER TABLE refund_trigger ADD COLUMN amount_text TEXT;

-- The events decided UNKNOWN_ORDER, found by order when a late drop brings the order (few rows).
CREATE INDEX decision_unknown_order_idx ON decision (order_id) WHERE reason = 'UNKNOWN_ORDER';
