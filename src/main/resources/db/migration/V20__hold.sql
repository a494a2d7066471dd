-- The hold (docs/hold.md; contract section 9): before the settlement files, a run compares what it
-- approved per payment method and currency with the median of the last 14 completed runs that
-- approved any, and holds an unusual night's refunds for review.

-- What each run approved, per payment method and currency (reissues left out: they are never held
-- and are not a night's usual work): the medians read this small table, never the refunds.
CREATE TABLE run_approvals (
    business_date  DATE    NOT NULL,
    payment_method TEXT    NOT NULL,
    currency       CHAR(3) NOT NULL,
    refunds        BIGINT  NOT NULL CHECK (refunds > 0),
    amount_minor   NUMERIC NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (payment_method, currency, business_date)
);

-- What a run held, and the figures it compared: the reports and the exit code read it.
CREATE TABLE run_hold (
    business_date  DATE    NOT NULL,
    payment_method TEXT    NOT NULL,
    currency       CHAR(3) NOT NULL,
    refunds        BIGINT  NOT NULL,
    amount_minor   NUMERIC NOT NULL,
    median_refunds NUMERIC NOT NULL,
    median_amount  NUMERIC NOT NULL,
    earlier_runs   INT     NOT NULL,
    factor         NUMERIC NOT NULL,
    held           BIGINT  NOT NULL,
    PRIMARY KEY (business_date, payment_method, currency)
);

-- A database that already has runs: their approvals, from the hot refunds of the last 30 completed
-- dates (older ones are no longer among the 14 a median reads, unless a currency is rare).
INSERT INTO run_approvals (business_date, payment_method, currency, refunds, amount_minor)
SELECT r.approved_on, r.payment_method, r.currency, count(*), sum(r.amount_minor)
  FROM refund r
 WHERE r.trigger_type <> 'REISSUE'
   AND r.approved_on IN (SELECT business_date FROM nightly_run WHERE status = 'COMPLETED'
                          ORDER BY business_date DESC LIMIT 30)
 GROUP BY r.approved_on, r.payment_method, r.currency;
