-- Every cancellation, dispute and return id the intake has taken, with its order and the date of
-- the drop that first carried it: the same id delivered later for another order is a bad row.
-- Looked up by primary key for the ids of one drop only, never scanned whole.
CREATE TABLE event_delivery (
    extract            TEXT NOT NULL CHECK (extract IN ('CANCELLATIONS', 'DISPUTE_RESOLUTIONS', 'FREE_RETURNS')),
    event_id           TEXT NOT NULL,
    order_id           TEXT NOT NULL,
    first_delivered_on DATE NOT NULL,
    PRIMARY KEY (extract, event_id)
);

-- The events delivered before this table existed, from the decisions made on them (every event a
-- run took was decided at least once), each with the order of its first decision.
INSERT INTO event_delivery (extract, event_id, order_id, first_delivered_on)
SELECT DISTINCT ON (extract, event_id) extract, event_id, order_id, business_date
  FROM (SELECT CASE trigger_type WHEN 'CANCELLATION' THEN 'CANCELLATIONS'
                                 WHEN 'DISPUTE' THEN 'DISPUTE_RESOLUTIONS'
                                 WHEN 'FREE_RETURN' THEN 'FREE_RETURNS' END AS extract,
               substr(refund_key, strpos(refund_key, ':') + 1) AS event_id, order_id, business_date, seq
          FROM decision
         WHERE trigger_type IN ('CANCELLATION', 'DISPUTE', 'FREE_RETURN')) decided
 ORDER BY extract, event_id, business_date, seq;
