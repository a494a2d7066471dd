-- The business schema. Money is BIGINT minor units beside a CHAR(3) ISO 4217 currency.
-- The database itself guards the money invariants: one refund per refund key, never above the
-- order total (orders.committed_minor, kept by triggers on refund), append-only history.

CREATE TABLE currency (
    code     CHAR(3)  PRIMARY KEY,
    exponent SMALLINT NOT NULL CHECK (exponent BETWEEN 0 AND 4)
);

CREATE TABLE orders (
    order_id              TEXT        PRIMARY KEY,
    store_id              TEXT        NOT NULL,
    buyer_id              TEXT        NOT NULL,
    payment_method        TEXT        NOT NULL CHECK (payment_method IN ('CARD', 'PAYPAL')),
    payment_reference     TEXT        NOT NULL,
    -- an ISO 4217 code checked on the way in; no foreign key, which would cost a lookup per row loaded
    currency              CHAR(3)     NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    items_minor           BIGINT      NOT NULL CHECK (items_minor > 0),
    shipping_minor        BIGINT      NOT NULL CHECK (shipping_minor >= 0),
    total_minor           BIGINT      GENERATED ALWAYS AS (items_minor + shipping_minor) STORED,
    paid_at               TIMESTAMPTZ NOT NULL,
    ship_deadline         TIMESTAMPTZ NOT NULL,
    shipped_at            TIMESTAMPTZ,
    tracking_number       TEXT,
    delivered_at          TIMESTAMPTZ,
    free_return           BOOLEAN     NOT NULL,
    protection_expires_at TIMESTAMPTZ NOT NULL,
    first_seen_on         DATE        NOT NULL,
    last_changed_on       DATE        NOT NULL,
    -- every refund of the order that is not FAILED; kept by the triggers on refund below
    committed_minor       BIGINT      NOT NULL DEFAULT 0,
    CONSTRAINT refunds_within_order_total CHECK (committed_minor BETWEEN 0 AND items_minor + shipping_minor)
) WITH (fillfactor = 90); -- room for HOT updates of committed_minor and the changeable fields
CREATE INDEX orders_store_idx ON orders (store_id);

-- One row per business date that a nightly run has started.
CREATE TABLE nightly_run (
    business_date    DATE        PRIMARY KEY,
    status           TEXT        NOT NULL CHECK (status IN ('RUNNING', 'FAILED', 'COMPLETED')),
    started_at       TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    job_execution_id BIGINT,
    message          TEXT
);

-- The triggers a run decided, with the event facts they were decided on.
CREATE TABLE refund_trigger (
    business_date       DATE        NOT NULL,
    refund_key          TEXT        NOT NULL,
    trigger_type        TEXT        NOT NULL CHECK (trigger_type IN
                            ('CANCELLATION', 'AUTO_CANCELLATION', 'FRAUD_BLOCK', 'FREE_RETURN', 'DISPUTE')),
    order_id            TEXT        NOT NULL,
    event_time          TIMESTAMPTZ NOT NULL,
    requested_at        TIMESTAMPTZ,
    seller_confirmed_at TIMESTAMPTZ,
    received_at         TIMESTAMPTZ,
    opened_at           TIMESTAMPTZ,
    resolution          TEXT,
    return_required     BOOLEAN,
    amount_minor        BIGINT,
    PRIMARY KEY (business_date, refund_key)
);

CREATE TABLE decision (
    business_date         DATE    NOT NULL,
    seq                   INTEGER NOT NULL,
    refund_key            TEXT    NOT NULL,
    refund_id             TEXT,
    order_id              TEXT    NOT NULL,
    trigger_type          TEXT    NOT NULL,
    decision              TEXT    NOT NULL CHECK (decision IN ('APPROVED', 'APPROVED_CAPPED', 'PENDING', 'REJECTED')),
    reason                TEXT,
    currency              CHAR(3),
    amount_asked_minor    BIGINT,
    amount_approved_minor BIGINT,
    final                 BOOLEAN GENERATED ALWAYS AS (
                              decision IN ('APPROVED', 'APPROVED_CAPPED')
                              OR (decision = 'REJECTED' AND reason NOT IN ('UNKNOWN_ORDER', 'NOT_DELIVERED'))) STORED,
    PRIMARY KEY (business_date, seq),
    CHECK ((decision IN ('APPROVED', 'APPROVED_CAPPED')) = (amount_approved_minor IS NOT NULL AND refund_id IS NOT NULL)),
    CHECK (amount_approved_minor IS NULL OR amount_approved_minor > 0)
);
-- a refund key is decided finally once, ever
CREATE UNIQUE INDEX decision_final_once ON decision (refund_key) WHERE final;
CREATE INDEX decision_key_idx ON decision (refund_key);

