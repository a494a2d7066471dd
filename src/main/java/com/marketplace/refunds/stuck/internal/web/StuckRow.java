package com.marketplace.refunds.stuck.internal.web;

import java.util.List;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.stuck.OrderRefunds;
import com.marketplace.refunds.stuck.StuckRefund;

/**
 * One stuck refund as the page and the API show it: amounts as in the reports, dates yyyy-MM-dd, and
 * the oldest other refunds of its order (status and amount) and how many more it has, so support does
 * not contact a buyer who is already being paid.
 */
record StuckRow(String refundId, String refundKey, String orderId, String storeId, String buyerId,
                String paymentMethod, String currency, String amount, String status, String approvedOn, int ageDays,
                String reason, String firstFlaggedOn, List<OrderRefunds.OtherRefund> otherRefunds,
                long moreOtherRefunds) {

    static StuckRow of(StuckRefund stuck, OrderRefunds.Others others) {
        return new StuckRow(stuck.refundId(), stuck.refundKey(), stuck.orderId(), stuck.storeId(), stuck.buyerId(),
                stuck.paymentMethod(), stuck.currency(),
                Money.format(stuck.amountMinor(), Currencies.exponent(stuck.currency())), stuck.status(),
                stuck.approvedOn().toString(), stuck.ageDays(), stuck.reason(), stuck.firstFlaggedOn().toString(),
                others.shown(), others.more());
    }
}
