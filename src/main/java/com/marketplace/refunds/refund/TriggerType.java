package com.marketplace.refunds.refund;

/** What can give rise to a refund, with the prefix of its refund keys. */
public enum TriggerType {
    CANCELLATION("CANCEL"),
    AUTO_CANCELLATION("AUTOCANCEL"),
    FRAUD_BLOCK("FRAUD"),
    FREE_RETURN("RETURN"),
    DISPUTE("DISPUTE"),
    /** A failed refund paid again by an approved action: REISSUE:<refund_id>:<n> (docs/actions.md). */
    REISSUE("REISSUE");

    private final String keyPrefix;

    TriggerType(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public String refundKey(String... ids) {
        return keyPrefix + ":" + String.join(":", ids);
    }
}
