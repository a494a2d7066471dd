package com.marketplace.refunds.refund;

import java.time.Instant;

/** What the rules need to know of an order. */
public record OrderFacts(long totalMinor, Instant shippedAt, boolean tracked, Instant deliveredAt,
                         boolean freeReturn, Instant protectionExpiresAt) {

    /** Shipped means both shipped_at and a tracking number; shipped by a time means shipped_at no later. */
    public boolean shippedBy(Instant time) {
        return shippedAt != null && tracked && !shippedAt.isAfter(time);
    }

    /**
     * {@link #shippedBy(Instant)} as a SQL condition, for set-based statements over rows with the columns
     * {@code shipped_at} and {@code tracking_number} under {@code alias}; {@code time} a SQL expression.
     */
    public static String shippedBySql(String alias, String time) {
        return "(%1$s.shipped_at IS NOT NULL AND %1$s.tracking_number IS NOT NULL AND %1$s.shipped_at <= %2$s)"
                .formatted(alias, time);
    }
}
