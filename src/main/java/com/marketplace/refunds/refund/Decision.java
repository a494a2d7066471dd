package com.marketplace.refunds.refund;

public enum Decision {
    APPROVED, APPROVED_CAPPED, PENDING, REJECTED;

    public boolean approved() {
        return this == APPROVED || this == APPROVED_CAPPED;
    }
}
