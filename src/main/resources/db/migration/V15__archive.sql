-- The archive: orders that can no longer change, with their refunds (every one REFUNDED), move out of
-- the hot tables into archived_order and archived_refund, so the tables every night writes and probes
-- hold what is recent or still open, however many years are kept. Nothing is deleted: a row is only
-- ever in one of the two places, and a night that names an archived order (a late dispute, a fraud
-- block, a changed order row, a processor line for one of its refunds) brings it back with all its
-- refunds before it is used, so every check runs on the hot tables as before.
--
-- The money guards stay whole:
--  * one refund per key: decision_final_once (decisions are never archived) and refund's primary
--    key; a refund is inserted only for an order in the hot table (commit_inserted_refunds refuses
--    any other), and an order moves in and out together with every refund it has;
--  * never above the order total: an order comes back with committed_minor rebuilt by the insert
--    trigger from the refunds that come back with it (checked against the archived value), so the
--    CHECK on orders judges a new refund for it against everything it has ever committed.

CREATE TABLE archived_order (LIKE orders INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING CONSTRAINTS);
ALTER TABLE archived_order
    ADD COLUMN archived_on DATE NOT NULL,
    ADD PRIMARY KEY (order_id);
-- a fraud block reaches the archived orders of its store not delivered before it
CREATE INDEX archived_order_store_idx ON archived_order (store_id, delivered_at);

CREATE TABLE archived_refund (LIKE refund INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE archived_refund
    ADD COLUMN archived_on DATE NOT NULL,
    ADD PRIMARY KEY (refund_key),
    ADD UNIQUE (refund_id),
    ADD CONSTRAINT archived_refund_is_refunded CHECK (status = 'REFUNDED');
CREATE INDEX archived_refund_order_idx ON archived_refund (order_id);

-- Rows leave refund, orders and the archive only by the archive's own moves, which say so for their
-- transaction (set_config('refunds.moving_rows', 'on', true)); any other delete is refused.
CREATE OR REPLACE FUNCTION refuse_refund_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('refunds.moving_rows', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'refunds are never deleted: mark them FAILED instead';
END $$;

CREATE FUNCTION refuse_unmoved_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('refunds.moving_rows', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% rows are never deleted: they only move between the hot tables and the archive', TG_TABLE_NAME;
END $$;
CREATE TRIGGER orders_never_deleted
    BEFORE DELETE ON orders FOR EACH ROW EXECUTE FUNCTION refuse_unmoved_delete();
CREATE TRIGGER archived_order_never_deleted
    BEFORE DELETE ON archived_order FOR EACH ROW EXECUTE FUNCTION refuse_unmoved_delete();
CREATE TRIGGER archived_refund_never_deleted
    BEFORE DELETE ON archived_refund FOR EACH ROW EXECUTE FUNCTION refuse_unmoved_delete();
CREATE TRIGGER archived_order_unchanged
    BEFORE UPDATE ON archived_order FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER archived_refund_unchanged
    BEFORE UPDATE ON archived_refund FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER archived_order_no_truncate
    BEFORE TRUNCATE ON archived_order FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER archived_refund_no_truncate
    BEFORE TRUNCATE ON archived_refund FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- What support and auditors read: every order and refund, hot or archived.
CREATE VIEW any_order AS
SELECT order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor, shipping_minor,
       total_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at, free_return,
       protection_expires_at, first_seen_on, last_changed_on, committed_minor, CAST(NULL AS date) AS archived_on
  FROM orders
UNION ALL
SELECT order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor, shipping_minor,
       total_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at, free_return,
       protection_expires_at, first_seen_on, last_changed_on, committed_minor, archived_on
  FROM archived_order;

CREATE VIEW any_refund AS
SELECT refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference, currency, amount_minor,
       status, approved_on, status_changed_on, settlement_file, confirmations, reversals,
       CAST(NULL AS date) AS archived_on
  FROM refund
UNION ALL
SELECT refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference, currency, amount_minor,
       status, approved_on, status_changed_on, settlement_file, confirmations, reversals, archived_on
  FROM archived_refund;
