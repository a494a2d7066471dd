package com.marketplace.refunds.stuck;

import java.time.LocalDate;

/**
 * Which stuck refunds to list, as of a business date: by payment method, store, buyer, order and
 * minimum age in days (null for "any").
 */
public record StuckFilter(LocalDate asOf, String paymentMethod, String storeId, String buyerId, String orderId,
                          Integer minAgeDays) {

    public static StuckFilter all(LocalDate asOf) {
        return new StuckFilter(asOf, null, null, null, null, null);
    }
}
