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

    /** {@link #refundKey} in SQL, from column expressions: {@code 'CANCEL:' || c.cancellation_id}. */
    public String refundKeySql(String... idColumns) {
        return "'" + keyPrefix + ":' || " + String.join(" || ':' || ", idColumns);
    }

    /** The ids a {@link #refundKey} was built from, read back: the first {@code count - 1} and the rest. */
    public String[] ids(String refundKey, int count) {
        if (!refundKey.startsWith(keyPrefix + ":")) {
            throw new IllegalArgumentException("not a " + this + " refund key: " + refundKey);
        }
        return refundKey.substring(keyPrefix.length() + 1).split(":", count);
    }

    /** The type as an SQL literal, {@code 'DISPUTE'}, for the text-block SQL. */
    public String sql() {
        return "'" + name() + "'";
    }
}
