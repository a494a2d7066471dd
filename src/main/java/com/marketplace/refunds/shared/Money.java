package com.marketplace.refunds.shared;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in minor units of its currency. Never rounds: text with more decimals than the
 * currency allows is refused, and sums of different currencies or beyond a long are refused.
 */
public record Money(long minor, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * Parses a plain decimal in major units ({@code 12.30}, {@code 1500}, {@code 11.125}): digits,
     * optionally a point and at most the currency's number of decimals; no sign, no exponent.
     */
    public static Money parse(String text, Currency currency) {
        try {
            return parseExact(text, currency);
        }
        catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("'" + text + "' is too large an amount");
        }
    }

    private static Money parseExact(String text, Currency currency) {
        int exponent = currency.getDefaultFractionDigits();
        long minor = 0;
        int integerDigits = 0;
        int decimals = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' && decimals < 0 && integerDigits > 0) {
                decimals = 0;
            }
            else if (c >= '0' && c <= '9') {
                minor = Math.addExact(Math.multiplyExact(minor, 10), c - '0');
                if (decimals < 0) {
                    integerDigits++;
                }
                else {
                    decimals++;
                }
            }
            else {
                throw notPlainDecimal(text);
            }
            if (integerDigits > 15 || decimals > exponent) {
                throw decimals > exponent
                        ? new IllegalArgumentException("'" + text + "' has more decimals than "
                                + currency.getCurrencyCode() + " allows (" + exponent + ")")
                        : new IllegalArgumentException("'" + text + "' is too large an amount");
            }
        }
        if (integerDigits == 0 || decimals == 0) {
            throw notPlainDecimal(text);
        }
        for (int scale = Math.max(decimals, 0); scale < exponent; scale++) {
            minor = Math.multiplyExact(minor, 10);
        }
        return new Money(minor, currency);
    }

    private static IllegalArgumentException notPlainDecimal(String text) {
        return new IllegalArgumentException("'" + text
                + "' is not a plain decimal amount (digits, optionally a point and decimals)");
    }

    public static Money ofMinor(long minor, String currencyCode) {
        return new Money(minor, Currency.getInstance(currencyCode));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    /** Plain decimal in major units with the currency's exponent: {@code 12.30}, {@code 1500}, {@code 11.125}. */
    public String toPlainString() {
        return format(minor, currency.getDefaultFractionDigits());
    }

    public static String format(long minor, int exponent) {
        return BigDecimal.valueOf(minor, exponent).toPlainString();
    }

    /** The same for a sum of many amounts, which may not fit in a {@code long}. */
    public static String format(java.math.BigInteger minor, int exponent) {
        return new BigDecimal(minor, exponent).toPlainString();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " and " + other.currency);
        }
    }
}
