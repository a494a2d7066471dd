package com.marketplace.refunds.shared;

/** A store block's review status (store_blocks.csv); only a confirmed fraud refunds the store's orders. */
public enum ReviewStatus {
    UNDER_REVIEW, CONFIRMED_FRAUD, CLEARED;

    /** The status as an SQL literal, {@code 'CONFIRMED_FRAUD'}, for the text-block SQL. */
    public String sql() {
        return "'" + name() + "'";
    }
}
