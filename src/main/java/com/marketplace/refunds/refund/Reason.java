package com.marketplace.refunds.refund;

/** Why a trigger was capped, is waiting, or was rejected. */
public enum Reason {
    CAPPED_TO_BALANCE,
    AWAITING_SELLER_CONFIRMATION,
    AWAITING_RETURN,
    UNKNOWN_ORDER,
    SHIPPED_BEFORE_CANCELLATION,
    PROTECTION_EXPIRED,
    RETURN_WINDOW_EXPIRED,
    NOT_FREE_RETURN,
    NOT_DELIVERED,
    NO_REFUND_RESOLUTION,
    ALREADY_FULLY_REFUNDED;

    /** A rejection for this reason may turn out otherwise when the event comes again (the order arrives, or is delivered). */
    public boolean mayChange() {
        return this == UNKNOWN_ORDER || this == NOT_DELIVERED;
    }
}
