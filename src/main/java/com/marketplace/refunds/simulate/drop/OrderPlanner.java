package com.marketplace.refunds.simulate.drop;

import static com.marketplace.refunds.simulate.drop.Formats.DAY;
import static com.marketplace.refunds.simulate.drop.Formats.HOUR;
import static com.marketplace.refunds.simulate.drop.Formats.MINUTE;
import static com.marketplace.refunds.simulate.drop.Formats.NONE;
import static com.marketplace.refunds.simulate.drop.Formats.between;
import static com.marketplace.refunds.simulate.drop.Formats.chance;

import java.util.SplittableRandom;

/** Fills an {@link OrderPlan} for order n: scenario, parties, payment, money and its timeline. */
final class OrderPlanner {

    private static final char[] LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private final DropContext drop;
    private final SplittableRandom random;
    private final int buyers;

    OrderPlanner(DropContext drop, SplittableRandom random) {
        this.drop = drop;
        this.random = random;
        this.buyers = Math.max(1, drop.orders() / 4 * 3);
    }

    void fill(OrderPlan plan, long n) {
        plan.scenario = drop.dense() ? Scenario.pickEventful(random) : Scenario.pick(random);
        plan.variant = random.nextInt(100);
        plan.orderId = drop.orderId(n);
        plan.storeId = DropContext.storeId(1 + random.nextInt(drop.stores()));
        plan.buyerId = "BY-" + (1 + random.nextInt(buyers));
        plan.currency = CurrencyProfile.pick(random);
        plan.paypal = plan.currency.paypalAllowed() && chance(random, 31);
        plan.paymentReference = plan.paypal ? captureId() : pspReference();
        plan.itemsMinor = plan.currency.itemsPrice(random);
        plan.shippingMinor = plan.currency.shippingPrice(random);
        plan.offsetMinutes = offset();
        plan.freeReturn = switch (plan.scenario.freeReturn) {
            case YES -> true;
            case NO -> false;
            case RANDOM -> chance(random, 40);
        };
        timeline(plan);
    }

    private void timeline(OrderPlan plan) {
        plan.paidAt = between(random, drop.windowStart(), drop.cutoff() - plan.scenario.minAgeSeconds);
        plan.shipDeadline = plan.paidAt + (2 + random.nextInt(4)) * DAY;
        plan.shippedAt = NONE;
        plan.trackingNumber = null;
        plan.deliveredAt = NONE;
        plan.eventualShippedAt = NONE;
        plan.delivers = false;
        plan.eventualDeliveredAt = NONE;
        switch (shipping(plan)) {
            case NORMAL -> ship(plan, onTime(plan), chance(random, 95));
            case DELIVERED -> ship(plan, onTime(plan), true);
            case UNDELIVERED -> ship(plan, onTime(plan), false);
            case LATE -> ship(plan, plan.shipDeadline + between(random, HOUR, 3 * DAY), chance(random, 95));
            case NO_TRACKING -> plan.shippedAt = drop.known(onTime(plan));
            default -> { }
        }
        long base = plan.delivered() ? plan.deliveredAt : plan.paidAt;
        plan.protectionExpiresAt = plan.scenario == Scenario.DISPUTE_AFTER_PROTECTION
                ? base + 30 * DAY + between(random, 0, HOUR)
                : base + between(random, 30 * DAY, 60 * DAY + 1);
    }

    private Scenario.Shipping shipping(OrderPlan plan) {
        return switch (plan.scenario) {
            case CANCEL_UNCONFIRMED -> plan.variant < 50 ? Scenario.Shipping.NEVER : Scenario.Shipping.NORMAL;
            case DISPUTE -> plan.variant < 20 ? Scenario.Shipping.UNDELIVERED : Scenario.Shipping.DELIVERED;
            default -> plan.scenario.shipping;
        };
    }

    private long onTime(OrderPlan plan) {
        return between(random, plan.paidAt + 2 * HOUR, plan.shipDeadline - 30 * MINUTE);
    }

    /** Ships at the given time; what lies after the cut-off is not known to this drop and stays empty. */
    private void ship(OrderPlan plan, long shippedAt, boolean delivers) {
        plan.eventualShippedAt = shippedAt;
        plan.delivers = delivers;
        plan.shippedAt = drop.known(shippedAt);
        if (plan.shippedAt == NONE) {
            return;
        }
        plan.trackingNumber = trackingNumber(random);
        if (delivers) {
            plan.eventualDeliveredAt = shippedAt + deliveryTime(random);
            plan.deliveredAt = drop.known(plan.eventualDeliveredAt);
        }
    }

    /** How long a parcel travels, from its shipment to its delivery. */
    static long deliveryTime(SplittableRandom random) {
        return between(random, DAY, 7 * DAY);
    }

    private int offset() {
        int roll = random.nextInt(100);
        return roll < 10 ? 120 : roll < 12 ? -300 : 0;
    }

    /** An acquirer PSP reference: opaque, never digits only. */
    private String pspReference() {
        return "psp_" + pick(random, LOWER_ALNUM, 18);
    }

    /** A PayPal capture id: 17 upper-case letters and digits, ending in a letter. */
    private String captureId() {
        return pick(random, UPPER_ALNUM, 16) + UPPER_ALNUM[random.nextInt(26)];
    }

    static String trackingNumber(SplittableRandom random) {
        if (chance(random, 80)) {
            return "1Z" + pick(random, UPPER_ALNUM, 16);
        }
        return "LX" + (100_000_000 + random.nextInt(900_000_000)) + "DE";
    }

    private static String pick(SplittableRandom random, char[] alphabet, int length) {
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(text);
    }
}
