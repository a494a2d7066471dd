-- The merge looked each of the drop's orders up in orders three times: the check of its fixed
-- fields, the update of its changeable ones, and the insert of the new ones (NOT EXISTS). On a
-- night of a million new orders, none of them stored, the first two found nothing for 1.0 s to
-- 1.6 s each already on the second night, and each lookup grows with the orders kept. Now one
-- statement looks each up once and marks the staged rows whose order is stored (CrossRowChecks):
-- the check and the update read only those, and the insert takes the others without a lookup.
-- A constant default: adding the column rewrites nothing.
ALTER TABLE stage_orders ADD COLUMN stored BOOLEAN NOT NULL DEFAULT false;
