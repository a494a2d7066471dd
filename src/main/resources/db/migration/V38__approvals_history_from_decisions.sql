-- The approvals' history kept by the decisions themselves (issue 10, the dense night). Each night
-- wrote one history row for every refund it approved (NULL -> WAITING_REFUND, "why" the decision,
-- the trigger and the refund key), copied from its decision row: a dense night's 787,247 approvals
-- took 3 s to 4 s of a single connection, on the night's critical path, for rows that say nothing
-- the decision does not already hold but when they were recorded and by which run.
--
-- From now on a night records its approvals as ONE row in approvals_recorded (its date, its run, the
-- time, and the history id its approvals take), and refund_status_history is a view: the rows kept
-- as before (now in refund_status_change: every other change, and every approval recorded before
-- this migration) and, for each date in approvals_recorded, one row per approving decision of that
-- date, the same row the night used to write. Readers see what they saw: from, to, when, which run,
-- why. Writers insert into refund_status_change.
--
-- Both sources are append-only: refund_status_change keeps its triggers (they follow the rename),
-- and decision and approvals_recorded refuse UPDATE, DELETE and TRUNCATE from now on (nothing ever
-- changed a decision: a re-run decides its triggers afresh only for what was never committed).
--
-- The id orders a refund's history. A night's approvals share one id, taken from the history's own
-- identity when they are recorded: a refund's approval is its first change, and every later change
-- (held, sent, confirmed) takes a larger id. Across refunds, order by (id, refund_id COLLATE "C") for
-- the order the rows used to be written in.
--
-- The view's two last columns say where a row is kept (kept_in: 'refund_status_change' or
-- 'decision') and, for an approval, its refund key. They let a reader ask each source only for what it
-- holds: a constant kept_in prunes the other side of the UNION ALL, and the key reaches an approval
-- through decision_final_once, the index of the final decision of each key (the support site's refund
-- page, RefundDetails). An approval is always final ("final" is generated so); the view says so too,
-- for the planner to see that the index holds every approval.
ALTER TABLE refund_status_history RENAME TO refund_status_change;

CREATE TABLE approvals_recorded (
    business_date    DATE        PRIMARY KEY,
    history_id       BIGINT      NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    job_execution_id BIGINT
);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;
CREATE TRIGGER approvals_recorded_append_only
    BEFORE UPDATE OR DELETE ON approvals_recorded FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER approvals_recorded_no_truncate
    BEFORE TRUNCATE ON approvals_recorded FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decision_append_only
    BEFORE UPDATE OR DELETE ON decision FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER decision_no_truncate
    BEFORE TRUNCATE ON decision FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE VIEW refund_status_history AS
SELECT h.id, h.refund_id, h.from_status, h.to_status, h.changed_at, h.business_date, h.job_execution_id, h.why,
       'refund_status_change'::text AS kept_in, NULL::text AS refund_key
  FROM refund_status_change h
UNION ALL
SELECT a.history_id, d.refund_id, NULL::text, 'WAITING_REFUND'::text, a.changed_at, d.business_date,
       a.job_execution_id, d.decision || ' ' || d.trigger_type || ' ' || d.refund_key,
       'decision'::text, d.refund_key
  FROM approvals_recorded a
  JOIN decision d ON d.business_date = a.business_date
 WHERE d.final AND d.decision IN ('APPROVED', 'APPROVED_CAPPED');

-- who could read the history before can read it still (the support site's role: jobs/create-support-role)
DO $$
DECLARE reader TEXT;
BEGIN
    FOR reader IN SELECT DISTINCT g.grantee::regrole::text
                    FROM pg_class c, aclexplode(c.relacl) g
                   WHERE c.oid = 'refund_status_change'::regclass AND g.privilege_type = 'SELECT'
                     AND g.grantee <> 0 AND g.grantee <> c.relowner LOOP
        EXECUTE format('GRANT SELECT ON refund_status_history TO %s', reader);
    END LOOP;
END $$;
