package com.marketplace.refunds.shared;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount in minor units of its currency. Never rounds: text with more decimals than the
 * currency allows is refused, and sums of different currencies or beyond a long are refused.
 */
public record Money(long minor, Currency currency) {

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,15}(\\.\\d+)?");

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * Parses a plain decimal in major units ({@code 12.30}, {@code 1500}, {@code 11.125}): digits,
     * optionally a point and at most the currency's number of decimals; no sign, no exponent.
     */
    public static Money parse(String text, Currency currency) {
        if (!PLAIN_DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a plain decimal amount (digits, optionally a point and decimals)");
        }
        int exponent = currency.getDefaultFractionDigits();
        int point = text.indexOf('.');
        int decimals = point < 0 ? 0 : text.length() - point - 1;
        if (point >= 0 && (exponent == 0 || decimals > exponent)) {
            throw new IllegalArgumentException("'" + text + "' has more decimals than " + currency.getCurrencyCode()
                    + " allows (" + exponent + ")");
        }
        return new Money(new BigDecimal(text).movePointRight(exponent).longValueExact(), currency);
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

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + currency + " and " + other.currency);
        }
    }
}
