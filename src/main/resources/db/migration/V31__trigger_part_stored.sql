-- Each trigger keeps the hash that puts it in a part of the decisions (OrderPart), computed once when it is
-- collected. Each part used to compute md5 of the order id of every trigger of the night to find its own:
-- on a dense night 1,259,638 md5s a part, 2.2 s to 2.4 s of a core each (README, "Measured"); hashtext
-- takes a tenth of that, once. Stored, the split no longer has to be a function that PostgreSQL keeps
-- alike across versions (why it was md5): a restart reads the part each trigger was collected with.
-- Triggers collected before this column (none has it) keep md5's split, so a night collected by the
-- version before and decided after the upgrade is split as it was begun. Every trigger collected from
-- now on names its part; NOT VALID leaves the older rows unchecked.
ALTER TABLE refund_trigger ADD COLUMN order_part INTEGER;
ALTER TABLE refund_trigger ADD CONSTRAINT refund_trigger_part_named CHECK (order_part IS NOT NULL) NOT VALID;
