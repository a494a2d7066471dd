package com.marketplace.refunds.shared;

import java.util.Currency;
import java.util.Optional;
import java.util.regex.Pattern;

/** ISO 4217 currencies that money can be kept in: a three-letter code with 0 to 4 decimals. */
public final class Currencies {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Currencies() {
    }

    public static Optional<Currency> iso(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            int digits = currency.getDefaultFractionDigits();
            return digits >= 0 && digits <= 4 ? Optional.of(currency) : Optional.empty();
        }
        catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public static int exponent(String code) {
        return iso(code).orElseThrow(() -> new IllegalArgumentException("unknown currency " + code))
                .getDefaultFractionDigits();
    }
}
