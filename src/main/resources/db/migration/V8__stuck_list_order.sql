-- The stuck list is read oldest first, approved_on then refund_id (byte order): an index in exactly
-- that order lets a page of the support site stop after its rows instead of sorting every stuck
-- refund of the day. It replaces the approved_on index, which it covers for the nightly flagging.
-- refund_id never changes, so status updates stay HOT.
CREATE INDEX refund_approved_on_id_idx ON refund (approved_on, refund_id COLLATE "C");
DROP INDEX refund_approved_on_idx;
