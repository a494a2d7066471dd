-- Steps that must run once per business date (reconcile, decide) record it in their own
-- transaction. Spring Batch may still call such a step again after it committed (a SIGTERM or a
-- lost connection after the commit leaves it STOPPED or UNKNOWN); the step then sees it is done.
CREATE TABLE step_done (
    business_date DATE        NOT NULL,
    step_name     TEXT        NOT NULL,
    done_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (business_date, step_name)
);
