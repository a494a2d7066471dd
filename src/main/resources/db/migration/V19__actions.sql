-- Actions on failed and stuck refunds, with four eyes (docs/actions.md; CONTRACT section 8).
-- A person requests an action with a reason; a different person, whose role allows it, approves or
-- rejects it; the next nightly run applies what was approved. The rules of who may do what are kept
-- here, in the functions that record requests and decisions, and in the tables' own checks: the
-- support site's role may execute those functions and write nothing else.

-- New statuses: HELD (waiting for review, section 9: outstanding), PAID_OUTSIDE (the buyer was paid
-- another way: counts against the order's total), CANCELLED (never sent: counts for nothing).
ALTER TABLE refund DROP CONSTRAINT refund_status_check;
ALTER TABLE refund ADD CONSTRAINT refund_status_check CHECK (status IN ('WAITING_REFUND', 'HELD',
    'REFUND_PROCESSING', 'REFUNDED', 'FAILED', 'PAID_OUTSIDE', 'CANCELLED'));
ALTER TABLE open_refund DROP CONSTRAINT open_refund_status_check;
ALTER TABLE open_refund ADD CONSTRAINT open_refund_status_check CHECK (status IN ('WAITING_REFUND', 'HELD',
    'REFUND_PROCESSING', 'FAILED'));
ALTER TABLE stuck_refund DROP CONSTRAINT stuck_refund_reason_check;
ALTER TABLE stuck_refund ADD CONSTRAINT stuck_refund_reason_check CHECK (reason IN ('NEVER_SENT', 'HELD',
    'NO_CONFIRMATION', 'FAILED'));

-- Every reissue of a refund: REISSUE:<refund_id>:<n>, n from 1. A FAILED refund with a reissue is
-- done: it leaves open_refund (so the stuck list), and a confirmation of it later is a
-- PAID_AFTER_FAILURE break that changes nothing.
CREATE TABLE refund_reissue (
    refund_id     TEXT    NOT NULL, -- the refund reissued
    n             INTEGER NOT NULL CHECK (n >= 1),
    new_refund_id TEXT    NOT NULL UNIQUE,
    request_id    BIGINT  NOT NULL,
    business_date DATE    NOT NULL,
    PRIMARY KEY (refund_id, n)
);

-- A refund is open (waiting, held, in flight, or failed and not yet dealt with) and weighs against
-- its order's total (everything but FAILED and CANCELLED): the two rules the triggers below keep.
CREATE FUNCTION refund_weight(status TEXT, amount_minor BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN status IN ('FAILED', 'CANCELLED') THEN 0 ELSE amount_minor END
$$;
CREATE FUNCTION refund_is_open(status TEXT, id TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
    SELECT status IN ('WAITING_REFUND', 'HELD', 'REFUND_PROCESSING')
        OR (status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM refund_reissue i WHERE i.refund_id = id))
$$;

CREATE OR REPLACE FUNCTION commit_inserted_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
    orders_of_refunds BIGINT;
    orders_found      BIGINT;
BEGIN
    SELECT count(DISTINCT order_id) INTO orders_of_refunds FROM new_refunds;
    UPDATE orders o SET committed_minor = o.committed_minor + n.amount
      FROM (SELECT order_id, sum(refund_weight(status, amount_minor)) AS amount
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
      FROM new_refunds WHERE refund_is_open(status, refund_id);
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION recommit_changed_refunds() RETURNS trigger LANGUAGE plpgsql
    SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
    UPDATE orders o SET committed_minor = o.committed_minor + d.delta
      FROM (SELECT order_id, sum(weight) AS delta
              FROM (SELECT order_id, refund_weight(status, amount_minor) AS weight FROM new_refunds
                    UNION ALL
                    SELECT order_id, -refund_weight(status, amount_minor) FROM old_refunds) weights
             GROUP BY order_id
            HAVING sum(weight) <> 0) d
     WHERE o.order_id = d.order_id;
    -- open_refund follows each changed refund's status and file: out once it is done, in (again) otherwise
    DELETE FROM open_refund x USING new_refunds n
     WHERE x.refund_id = n.refund_id AND NOT refund_is_open(n.status, n.refund_id);
    UPDATE open_refund x SET status = n.status, settlement_file = n.settlement_file
      FROM new_refunds n
     WHERE x.refund_id = n.refund_id AND refund_is_open(n.status, n.refund_id)
       AND (x.status, x.settlement_file) IS DISTINCT FROM (n.status, n.settlement_file);
    INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                             settlement_file)
    SELECT n.refund_id, n.order_id, n.status, n.payment_method, n.currency, n.amount_minor, n.approved_on,
           n.settlement_file
      FROM new_refunds n
     WHERE refund_is_open(n.status, n.refund_id)
       AND NOT EXISTS (SELECT 1 FROM open_refund x WHERE x.refund_id = n.refund_id);
    RETURN NULL;
END $$;

-- The people who act: each with an account of their own. On the command line a person is the
-- operating-system user running the process; on the support site, who signed in (password_hash:
-- bcrypt; none: command line only).
CREATE TABLE person (
    name          TEXT        PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}$'),
    role          TEXT        NOT NULL CHECK (role IN ('SUPPORT', 'FINANCE')),
    password_hash TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled_at   TIMESTAMPTZ
);

CREATE TABLE action_request (
    request_id        BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    action            TEXT        NOT NULL CHECK (action IN ('reissue', 'paid-outside', 'cancel', 'release')),
    refund_id         TEXT,
    held_on           DATE,       -- release: the approval date of the held refunds
    payment_method    TEXT        CHECK (payment_method IN ('CARD', 'PAYPAL')),
    reason            TEXT        NOT NULL CHECK (btrim(reason) <> ''),
    payment_reference TEXT,       -- reissue: the new reference to pay to, if not the order's
    outside_reference TEXT,       -- paid-outside: the other payment's reference
    requested_by      TEXT        NOT NULL REFERENCES person,
    requested_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    status            TEXT        NOT NULL DEFAULT 'REQUESTED'
                                  CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'APPLIED', 'STALE', 'EXPIRED')),
    decided_by        TEXT        REFERENCES person,
    decided_at        TIMESTAMPTZ,
    decision_reason   TEXT,
    settled_on        DATE,       -- the business date of the run that applied it, found it stale or let it expire
    job_execution_id  BIGINT,
    new_refund_id     TEXT,
    detail            TEXT,
    CHECK ((action = 'release') = (refund_id IS NULL)),
    CHECK ((action = 'release') = (held_on IS NOT NULL AND payment_method IS NOT NULL)),
    CHECK (action = 'reissue' OR payment_reference IS NULL),
    CHECK ((action = 'paid-outside') = (outside_reference IS NOT NULL)),
    -- four eyes, whatever writes the row
    CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CHECK ((status IN ('REQUESTED', 'EXPIRED')) OR decided_by IS NOT NULL),
    CHECK ((status IN ('APPLIED', 'STALE', 'EXPIRED')) = (settled_on IS NOT NULL))
);
CREATE INDEX action_request_refund_idx ON action_request (refund_id) WHERE refund_id IS NOT NULL;
CREATE INDEX action_request_pending_idx ON action_request (request_id) WHERE status IN ('REQUESTED', 'APPROVED');
CREATE INDEX action_request_settled_idx ON action_request (settled_on) WHERE settled_on IS NOT NULL;

