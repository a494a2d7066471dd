package com.marketplace.refunds.refund;

/** How a dispute was resolved; four of them pay the buyer. */
public enum Resolution {
    SELLER_ACCEPTED(true),
    SELLER_NO_RESPONSE(true),
    COUNTEROFFER_ACCEPTED(true),
    PLATFORM_BUYER(true),
    PLATFORM_SELLER(false),
    REPLACEMENT(false),
    INSUFFICIENT_EVIDENCE(false);

    private final boolean paysBuyer;

    Resolution(boolean paysBuyer) {
        this.paysBuyer = paysBuyer;
    }

    public boolean paysBuyer() {
        return paysBuyer;
    }
}
