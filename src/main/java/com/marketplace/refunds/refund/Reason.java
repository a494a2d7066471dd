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
    ALREADY_FULLY_REFUNDED
}
