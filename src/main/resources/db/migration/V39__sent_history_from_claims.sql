-- The files' history kept by their claims (issue 10, the dense night), as V38 did for the approvals.
-- Each claim wrote one history row for every refund it sent (WAITING_REFUND -> REFUND_PROCESSING,
-- "sent in <file>"): a dense night's 787,247 rows, two claims at once (card and PayPal), about 6.5 s of
-- the database's time, for rows that say nothing the claim and the refund do not already hold.
--
-- From now on a claim records itself as ONE row in settlement_claim (the file, its date, its run, the
-- time, and the history id its refunds' rows take), in the transaction that claims the file, and
-- refund_status_history shows, for each claimed file, one row per refund whose settlement_file it is:
-- the same row the claim used to write. A refund's settlement_file names the file that sent it from
-- the claim on and never changes after it (the hold and the take-over of a given-up date's file move
-- only refunds of files still RESERVED); a trigger on refund refuses any change of it once its file is
-- claimed, and archived_refund refuses every change. A refund is never deleted (but moved by the
-- archive, whose rows any_refund shows as well), and settlement_claim refuses UPDATE, DELETE and
-- TRUNCATE: the history stays append-only.
--
-- The claim's id is taken after the night's approvals and holds were recorded, so a refund's "sent"
-- row comes after its approval and before every later change, as before. Files claimed before this
-- migration keep their rows in refund_status_change and have no claim row: nothing is shown twice.
CREATE TABLE settlement_claim (
    file_name        TEXT        PRIMARY KEY,
    business_date    DATE        NOT NULL,
    history_id       BIGINT      NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    job_execution_id BIGINT
);
CREATE TRIGGER settlement_claim_append_only
    BEFORE UPDATE OR DELETE ON settlement_claim FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER settlement_claim_no_truncate
    BEFORE TRUNCATE ON settlement_claim FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Fires only for a statement that sets settlement_file (the claims' waiting refunds, the hold, a
-- take-over), never for the status changes of reconciliation, and looks the old file up by its key.
CREATE FUNCTION refuse_claimed_file_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM settlement_claim WHERE file_name = OLD.settlement_file) THEN
        RAISE EXCEPTION 'refund % was sent in %, which it keeps: its settlement_file cannot change',
            OLD.refund_id, OLD.settlement_file;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER refund_keeps_its_claimed_file
    BEFORE UPDATE OF settlement_file ON refund FOR EACH ROW
    WHEN (OLD.settlement_file IS NOT NULL AND OLD.settlement_file IS DISTINCT FROM NEW.settlement_file)
    EXECUTE FUNCTION refuse_claimed_file_change();

CREATE OR REPLACE VIEW refund_status_history AS
SELECT h.id, h.refund_id, h.from_status, h.to_status, h.changed_at, h.business_date, h.job_execution_id, h.why,
       'refund_status_change'::text AS kept_in, NULL::text AS refund_key
  FROM refund_status_change h
UNION ALL
SELECT a.history_id, d.refund_id, NULL::text, 'WAITING_REFUND'::text, a.changed_at, d.business_date,
       a.job_execution_id, d.decision || ' ' || d.trigger_type || ' ' || d.refund_key,
       'decision'::text, d.refund_key
  FROM approvals_recorded a
  JOIN decision d ON d.business_date = a.business_date
 WHERE d.final AND d.decision IN ('APPROVED', 'APPROVED_CAPPED')
UNION ALL
SELECT c.history_id, r.refund_id, 'WAITING_REFUND'::text, 'REFUND_PROCESSING'::text, c.changed_at, c.business_date,
       c.job_execution_id, 'sent in ' || c.file_name, 'settlement_claim'::text, NULL::text
  FROM settlement_claim c
  JOIN any_refund r ON r.settlement_file = c.file_name;
