package com.marketplace.refunds.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a dispute was resolved, and which of the row's amounts pays the buyer (CONTRACT section 3, "Dispute
 * resolutions"): the one place that rule is written. The intake requires that amount and the refund rules
 * pay it; both read it from here (the intake may not know the refund package), and the set-based SQL is built
 * from it ({@link #payingAmountSql}).
 */
public enum Resolution {
    SELLER_ACCEPTED(PayingAmount.REQUESTED),
    SELLER_NO_RESPONSE(PayingAmount.REQUESTED),
    COUNTEROFFER_ACCEPTED(PayingAmount.AWARDED),
    PLATFORM_BUYER(PayingAmount.AWARDED),
    PLATFORM_SELLER(PayingAmount.NONE),
    REPLACEMENT(PayingAmount.NONE),
    INSUFFICIENT_EVIDENCE(PayingAmount.NONE);

    /** The column of dispute_resolutions.csv that a resolution pays, if any. */
    public enum PayingAmount {
        REQUESTED("requested_amount"), AWARDED("awarded_amount"), NONE(null);

        private final String column;

        PayingAmount(String column) {
            this.column = column;
        }

        /** The extract's column, which is then required; null for NONE. */
        public String column() {
            return column;
        }
    }

    private final PayingAmount paying;

    Resolution(PayingAmount paying) {
        this.paying = paying;
    }

    public PayingAmount paying() {
        return paying;
    }

    public boolean paysBuyer() {
        return paying != PayingAmount.NONE;
    }

    /** The resolutions that pay from {@code amount}, as an SQL list for {@code IN (...)}. */
    public static String sqlList(PayingAmount amount) {
        return Arrays.stream(values()).filter(r -> r.paying == amount).map(r -> "'" + r.name() + "'")
                .collect(Collectors.joining(", "));
    }

    /** The resolutions that pay the buyer, as an SQL list for {@code IN (...)}. */
    public static String payingSqlList() {
        return Arrays.stream(values()).filter(Resolution::paysBuyer).map(r -> "'" + r.name() + "'")
                .collect(Collectors.joining(", "));
    }

    /**
     * The paying amount's text of a row with {@code resolution}, {@code requested_amount} and {@code awarded_amount}
     * under {@code alias}: NULL when the resolution pays nothing.
     */
    public static String payingAmountSql(String alias) {
        return "CASE WHEN %1$s.resolution IN (%2$s) THEN %1$s.requested_amount WHEN %1$s.resolution IN (%3$s) THEN %1$s.awarded_amount END"
                .formatted(alias, sqlList(PayingAmount.REQUESTED), sqlList(PayingAmount.AWARDED));
    }
}