CREATE TABLE refund (
    refund_key        TEXT    PRIMARY KEY,
    refund_id         TEXT    NOT NULL UNIQUE,
    order_id          TEXT    NOT NULL REFERENCES orders,
    trigger_type      TEXT    NOT NULL,
    payment_method    TEXT    NOT NULL CHECK (payment_method IN ('CARD', 'PAYPAL')),
    payment_reference TEXT    NOT NULL,
    currency          CHAR(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amount_minor      BIGINT  NOT NULL CHECK (amount_minor > 0),
    status            TEXT    NOT NULL CHECK (status IN ('WAITING_REFUND', 'REFUND_PROCESSING', 'REFUNDED', 'FAILED')),
    approved_on       DATE    NOT NULL,
    status_changed_on DATE    NOT NULL
) WITH (fillfactor = 80);
-- No index holds status: a status change (a million a night when the processors confirm) can then
-- be a HOT update that touches no index, in the room fillfactor leaves on each page.
CREATE INDEX refund_order_idx ON refund (order_id);

CREATE TABLE refund_status_history (
    id               BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- no foreign key: rows come only from set-based statements that select them from refund, and a
    -- per-row check would cost seconds a night at a million refunds
    refund_id        TEXT        NOT NULL,
    from_status      TEXT,
    to_status        TEXT        NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    business_date    DATE        NOT NULL,
    job_execution_id BIGINT,
    why              TEXT        NOT NULL
);
CREATE INDEX refund_status_history_refund_idx ON refund_status_history (refund_id);

CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'refund_status_history is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER refund_status_history_append_only
    BEFORE UPDATE OR DELETE ON refund_status_history FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER refund_status_history_no_truncate
    BEFORE TRUNCATE ON refund_status_history FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- orders.committed_minor follows every refund that is not FAILED, set-based per statement,
-- so the CHECK on orders refuses any statement that would refund above an order's total.
CREATE FUNCTION commit_inserted_refunds() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders o SET committed_minor = o.committed_minor + n.amount
      FROM (SELECT order_id, sum(amount_minor) AS amount FROM new_refunds
             WHERE status <> 'FAILED' GROUP BY order_id) n
     WHERE o.order_id = n.order_id;
    RETURN NULL;
END $$;
CREATE TRIGGER refund_commits_balance
    AFTER INSERT ON refund REFERENCING NEW TABLE AS new_refunds
    FOR EACH STATEMENT EXECUTE FUNCTION commit_inserted_refunds();

-- Set-based and linear: what the changed rows weighed before (subtracted) and after (added), per
-- order, with no join of the two transition tables (which have no statistics to plan one with).
CREATE FUNCTION recommit_changed_refunds() RETURNS trigger LANGUAGE plpgsql AS $$
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
    RETURN NULL;
END $$;
CREATE TRIGGER refund_recommits_balance
    AFTER UPDATE ON refund REFERENCING OLD TABLE AS old_refunds NEW TABLE AS new_refunds
    FOR EACH STATEMENT EXECUTE FUNCTION recommit_changed_refunds();

CREATE FUNCTION refuse_refund_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'refunds are never deleted: mark them FAILED instead';
END $$;
CREATE TRIGGER refund_never_deleted
    BEFORE DELETE ON refund FOR EACH ROW EXECUTE FUNCTION refuse_refund_delete();
CREATE TRIGGER refund_never_truncated
    BEFORE TRUNCATE ON refund FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