-- Nothing of a request is ever deleted, and what was recorded is never rewritten: each stage only
-- fills what was empty.
CREATE FUNCTION keep_action_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'action requests are never deleted';
    END IF;
    IF (OLD.action, OLD.refund_id, OLD.held_on, OLD.payment_method, OLD.reason, OLD.payment_reference,
        OLD.outside_reference, OLD.requested_by, OLD.requested_at)
       IS DISTINCT FROM (NEW.action, NEW.refund_id, NEW.held_on, NEW.payment_method, NEW.reason,
        NEW.payment_reference, NEW.outside_reference, NEW.requested_by, NEW.requested_at)
       OR (OLD.decided_by IS NOT NULL AND (OLD.decided_by, OLD.decided_at, OLD.decision_reason)
           IS DISTINCT FROM (NEW.decided_by, NEW.decided_at, NEW.decision_reason))
       OR OLD.settled_on IS NOT NULL
       OR OLD.status IN ('REJECTED', 'APPLIED', 'STALE', 'EXPIRED') THEN
        RAISE EXCEPTION 'request % is kept as it was recorded: % refused', OLD.request_id, TG_OP;
    END IF;
    -- forward only: REQUESTED → APPROVED, REJECTED or EXPIRED; APPROVED → APPLIED or STALE
    IF NEW.status <> OLD.status
       AND NOT ((OLD.status = 'REQUESTED' AND NEW.status IN ('APPROVED', 'REJECTED', 'EXPIRED'))
                OR (OLD.status = 'APPROVED' AND NEW.status IN ('APPLIED', 'STALE'))) THEN
        RAISE EXCEPTION 'request % cannot go from % to %', OLD.request_id, OLD.status, NEW.status;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER action_request_kept
    BEFORE UPDATE OR DELETE ON action_request FOR EACH ROW EXECUTE FUNCTION keep_action_history();
