package com.marketplace.refunds.stuck;

import java.time.LocalDate;

/** One stuck refund as support sees it; the amount in minor units of its currency. */
public record StuckRefund(String refundId, String refundKey, String orderId, String storeId, String buyerId,
                          String paymentMethod, String currency, long amountMinor, String status, LocalDate approvedOn,
                          int ageDays, String reason, LocalDate firstFlaggedOn) {
}
