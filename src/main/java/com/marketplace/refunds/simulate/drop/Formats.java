package com.marketplace.refunds.simulate.drop;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;

/** Time units, the "none" marker and the exact text forms the contract asks for. */
final class Formats {

    static final long MINUTE = 60;
    static final long HOUR = 3_600;
    static final long DAY = 86_400;
    /** An absent timestamp; written as an empty cell. */
    static final long NONE = Long.MIN_VALUE;

    private Formats() {
    }

    /** ISO-8601 with seconds and an offset: {@code 2026-11-25T10:15:00Z}, {@code ...T12:15:00+02:00}. */
    static String timestamp(long epochSecond, int offsetMinutes) {
        if (epochSecond == NONE) {
            return "";
        }
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC)
                .plusMinutes(offsetMinutes);
        char[] text = new char[offsetMinutes == 0 ? 20 : 25];
        digits(text, 0, local.getYear(), 4);
        text[4] = '-';
        digits(text, 5, local.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, local.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, local.getHour(), 2);
        text[13] = ':';
        digits(text, 14, local.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, local.getSecond(), 2);
        if (offsetMinutes == 0) {
            text[19] = 'Z';
        } else {
            int magnitude = Math.abs(offsetMinutes);
            text[19] = offsetMinutes > 0 ? '+' : '-';
            digits(text, 20, magnitude / 60, 2);
            text[22] = ':';
            digits(text, 23, magnitude % 60, 2);
        }
        return new String(text);
    }

    /** A plain decimal in major units with exactly the currency's exponent: 12.30, 1500, 11.125. */
    static String amount(long minor, int exponent) {
        return BigDecimal.valueOf(minor, exponent).toPlainString();
    }

    /** Uniform in [lo, hi); lo itself when the range is empty. */
    static long between(SplittableRandom random, long lo, long hi) {
        return hi > lo ? lo + random.nextLong(hi - lo) : lo;
    }

    /** True with the given chance in percent. */
    static boolean chance(SplittableRandom random, int percent) {
        return random.nextInt(100) < percent;
    }

    private static void digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
