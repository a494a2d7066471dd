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
