-- A night's cost follows the night, not the history: every nightly statement reaches the stored
-- rows through what this night brought (by key) or through what is still open, never by scanning
-- every stored order, refund or decision.

-- Refunds not REFUNDED: waiting, in flight, or failed. The claim, the stuck flagging, the stuck list,
-- the opening and closing figures and the missing confirmations read this index, whose size is
-- what is open, not what years of nights have paid. A refund leaves it when it is confirmed.
CREATE INDEX refund_open_idx ON refund (approved_on, refund_id COLLATE "C") WHERE status <> 'REFUNDED';

-- Orders that have not shipped with tracking and whose ship deadline has not yet passed at any
-- run's cut-off: the only stored orders that can still miss their deadline without a new drop
-- changing them (an order a drop brings or changes is judged from that drop). A run takes the
-- ones whose deadline passed out of this table once it has judged them.
CREATE TABLE open_ship_deadline (
    order_id      TEXT        PRIMARY KEY,
    ship_deadline TIMESTAMPTZ NOT NULL
);
CREATE INDEX open_ship_deadline_due_idx ON open_ship_deadline (ship_deadline);

INSERT INTO open_ship_deadline (order_id, ship_deadline)
SELECT o.order_id, o.ship_deadline
  FROM orders o
 WHERE NOT (o.shipped_at IS NOT NULL AND o.tracking_number IS NOT NULL)
   AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.refund_key = 'AUTOCANCEL:' || o.order_id AND x.final);

-- A fraud block reaches its store's orders not yet delivered when it was blocked; delivered_at
-- beside store_id lets the index skip the store's orders delivered long before.
CREATE INDEX orders_store_delivery_idx ON orders (store_id, delivered_at);
DROP INDEX orders_store_idx;

-- The stuck list's open rows, cleared when their refund completes.
CREATE INDEX stuck_refund_open_idx ON stuck_refund (refund_id) WHERE cleared_on IS NULL;

-- The money guards keep every order's committed total by key: the refunds of one statement find
-- their orders through the primary key, never by hashing every stored order. That same lookup
-- checks that every new refund's order is stored, once per statement, in place of the foreign key's
-- lookup and row lock per refund.
ALTER TABLE refund DROP CONSTRAINT refund_order_id_fkey;

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
    RETURN NULL;
END $$;

ALTER FUNCTION recommit_changed_refunds() SET enable_hashjoin = off;
ALTER FUNCTION recommit_changed_refunds() SET enable_mergejoin = off;

-- Refunds in flight (waiting to be sent, or sent and not yet confirmed or failed) by status and
-- method: the claim takes the waiting ones of a method, the opening and closing figures and the
-- missing confirmations read the in-flight ones, without reading the refunds long paid.
CREATE INDEX refund_in_flight_idx ON refund (status, payment_method)
    WHERE status IN ('WAITING_REFUND', 'REFUND_PROCESSING');
