-- Staging for one drop: valid rows as parsed, bad rows with their reason. UNLOGGED for speed;
-- every load step truncates and refills its table, so a restart never reads stale staging.

CREATE UNLOGGED TABLE stage_orders (
    line_no               INTEGER NOT NULL,
    order_id              TEXT    NOT NULL,
    store_id              TEXT    NOT NULL,
    buyer_id              TEXT    NOT NULL,
    payment_method        TEXT    NOT NULL,
    payment_reference     TEXT    NOT NULL,
    currency              CHAR(3) NOT NULL,
    items_minor           BIGINT  NOT NULL,
    shipping_minor        BIGINT  NOT NULL,
    paid_at               TIMESTAMPTZ NOT NULL,
    ship_deadline         TIMESTAMPTZ NOT NULL,
    shipped_at            TIMESTAMPTZ,
    tracking_number       TEXT,
    delivered_at          TIMESTAMPTZ,
    free_return           BOOLEAN NOT NULL,
    protection_expires_at TIMESTAMPTZ NOT NULL
);

CREATE UNLOGGED TABLE stage_cancellations (
    line_no             INTEGER     NOT NULL,
    cancellation_id     TEXT        NOT NULL,
    order_id            TEXT        NOT NULL,
    requested_at        TIMESTAMPTZ NOT NULL,
    seller_confirmed_at TIMESTAMPTZ
);

-- amounts stay text until mergeDropStep checks them against the order's currency
CREATE UNLOGGED TABLE stage_dispute_resolutions (
    line_no            INTEGER     NOT NULL,
    dispute_id         TEXT        NOT NULL,
    order_id           TEXT        NOT NULL,
    opened_at          TIMESTAMPTZ NOT NULL,
    resolved_at        TIMESTAMPTZ NOT NULL,
    resolution         TEXT        NOT NULL,
    requested_amount   TEXT,
    awarded_amount     TEXT,
    return_required    BOOLEAN     NOT NULL,
    return_received_at TIMESTAMPTZ,
    paying_minor       BIGINT
);

CREATE UNLOGGED TABLE stage_store_blocks (
    line_no       INTEGER     NOT NULL,
    store_id      TEXT        NOT NULL,
    blocked_at    TIMESTAMPTZ NOT NULL,
    review_status TEXT        NOT NULL,
    confirmed_at  TIMESTAMPTZ
);

CREATE UNLOGGED TABLE stage_free_returns (
    line_no      INTEGER     NOT NULL,
    return_id    TEXT        NOT NULL,
    order_id     TEXT        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    received_at  TIMESTAMPTZ
);

-- one row per extract of the drop being loaded: how many records it holds
CREATE UNLOGGED TABLE stage_file (
    file    TEXT    PRIMARY KEY,
    records INTEGER NOT NULL
);

-- bad rows: their line and why; never their raw text, which may hold free text (the rejects
-- writer reads it again from the drop)
CREATE UNLOGGED TABLE stage_reject (
    file    TEXT    NOT NULL,
    line_no INTEGER NOT NULL,
    reason  TEXT    NOT NULL,
    PRIMARY KEY (file, line_no)
);

-- Whether a plain decimal text has at most the currency's number of decimals (JPY: none at all).
CREATE FUNCTION amount_fits(amount TEXT, exponent SMALLINT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT amount ~ '^[0-9]+$'
        OR (exponent > 0 AND amount ~ '^[0-9]+\.[0-9]+$' AND length(split_part(amount, '.', 2)) <= exponent)
$$;
