package com.marketplace.refunds.refund;

import java.time.Instant;

/** What the rules need to know of an order. */
public record OrderFacts(long totalMinor, Instant shippedAt, boolean tracked, Instant deliveredAt,
                         boolean freeReturn, Instant protectionExpiresAt) {

    /** Shipped means both shipped_at and a tracking number; shipped by a time means shipped_at no later. */
    public boolean shippedBy(Instant time) {
        return shippedAt != null && tracked && !shippedAt.isAfter(time);
    }
}
