-- The refunds approved on a date, counted and summed per payment method and currency as they are
-- written, instead of an index of every refund by its approval date (issue 10, the dense night).
--
-- Two readers asked refund for the refunds approved on a date: the run's figures (the console
-- summary, run-summary.json, the metrics) and the reconciliation's roll-forward. For them refund kept
-- refund_approved_on_idx, one entry per refund at the end of the index, where both parts of the
-- decisions append at once: the dense night's 787,247 refunds inserted again into an empty copy of
-- refund, in two halves at once, 7.7 s with the index, 6.1 s without (psql; README, "Measured").
--
-- refund_approved_total holds, per approval date, payment method and currency, how many refunds the
-- hot table holds and their sum. The statement triggers that already keep each order's committed
-- total keep it: a statement that inserts refunds adds them (a night's decisions, a reissue, an
-- archived order's refunds brought back), one that deletes them takes them off (the archive's
-- move), each in the order of the key so that two parts never wait on each other in turn. A
-- refund's approval date, payment method and currency never change (a reissue to another reference
-- is a new refund), and now the database refuses the change, as it refuses one of its amount. The
-- refunds approved on the date of a run are all still hot while it runs (the archive moves only
-- orders whose every refund is final, under the run lock), so the figures read here are the ones
-- refund gave.
CREATE TABLE refund_approved_total (
    approved_on    DATE    NOT NULL,
    payment_method TEXT    NOT NULL,
    currency       CHAR(3) NOT NULL,
    refunds        BIGINT  NOT NULL CHECK (refunds >= 0),
    amount_minor   NUMERIC NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (approved_on, payment_method, currency)
);

INSERT INTO refund_approved_total (approved_on, payment_method, currency, refunds, amount_minor)
SELECT approved_on, payment_method, currency, count(*), sum(amount_minor)
  FROM refund GROUP BY approved_on, payment_method, currency;

CREATE FUNCTION count_approved_refunds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO refund_approved_total AS t (approved_on, payment_method, currency, refunds, amount_minor)
        SELECT approved_on, payment_method, currency, count(*), sum(amount_minor)
          FROM new_refunds GROUP BY approved_on, payment_method, currency
         ORDER BY approved_on, payment_method, currency
            ON CONFLICT (approved_on, payment_method, currency)
            DO UPDATE SET refunds = t.refunds + EXCLUDED.refunds, amount_minor = t.amount_minor + EXCLUDED.amount_minor;
    ELSE
        UPDATE refund_approved_total t SET refunds = t.refunds - o.refunds, amount_minor = t.amount_minor - o.amount_minor
          FROM (SELECT approved_on, payment_method, currency, count(*) AS refunds, sum(amount_minor) AS amount_minor
                  FROM old_refunds GROUP BY approved_on, payment_method, currency
                 ORDER BY approved_on, payment_method, currency) o
         WHERE t.approved_on = o.approved_on AND t.payment_method = o.payment_method AND t.currency = o.currency;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER refund_counts_approved_on_insert AFTER INSERT ON refund
    REFERENCING NEW TABLE AS new_refunds FOR EACH STATEMENT EXECUTE FUNCTION count_approved_refunds();
CREATE TRIGGER refund_counts_approved_on_delete AFTER DELETE ON refund
    REFERENCING OLD TABLE AS old_refunds FOR EACH STATEMENT EXECUTE FUNCTION count_approved_refunds();

CREATE OR REPLACE FUNCTION refuse_refund_identity_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a refund''s key, id, order, amount, currency, payment method and approval date never change: write a new refund instead'
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
DROP TRIGGER refund_identity_unchanged ON refund;
CREATE TRIGGER refund_identity_unchanged
    BEFORE UPDATE OF refund_key, refund_id, order_id, amount_minor, currency, payment_method, approved_on ON refund
    FOR EACH ROW
    WHEN (OLD.refund_key IS DISTINCT FROM NEW.refund_key OR OLD.refund_id IS DISTINCT FROM NEW.refund_id
          OR OLD.order_id IS DISTINCT FROM NEW.order_id OR OLD.amount_minor IS DISTINCT FROM NEW.amount_minor
          OR OLD.currency IS DISTINCT FROM NEW.currency OR OLD.payment_method IS DISTINCT FROM NEW.payment_method
          OR OLD.approved_on IS DISTINCT FROM NEW.approved_on)
    EXECUTE FUNCTION refuse_refund_identity_change();

DROP INDEX refund_approved_on_idx;
