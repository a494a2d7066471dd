package com.marketplace.refunds.intake.internal;

import java.util.Currency;

import com.marketplace.refunds.shared.Money;

/**
 * The largest amount the intake takes: 999,999,999,999,999 minor units of the currency (15 digits,
 * 9,999,999,999,999.99 USD), for one amount and for an order's total. Every refund is at most its
 * order's total, so no single amount anywhere reaches a tenth of a {@code long}, and a sum of
 * thousands of them still fits; 15 digits are also what a spreadsheet keeps exactly. Beyond it a
 * row is bad ("amount too large"), never a failed night.
 */
final class AmountCeiling {

    static final long MAX_MINOR = 999_999_999_999_999L;
    private static final int MAX_DIGITS = 15;

    private AmountCeiling() {
    }

    /**
     * The number of decimals of a plain decimal (digits, optionally a point and at least one digit),
     * or -1 when the text is not one: a sign, an exponent, a lone point.
     */
    static int decimalsOf(String text) {
        int point = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && point < 0 && i > 0) {
                point = i;
            }
            else if (c < '0' || c > '9') {
                return -1;
            }
        }
        if (text.isEmpty() || point == text.length() - 1) {
            return -1;
        }
        return point < 0 ? 0 : text.length() - point - 1;
    }

    /**
     * Whether a plain decimal, with at most {@code exponent} decimals, is above the ceiling in minor
     * units: it is exactly when its significant integer digits and the exponent make more than 15
     * digits. Counted on the text, so a value of any length is judged without overflow.
     */
    static boolean exceededBy(String plainDecimal, int exponent) {
        int point = plainDecimal.indexOf('.');
        int integerEnd = point < 0 ? plainDecimal.length() : point;
        int first = 0;
        while (first < integerEnd && plainDecimal.charAt(first) == '0') {
            first++;
        }
        return integerEnd - first + exponent > MAX_DIGITS;
    }

    /** The text without the leading zeros of its integer part (one kept before a point or alone). */
    static String withoutLeadingZeros(String plainDecimal) {
        int first = 0;
        while (first < plainDecimal.length() - 1 && plainDecimal.charAt(first) == '0'
                && plainDecimal.charAt(first + 1) != '.') {
            first++;
        }
        return plainDecimal.substring(first);
    }

    /** The reason of a bad row whose amount is above the ceiling, in the currency's major units. */
    static String tooLarge(String what, Currency currency) {
        return what + ": amount too large (above the ceiling of "
                + Money.format(MAX_MINOR, currency.getDefaultFractionDigits()) + " " + currency.getCurrencyCode() + ")";
    }

    /** The same when the currency is not known yet: above the ceiling whatever the currency. */
    static String tooLargeInAnyCurrency(String what) {
        return what + ": amount too large (above the ceiling of " + MAX_MINOR + " minor units)";
    }
}
