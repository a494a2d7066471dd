-- A settlement file's rows read from open_refund alone (issue 10, the dense night). A file's refunds
-- are all REFUND_PROCESSING, so all in open_refund, which names their file (V16); but two of the
-- file's columns, the payment reference and the trigger, were only in refund, so each of the file's
-- refunds was looked up there by refund_id, a hash: a page at random for every row. The dense night's
-- card file, 550,847 refunds, took 3.8 s to 5.0 s to read that way against 0.6 s to 0.7 s from
-- open_refund alone (psql). Neither column ever changes once a refund is written (a reissue to
-- another reference is a new refund), so the mirror copies them when a refund enters it, as it
-- copies the order, the currency and the amount.
ALTER TABLE open_refund ADD COLUMN trigger_type TEXT, ADD COLUMN payment_reference TEXT;
UPDATE open_refund x SET trigger_type = r.trigger_type, payment_reference = r.payment_reference
  FROM refund r WHERE r.refund_id = x.refund_id;
ALTER TABLE open_refund ALTER COLUMN trigger_type SET NOT NULL, ALTER COLUMN payment_reference SET NOT NULL;

-- V33's function, the two columns added to the mirror's insert.
CREATE OR REPLACE FUNCTION commit_inserted_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    WITH n AS MATERIALIZED (
            SELECT n.order_id, n.amount, o.total_minor, c.order_id IS NOT NULL AS committed_before
              FROM (SELECT order_id, sum(refund_weight(status, amount_minor)) AS amount
                      FROM new_refunds GROUP BY order_id ORDER BY order_id) n
              LEFT JOIN orders o ON o.order_id = n.order_id
              LEFT JOIN order_commitment c ON c.order_id = n.order_id),
         raised AS (
            UPDATE order_commitment c SET committed_minor = c.committed_minor + n.amount
              FROM n
             WHERE n.committed_before AND c.order_id = n.order_id AND n.total_minor IS NOT NULL)
    INSERT INTO order_commitment (order_id, total_minor, committed_minor)
    SELECT n.order_id, coalesce(n.total_minor, refuse_refund_of_unstored_order()), n.amount
      FROM n
     WHERE NOT n.committed_before OR n.total_minor IS NULL
     ORDER BY n.order_id;
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                             settlement_file, trigger_type, payment_reference)
    SELECT refund_id, order_id, status, payment_method, currency, amount_minor, approved_on, settlement_file,
           trigger_type, payment_reference
      FROM new_refunds WHERE refund_is_open(status, refund_id)
     ORDER BY refund_id;
    RETURN NULL;
END $$;

-- V25's function, the two columns added to the mirror's insert of a refund open again.
CREATE OR REPLACE FUNCTION recommit_changed_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    UPDATE order_commitment c SET committed_minor = c.committed_minor + d.delta
      FROM (SELECT order_id, sum(weight) AS delta
              FROM (SELECT order_id, -amount_minor AS weight FROM new_refunds
                     WHERE status IN ('FAILED', 'CANCELLED')
                    UNION ALL
                    SELECT order_id, amount_minor FROM old_refunds
                     WHERE status IN ('FAILED', 'CANCELLED')) weights
             GROUP BY order_id
            HAVING sum(weight) <> 0
             ORDER BY order_id) d
     WHERE c.order_id = d.order_id;
    -- open_refund follows each changed refund's status and file: out once it is done, in (again) otherwise
    DELETE FROM open_refund x USING new_refunds n
     WHERE n.status NOT IN ('WAITING_REFUND', 'HELD', 'REFUND_PROCESSING')
       AND x.refund_id = n.refund_id AND NOT refund_is_open(n.status, n.refund_id);
    INSERT INTO open_refund AS x (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                                  settlement_file, trigger_type, payment_reference)
    SELECT n.refund_id, n.order_id, n.status, n.payment_method, n.currency, n.amount_minor, n.approved_on,
           n.settlement_file, n.trigger_type, n.payment_reference
      FROM new_refunds n
     WHERE refund_is_open(n.status, n.refund_id)
     ORDER BY n.refund_id
        ON CONFLICT (refund_id) DO UPDATE SET status = EXCLUDED.status, settlement_file = EXCLUDED.settlement_file
     WHERE (x.status, x.settlement_file) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.settlement_file);
    RETURN NULL;
END $$;