CREATE TRIGGER action_request_no_truncate
    BEFORE TRUNCATE ON action_request FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();

-- Whether an action fits a refund as of a business date: NULL when it does, else why not. The one
-- place for this rule: a request is refused with it, and the run that applies an approved action
-- finds it STALE with it.
CREATE FUNCTION action_unfit(p_action TEXT, p_refund_id TEXT, p_held_on DATE, p_payment_method TEXT, p_as_of DATE)
    RETURNS TEXT LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
DECLARE
    r refund%ROWTYPE;
    open_reissue TEXT;
BEGIN
    IF p_action = 'release' THEN
        IF NOT EXISTS (SELECT 1 FROM open_refund x WHERE x.status = 'HELD' AND x.approved_on = p_held_on
                                                     AND x.payment_method = p_payment_method) THEN
            RETURN format('no %s refund approved on %s is HELD', p_payment_method, p_held_on);
        END IF;
        RETURN NULL;
    END IF;
    SELECT * INTO r FROM refund WHERE refund_id = p_refund_id;
    IF NOT FOUND THEN
        IF EXISTS (SELECT 1 FROM archived_refund WHERE refund_id = p_refund_id) THEN
            RETURN format('refund %s is REFUNDED (archived): there is nothing to act on', p_refund_id);
        END IF;
        RETURN format('no refund has the id %s', p_refund_id);
    END IF;
    IF p_action = 'cancel' THEN
        IF r.status NOT IN ('WAITING_REFUND', 'HELD') THEN
            RETURN format('refund %s is %s: only a WAITING_REFUND or HELD refund can be cancelled', p_refund_id, r.status);
        END IF;
        RETURN NULL;
    END IF;
    -- reissue and paid-outside
    IF NOT (r.status = 'FAILED'
            OR (r.status = 'REFUND_PROCESSING' AND r.reversals > 0 AND r.confirmations = 0
                AND r.status_changed_on < p_as_of - 20)) THEN
        RETURN format('refund %s is %s%s: only a FAILED refund, or one REFUND_PROCESSING with a reversal and no '
                      'confirmation for more than 20 days, can be %s', p_refund_id, r.status,
                      CASE WHEN r.status = 'REFUND_PROCESSING'
                           THEN format(' (%s confirmations, %s reversals, sent on %s)', r.confirmations, r.reversals,
                                       r.status_changed_on) ELSE '' END,
                      CASE p_action WHEN 'reissue' THEN 'reissued' ELSE 'marked paid outside' END);
    END IF;
    SELECT i.new_refund_id INTO open_reissue
      FROM refund_reissue i JOIN refund n ON n.refund_id = i.new_refund_id
     WHERE i.refund_id = p_refund_id AND n.status NOT IN ('FAILED', 'CANCELLED')
     ORDER BY i.n DESC LIMIT 1;
    IF open_reissue IS NOT NULL THEN
        RETURN format('refund %s was reissued as %s, which is not FAILED or CANCELLED', p_refund_id, open_reissue);
    END IF;
    RETURN NULL;
END $$;

-- The latest completed business date: what a request is judged against.
CREATE FUNCTION last_completed_date() RETURNS DATE LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
    SELECT coalesce(max(business_date), current_date) FROM nightly_run WHERE status IN ('COMPLETED', 'CARRIED')
$$;

CREATE FUNCTION acting_person(p_person TEXT) RETURNS person LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
DECLARE
    p person%ROWTYPE;
BEGIN
    SELECT * INTO p FROM person WHERE name = p_person;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'nobody named % has an account: ask finance to add one (users add --name=%)', p_person, p_person
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p.disabled_at IS NOT NULL THEN
        RAISE EXCEPTION 'the account of % is disabled', p_person USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN p;
