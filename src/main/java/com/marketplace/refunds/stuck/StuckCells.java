package com.marketplace.refunds.stuck;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;

/** A stuck refund as the cells of stuck-refunds.csv (and of the command line's table). */
public final class StuckCells {

    private StuckCells() {
    }

    public static String[] of(StuckRefund stuck) {
        return new String[] {stuck.refundId(), stuck.refundKey(), stuck.orderId(), stuck.storeId(), stuck.buyerId(),
                stuck.paymentMethod(), stuck.currency(),
                Money.format(stuck.amountMinor(), Currencies.exponent(stuck.currency())), stuck.status(),
                stuck.approvedOn().toString(), String.valueOf(stuck.ageDays()), stuck.reason(),
                stuck.firstFlaggedOn().toString()};
    }
}
