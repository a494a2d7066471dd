package com.marketplace.refunds.simulate.drop;

import java.util.SplittableRandom;

/**
 * The currencies of a drop with their ISO 4217 exponent, their share of orders (per 10,000) and
 * realistic price ranges in minor units. Prices are drawn as whole minor units: no floating point.
 */
enum CurrencyProfile {
    USD(2, 5_500, 199, 89_999, 399, 1_499),
    EUR(2, 2_200, 199, 79_999, 390, 1_290),
    GBP(2, 1_300, 199, 69_999, 299, 999),
    JPY(0, 700, 300, 120_000, 350, 1_800),
    BHD(3, 300, 1_500, 300_000, 1_000, 3_500);

    final int exponent;
    private final int share;
    private final long itemsMin;
    private final long itemsMax;
    private final long shippingMin;
    private final long shippingMax;

    CurrencyProfile(int exponent, int share, long itemsMin, long itemsMax, long shippingMin, long shippingMax) {
        this.exponent = exponent;
        this.share = share;
        this.itemsMin = itemsMin;
        this.itemsMax = itemsMax;
        this.shippingMin = shippingMin;
        this.shippingMax = shippingMax;
    }

    static CurrencyProfile pick(SplittableRandom random) {
        int roll = random.nextInt(10_000);
        for (CurrencyProfile currency : values()) {
            roll -= currency.share;
            if (roll < 0) {
                return currency;
            }
        }
        return USD;
    }

    /** PayPal settles only currencies with at most two decimals. */
    boolean paypalAllowed() {
        return exponent <= 2;
    }

    /** Mostly cheap items, some mid-range, a few premium ones; with shop-like endings. */
    long itemsPrice(SplittableRandom random) {
        int band = random.nextInt(100);
        long lo = band < 50 ? itemsMin : band < 88 ? itemsMin * 10 : itemsMin * 50;
        long hi = band < 50 ? itemsMin * 10 : band < 88 ? itemsMin * 50 : itemsMax;
        return shopEnding(Formats.between(random, lo, hi + 1), random);
    }

    /** Free shipping for about 30% of orders. */
    long shippingPrice(SplittableRandom random) {
        if (Formats.chance(random, 30)) {
            return 0;
        }
        return shopEnding(Formats.between(random, shippingMin, shippingMax + 1), random);
    }

    private long shopEnding(long minor, SplittableRandom random) {
        int style = random.nextInt(10);
        long unit = switch (exponent) {
            case 0 -> 10;
            case 3 -> 500;
            default -> 100;
        };
        long rounded;
        if (style < 5) {
            rounded = exponent == 0 ? minor / unit * unit : minor / unit * unit + unit - (exponent == 2 ? 1 : 0);
        } else if (style < 7) {
            rounded = minor / unit * unit;
        } else {
            rounded = minor;
        }
        return Math.max(rounded, 1);
    }
}
