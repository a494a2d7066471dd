package com.marketplace.refunds.refund;

/** WAITING_REFUND → REFUND_PROCESSING → REFUNDED, or FAILED when the processor sends it back. */
public enum RefundStatus {
    WAITING_REFUND, REFUND_PROCESSING, REFUNDED, FAILED
}
