-- The same guards as V21, their rows reached in the order they lie (issue 10, measured on a dense
-- night: one drop of a million orders with about one refund trigger each).
--
-- A night's refunds are inserted in order_id order (each part of the decisions streams its orders in
-- that order), and so lie in refund and come into new_refunds. The statements below grouped them by
-- order through a hash, whose output order is random, and then reached each order through orders'
-- primary key at a random place: with orders larger than the shared buffers, one read from the
-- kernel per order, and the page written back dirty soon after. In order_id order, consecutive
-- orders share pages. Measured on a copy of the night (EXPLAIN ANALYZE, rolled back): the balances of
-- 377,947 orders 8.8 s -> 6.4 s, pages read 177,252 -> 58,611.
--
-- open_refund's two indexes are keyed by refund_id, a hash: inserting a part's 394,000 open refunds
-- in refund_id order instead of order_id order, 4.6 s to 5.9 s -> 3.0 s to 3.2 s. And its pages then
-- hold refunds in refund_id order, which is the order of the claim's upsert below.
--
-- Neither order changes what is written: the same rows, the same totals, the same checks.
CREATE OR REPLACE FUNCTION commit_inserted_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    orders_of_refunds BIGINT;
    orders_found      BIGINT;
BEGIN
    SELECT count(DISTINCT order_id) INTO orders_of_refunds FROM new_refunds;
    UPDATE orders o SET committed_minor = o.committed_minor + n.amount
      FROM (SELECT order_id, sum(refund_weight(status, amount_minor)) AS amount
              FROM new_refunds GROUP BY order_id ORDER BY order_id) n
     WHERE o.order_id = n.order_id;
    GET DIAGNOSTICS orders_found = ROW_COUNT;
    IF orders_found <> orders_of_refunds THEN
        RAISE EXCEPTION 'a new refund names an order that is not stored (% of % orders found)',
            orders_found, orders_of_refunds USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                             settlement_file)
    SELECT refund_id, order_id, status, payment_method, currency, amount_minor, approved_on, settlement_file
      FROM new_refunds WHERE refund_is_open(status, refund_id)
     ORDER BY refund_id;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION recommit_changed_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    UPDATE orders o SET committed_minor = o.committed_minor + d.delta
      FROM (SELECT order_id, sum(weight) AS delta
              FROM (SELECT order_id, -amount_minor AS weight FROM new_refunds
                     WHERE status IN ('FAILED', 'CANCELLED')
                    UNION ALL
                    SELECT order_id, amount_minor FROM old_refunds
                     WHERE status IN ('FAILED', 'CANCELLED')) weights
             GROUP BY order_id
            HAVING sum(weight) <> 0
             ORDER BY order_id) d
     WHERE o.order_id = d.order_id;
    -- open_refund follows each changed refund's status and file: out once it is done, in (again) otherwise
    DELETE FROM open_refund x USING new_refunds n
     WHERE n.status NOT IN ('WAITING_REFUND', 'HELD', 'REFUND_PROCESSING')
       AND x.refund_id = n.refund_id AND NOT refund_is_open(n.status, n.refund_id);
    INSERT INTO open_refund AS x (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                                  settlement_file)
    SELECT n.refund_id, n.order_id, n.status, n.payment_method, n.currency, n.amount_minor, n.approved_on,
           n.settlement_file
      FROM new_refunds n
     WHERE refund_is_open(n.status, n.refund_id)
     ORDER BY n.refund_id
        ON CONFLICT (refund_id) DO UPDATE SET status = EXCLUDED.status, settlement_file = EXCLUDED.settlement_file
     WHERE (x.status, x.settlement_file) IS DISTINCT FROM (EXCLUDED.status, EXCLUDED.settlement_file);
    RETURN NULL;
END $$;
