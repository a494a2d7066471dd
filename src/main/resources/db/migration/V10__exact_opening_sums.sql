-- The outstanding amount per method and currency at the start of a run is a sum over every open
-- refund: kept exact as NUMERIC, so no number of refunds, however large, can overflow it and fail
-- the night (each refund's own amount stays BIGINT, within its order's total).
ALTER TABLE reconciliation_opening ALTER COLUMN amount_minor TYPE NUMERIC;
