-- Each order's committed total in a narrow table of its own (issue 10, measured on a dense night: one
-- drop of a million orders with about one refund trigger each).
--
-- The total was a column of orders, raised by the statement that inserts an order's refunds. orders is
-- a wide row (about 300 bytes) larger than the shared buffers, so raising 755,521 orders' totals read
-- each page, dirtied it, and wrote its full-page image to the WAL after each checkpoint: 17.6 s and
-- 12.6 s of the database's time, 607 MB and 766 MB of WAL, for the dense night's two parts (two
-- runs), the largest share of the refunds' insert. Here an order gets its row when its first refund
-- is written (an insert, about 40 bytes) and orders is only read: the same statement took 8.0 s and
-- 9.3 s, 172 MB and 175 MB of WAL, and decideRefundsStep 55.2 s and 46.4 s -> 40.8 s and 39.4 s
-- (the builds in turns). The guard is the same: the same CHECK, by the same name, on the same sum,
-- and a refund naming an order that is not stored is refused as before. An order's items and
-- shipping amounts never change once stored (the intake rejects a row that changes them); the
-- database now refuses it too, so the total copied here stays the order's.
CREATE TABLE order_commitment (
    order_id        TEXT   PRIMARY KEY,
    total_minor     BIGINT NOT NULL,
    committed_minor BIGINT NOT NULL,
    CONSTRAINT refunds_within_order_total CHECK (committed_minor BETWEEN 0 AND total_minor)
) WITH (fillfactor = 80); -- room for the in-place updates of a reissue, a failure or a second refund

INSERT INTO order_commitment (order_id, total_minor, committed_minor)
SELECT o.order_id, o.total_minor, o.committed_minor
  FROM orders o
 WHERE EXISTS (SELECT 1 FROM refund r WHERE r.order_id = o.order_id)
 ORDER BY o.order_id;

-- only the archive's moves take a row out, with its order (V15's guard and switch)
CREATE TRIGGER order_commitment_never_deleted
    BEFORE DELETE ON order_commitment FOR EACH ROW EXECUTE FUNCTION refuse_unmoved_delete();
CREATE TRIGGER order_commitment_never_truncated
    BEFORE TRUNCATE ON order_commitment FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

CREATE FUNCTION refuse_order_amount_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an order''s items and shipping amounts never change once stored'
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER order_amounts_unchanged
    BEFORE UPDATE OF items_minor, shipping_minor ON orders FOR EACH ROW
    WHEN (OLD.items_minor IS DISTINCT FROM NEW.items_minor OR OLD.shipping_minor IS DISTINCT FROM NEW.shipping_minor)
    EXECUTE FUNCTION refuse_order_amount_change();

-- What support and auditors read keeps its columns (and its grants): the hot orders' committed total
-- now comes from order_commitment, 0 for an order without refunds.
CREATE OR REPLACE VIEW any_order AS
SELECT o.order_id, o.store_id, o.buyer_id, o.payment_method, o.payment_reference, o.currency, o.items_minor,
       o.shipping_minor, o.total_minor, o.paid_at, o.ship_deadline, o.shipped_at, o.tracking_number, o.delivered_at,
       o.free_return, o.protection_expires_at, o.first_seen_on, o.last_changed_on,
       coalesce(c.committed_minor, 0) AS committed_minor, CAST(NULL AS date) AS archived_on
  FROM orders o LEFT JOIN order_commitment c ON c.order_id = o.order_id
UNION ALL
SELECT order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor, shipping_minor,
       total_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at, free_return,
       protection_expires_at, first_seen_on, last_changed_on, committed_minor, archived_on
  FROM archived_order;

-- The same rules as V23, on order_commitment: the balances in order_id order, the mirror in refund_id order.
CREATE OR REPLACE FUNCTION commit_inserted_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    orders_of_refunds BIGINT;
    orders_found      BIGINT;
BEGIN
    SELECT count(DISTINCT order_id) INTO orders_of_refunds FROM new_refunds;
    INSERT INTO order_commitment AS c (order_id, total_minor, committed_minor)
    SELECT o.order_id, o.total_minor, n.amount
      FROM (SELECT order_id, sum(refund_weight(status, amount_minor)) AS amount
              FROM new_refunds GROUP BY order_id ORDER BY order_id) n
      JOIN orders o ON o.order_id = n.order_id
     ORDER BY n.order_id
        ON CONFLICT (order_id) DO UPDATE SET committed_minor = c.committed_minor + EXCLUDED.committed_minor;
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

-- orders is no longer updated for a refund: its pages filled as before V21 (room for the merge's
-- in-place updates of the changeable fields only).
ALTER TABLE orders DROP CONSTRAINT refunds_within_order_total;
ALTER TABLE orders DROP COLUMN committed_minor;
ALTER TABLE orders SET (fillfactor = 90);