END $$;

-- Records a request: anybody with an account (SUPPORT or FINANCE). Returns the request's id.
CREATE FUNCTION request_action(p_person TEXT, p_action TEXT, p_refund_id TEXT, p_held_on DATE, p_payment_method TEXT,
                               p_reason TEXT, p_payment_reference TEXT, p_outside_reference TEXT)
    RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    who    person%ROWTYPE;
    unfit  TEXT;
    open_request BIGINT;
    id     BIGINT;
BEGIN
    who := acting_person(p_person);
    IF p_action IS NULL OR p_action NOT IN ('reissue', 'paid-outside', 'cancel', 'release') THEN
        RAISE EXCEPTION 'unknown action %: reissue, paid-outside, cancel or release', p_action
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_reason IS NULL OR btrim(p_reason) = '' THEN
        RAISE EXCEPTION 'a request needs a reason' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_action = 'paid-outside' AND (p_outside_reference IS NULL OR btrim(p_outside_reference) = '') THEN
        RAISE EXCEPTION 'paid-outside needs the reference of the other payment' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_action <> 'paid-outside' AND p_outside_reference IS NOT NULL THEN
        RAISE EXCEPTION 'only paid-outside takes an outside reference' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_action <> 'reissue' AND p_payment_reference IS NOT NULL THEN
        RAISE EXCEPTION 'only reissue takes a payment reference' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF (p_action = 'release') <> (p_refund_id IS NULL) OR (p_action = 'release') <> (p_held_on IS NOT NULL AND p_payment_method IS NOT NULL) THEN
        RAISE EXCEPTION 'release names a date and a payment method; every other action names one refund'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    unfit := action_unfit(p_action, p_refund_id, p_held_on, p_payment_method, last_completed_date());
    IF unfit IS NOT NULL THEN
        RAISE EXCEPTION '%', unfit USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT request_id INTO open_request FROM action_request
     WHERE status IN ('REQUESTED', 'APPROVED') AND action = p_action
       AND (refund_id = p_refund_id OR (held_on = p_held_on AND payment_method = p_payment_method))
     LIMIT 1;
    IF open_request IS NOT NULL THEN
        RAISE EXCEPTION 'request % asks the same and is still pending', open_request
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO action_request (action, refund_id, held_on, payment_method, reason, payment_reference,
                                outside_reference, requested_by)
    VALUES (p_action, p_refund_id, p_held_on, p_payment_method, btrim(p_reason), p_payment_reference,
            p_outside_reference, who.name)
    RETURNING request_id INTO id;
    RETURN id;
END $$;

-- Records an approval or a rejection: FINANCE only, never of one's own request.
CREATE FUNCTION decide_action(p_person TEXT, p_request_id BIGINT, p_approve BOOLEAN, p_reason TEXT)
    RETURNS TEXT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    who person%ROWTYPE;
    req action_request%ROWTYPE;
BEGIN
    who := acting_person(p_person);
    IF who.role <> 'FINANCE' THEN
        RAISE EXCEPTION '% is %: only FINANCE may approve or reject a request', who.name, who.role
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT * INTO req FROM action_request WHERE request_id = p_request_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no request %', p_request_id USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF req.requested_by = who.name THEN
        RAISE EXCEPTION 'request % is %''s own: another person must approve or reject it', p_request_id, who.name
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF req.status <> 'REQUESTED' THEN
        RAISE EXCEPTION 'request % is % already', p_request_id, req.status USING ERRCODE = 'invalid_parameter_value';
    END IF;
    UPDATE action_request
       SET status = CASE WHEN p_approve THEN 'APPROVED' ELSE 'REJECTED' END,
           decided_by = who.name, decided_at = now(), decision_reason = nullif(btrim(p_reason), '')
     WHERE request_id = p_request_id;
    RETURN CASE WHEN p_approve THEN 'APPROVED' ELSE 'REJECTED' END;
END $$;

REVOKE ALL ON FUNCTION request_action(TEXT, TEXT, TEXT, DATE, TEXT, TEXT, TEXT, TEXT) FROM PUBLIC;
REVOKE ALL ON FUNCTION decide_action(TEXT, BIGINT, BOOLEAN, TEXT) FROM PUBLIC;

