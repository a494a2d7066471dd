-- A night's cost follows the night, not the history: every nightly statement reaches the stored
-- rows through what this night brought (by key) or through what is still open, never by scanning
-- every stored order, refund or decision.

-- Refunds not REFUNDED: waiting, in flight, or failed, with what the claim, the stuck flagging and
-- list, the opening and closing figures and the missing confirmations need of them. Kept by the
-- triggers on refund below, so it always mirrors refund; its size is what is open, not what years
-- of nights have paid. A table rather than a partial index on refund: an index on status would
-- turn every confirmation into an update that writes a new entry in each of refund's indexes.
CREATE TABLE open_refund (
    refund_id      TEXT    PRIMARY KEY,
    order_id       TEXT    NOT NULL,
    status         TEXT    NOT NULL CHECK (status IN ('WAITING_REFUND', 'REFUND_PROCESSING', 'FAILED')),
    payment_method TEXT    NOT NULL,
    currency       CHAR(3) NOT NULL,
    amount_minor   BIGINT  NOT NULL,
    approved_on    DATE    NOT NULL
) WITH (fillfactor = 70);
-- No index holds status, so the claim's million status changes a night are HOT updates here too;
-- a statement that picks by status reads the whole table, which is only what is open.
-- The stuck list's order, so a page reads the index only up to its rows:
CREATE INDEX open_refund_approved_idx ON open_refund (approved_on, refund_id COLLATE "C");

INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on)
SELECT refund_id, order_id, status, payment_method, currency, amount_minor, approved_on
  FROM refund WHERE status <> 'REFUNDED';

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

-- A fraud block reaches its store's orders not delivered before it: by the night that stored them
-- (first_seen_on), then the store, then delivered_at, so the index skips the orders delivered long
-- before. The night's new orders all go to the end of this index, whatever their store: an index
-- led by store_id would take a million inserts a night spread over every page it has, a cost that
-- grows with every night kept.
CREATE INDEX orders_seen_store_idx ON orders (first_seen_on, store_id, delivered_at);
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
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on)
    SELECT refund_id, order_id, status, payment_method, currency, amount_minor, approved_on
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
    -- open_refund follows each changed refund's status: out when REFUNDED, in (again) otherwise
    DELETE FROM open_refund x USING new_refunds n WHERE x.refund_id = n.refund_id AND n.status = 'REFUNDED';
    UPDATE open_refund x SET status = n.status
      FROM new_refunds n WHERE x.refund_id = n.refund_id AND n.status <> 'REFUNDED' AND x.status <> n.status;
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on)
    SELECT n.refund_id, n.order_id, n.status, n.payment_method, n.currency, n.amount_minor, n.approved_on
      FROM new_refunds n
     WHERE n.status <> 'REFUNDED' AND NOT EXISTS (SELECT 1 FROM open_refund x WHERE x.refund_id = n.refund_id);
    RETURN NULL;
END $$;

-- Where autovacuum runs (it must on a production server): the tables whose rows change every
-- night are vacuumed and analysed after a small share of them changed, not a fifth.
ALTER TABLE open_refund SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE open_ship_deadline SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE refund SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
