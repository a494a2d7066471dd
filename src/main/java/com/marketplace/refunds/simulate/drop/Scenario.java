package com.marketplace.refunds.simulate.drop;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * What happens to one order: how it ships and which events it draws. Shares are per 100,000 orders;
 * the minimum age (days between paid_at and the cut-off) leaves room for the whole story before the cut-off.
 */
enum Scenario {
    NEVER_SHIPPED(1_000, 6, Shipping.NEVER, FreeReturn.RANDOM),
    SHIPPED_LATE(1_500, 9, Shipping.LATE, FreeReturn.RANDOM),
    SHIPPED_WITHOUT_TRACKING(200, 6, Shipping.NO_TRACKING, FreeReturn.RANDOM),
    CANCELLED(1_700, 1, Shipping.NEVER, FreeReturn.RANDOM),
    CANCELLED_TWICE(100, 1, Shipping.NEVER, FreeReturn.RANDOM),
    CANCEL_UNCONFIRMED(400, 1, Shipping.MAYBE, FreeReturn.RANDOM),
    CANCEL_AFTER_SHIPPING(600, 8, Shipping.NORMAL, FreeReturn.RANDOM),
    RETURN_RECEIVED(1_000, 36, Shipping.DELIVERED, FreeReturn.YES),
    RETURN_AWAITED(250, 14, Shipping.DELIVERED, FreeReturn.YES),
    RETURN_TOO_LATE(200, 40, Shipping.DELIVERED, FreeReturn.YES),
    RETURN_NOT_FREE(150, 30, Shipping.DELIVERED, FreeReturn.NO),
    RETURN_UNDELIVERED(150, 20, Shipping.UNDELIVERED, FreeReturn.YES),
    DISPUTE(1_600, 45, Shipping.MAYBE, FreeReturn.RANDOM),
    DISPUTE_AFTER_PROTECTION(200, 56, Shipping.DELIVERED, FreeReturn.RANDOM),
    DISPUTE_THEN_RETURN(200, 30, Shipping.DELIVERED, FreeReturn.YES),
    RETURN_THEN_DISPUTE(100, 40, Shipping.DELIVERED, FreeReturn.YES),
    TWO_DISPUTES(100, 45, Shipping.DELIVERED, FreeReturn.RANDOM),
    PLAIN(0, 0, Shipping.NORMAL, FreeReturn.RANDOM);

    /** How the order travels; MAYBE lets the scenario choose per order. */
    enum Shipping { NORMAL, DELIVERED, UNDELIVERED, LATE, NEVER, NO_TRACKING, MAYBE }

    enum FreeReturn { YES, NO, RANDOM }

    /** The shares of every scenario but PLAIN (whose share is what the others leave of 100,000). */
    private static final int EVENTFUL_SHARES = Arrays.stream(values()).mapToInt(s -> s.share).sum();

    final int share;
    final long minAgeSeconds;
    final Shipping shipping;
    final FreeReturn freeReturn;

    Scenario(int share, int minAgeDays, Shipping shipping, FreeReturn freeReturn) {
        this.share = share;
        this.minAgeSeconds = minAgeDays * Formats.DAY + Formats.HOUR;
        this.shipping = shipping;
        this.freeReturn = freeReturn;
    }

    static Scenario pick(SplittableRandom random) {
        return at(random.nextInt(100_000));
    }

    /** In the same proportions as {@link #pick}, but never PLAIN: about one trigger per order. */
    static Scenario pickEventful(SplittableRandom random) {
        return at(random.nextInt(EVENTFUL_SHARES));
    }

    /** The scenario whose share holds the roll; PLAIN beyond the others' shares. */
    private static Scenario at(int roll) {
        for (Scenario scenario : values()) {
            roll -= scenario.share;
            if (roll < 0) {
                return scenario;
            }
        }
        return PLAIN;
    }
}
