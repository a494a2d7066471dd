package com.marketplace.refunds.stuck.internal.web;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.stuck.StuckRefund;

/** One stuck refund as the page and the API show it: amounts as in the reports, dates yyyy-MM-dd. */
record StuckRow(String refundId, String refundKey, String orderId, String storeId, String buyerId,
                String paymentMethod, String currency, String amount, String status, String approvedOn, int ageDays,
                String reason, String firstFlaggedOn) {

    static StuckRow of(StuckRefund stuck) {
        return new StuckRow(stuck.refundId(), stuck.refundKey(), stuck.orderId(), stuck.storeId(), stuck.buyerId(),
                stuck.paymentMethod(), stuck.currency(),
                Money.format(stuck.amountMinor(), Currencies.exponent(stuck.currency())), stuck.status(),
                stuck.approvedOn().toString(), stuck.ageDays(), stuck.reason(), stuck.firstFlaggedOn().toString());
    }
}
