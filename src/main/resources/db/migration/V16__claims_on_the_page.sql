-- A night's claim moves every waiting refund to REFUND_PROCESSING and names its settlement file: a
-- million rows of refund on a dense night. When no column the update changes is indexed, and the
-- row's page has room for its new version, PostgreSQL writes that version on the same page and
-- touches no index (a HOT update); otherwise it writes a new entry into each of refund's five
-- indexes, three of them at random places (refund_key, refund_id, order_id). Measured on a dense
-- night, that was most of the claim's 60 s.
--  * settlement_file is no longer indexed on refund: the file's rows are found through open_refund
--    (every refund of a file being written is REFUND_PROCESSING, so open), which now mirrors it;
--  * pages of refund are filled to half, so a refund claimed the night it was approved finds room
--    for its new version beside the old one (pruned before its confirmation needs the room again).
DROP INDEX refund_settlement_file_idx;
ALTER TABLE refund SET (fillfactor = 50);

ALTER TABLE open_refund ADD COLUMN settlement_file TEXT;
UPDATE open_refund x SET settlement_file = r.settlement_file
  FROM refund r WHERE r.refund_id = x.refund_id AND r.settlement_file IS NOT NULL;

CREATE OR REPLACE FUNCTION commit_inserted_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    orders_of_refunds BIGINT;
    orders_found      BIGINT;
BEGIN
    SELECT count(DISTINCT order_id) INTO orders_of_refunds FROM new_refunds;
    UPDATE orders o SET committed_minor = o.committed_minor + n.amount
      FROM (SELECT order_id, sum(CASE WHEN status = 'FAILED' THEN 0 ELSE amount_minor END) AS amount
              FROM new_refunds GROUP BY order_id) n
     WHERE o.order_id = n.order_id;
    GET DIAGNOSTICS orders_found = ROW_COUNT;
    IF orders_found <> orders_of_refunds THEN
        RAISE EXCEPTION 'a new refund names an order that is not stored (% of % orders found)',
            orders_found, orders_of_refunds USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                             settlement_file)
    SELECT refund_id, order_id, status, payment_method, currency, amount_minor, approved_on, settlement_file
      FROM new_refunds WHERE status <> 'REFUNDED';
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION recommit_changed_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    UPDATE orders o SET committed_minor = o.committed_minor + d.delta
      FROM (SELECT order_id, sum(weight) AS delta
              FROM (SELECT order_id, CASE WHEN status = 'FAILED' THEN 0 ELSE amount_minor END AS weight
                      FROM new_refunds
                    UNION ALL
                    SELECT order_id, CASE WHEN status = 'FAILED' THEN 0 ELSE -amount_minor END
                      FROM old_refunds) weights
             GROUP BY order_id
            HAVING sum(weight) <> 0) d
     WHERE o.order_id = d.order_id;
    -- open_refund follows each changed refund's status and file: out when REFUNDED, in (again) otherwise
    DELETE FROM open_refund x USING new_refunds n WHERE x.refund_id = n.refund_id AND n.status = 'REFUNDED';
    UPDATE open_refund x SET status = n.status, settlement_file = n.settlement_file
      FROM new_refunds n
     WHERE x.refund_id = n.refund_id AND n.status <> 'REFUNDED'
       AND (x.status, x.settlement_file) IS DISTINCT FROM (n.status, n.settlement_file);
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                             settlement_file)
    SELECT n.refund_id, n.order_id, n.status, n.payment_method, n.currency, n.amount_minor, n.approved_on,
           n.settlement_file
      FROM new_refunds n
     WHERE n.status <> 'REFUNDED' AND NOT EXISTS (SELECT 1 FROM open_refund x WHERE x.refund_id = n.refund_id);
    RETURN NULL;
END $$;
