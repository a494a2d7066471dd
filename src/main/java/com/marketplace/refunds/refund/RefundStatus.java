package com.marketplace.refunds.refund;

/**
 * WAITING_REFUND (or HELD for review) → REFUND_PROCESSING → REFUNDED, or FAILED when the processor sends
 * it back; PAID_OUTSIDE and CANCELLED only by an approved action (docs/actions.md).
 */
public enum RefundStatus {
    WAITING_REFUND, HELD, REFUND_PROCESSING, REFUNDED, FAILED, PAID_OUTSIDE, CANCELLED
}
