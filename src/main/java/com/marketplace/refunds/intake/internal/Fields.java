package com.marketplace.refunds.intake.internal;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.marketplace.refunds.shared.CardNumbers;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Identifiers;
import com.marketplace.refunds.shared.Money;

/**
 * The values of one record by column name, each read with the check the contract gives for it.
 * An empty cell means "none"; a bad value throws {@link BadValueException} with the reason.
 */
final class Fields {

    /** The most decimals of any currency the product keeps (CLF, and the database's currency table). */
    private static final int MAX_DECIMALS = 4;

    private final Map<String, Integer> columns;
    private List<String> values;

    Fields(Map<String, Integer> columns) {
        this.columns = columns;
    }

    void use(List<String> values) {
        this.values = values;
    }

    /** The cell, or null when it is empty or its column is absent. */
    String optional(String column) {
        Integer index = columns.get(column);
        String value = index == null ? null : values.get(index);
        return value == null || value.isEmpty() ? null : value;
    }

    /** Free text that is stored, or null: a PostgreSQL text value cannot hold a NUL character. */
    String storableText(String column) throws BadValueException {
        String value = optional(column);
        if (value != null && value.indexOf('\0') >= 0) {
            throw new BadValueException(column + " holds a NUL character, which cannot be stored");
        }
        return value;
    }

    String required(String column) throws BadValueException {
        String value = optional(column);
        if (value == null) {
            throw new BadValueException("missing required value: " + column);
        }
        return value;
    }

    String id(String column) throws BadValueException {
        String value = required(column);
        if (!Identifiers.isValid(value)) {
            throw new BadValueException(column + " is not an identifier (1 to 64 letters, digits, '.', '_', '-')");
        }
        return value;
    }

    String paymentReference(String column) throws BadValueException {
        String value = id(column);
        if (CardNumbers.looksLikeCardNumber(value)) {
            throw new BadValueException(column + " looks like a card number; it must be the processor's reference");
        }
        return value;
    }

    /** A timestamp with its offset, in a form PostgreSQL reads as the same instant; null when empty and optional. */
    String timestamp(String column, boolean required) throws BadValueException {
        String value = required ? required(column) : optional(column);
        if (value == null) {
            return null;
        }
        String checked = Timestamps.check(value);
        if (checked == null) {
            throw new BadValueException(column + " is not an ISO-8601 timestamp with an offset (like 2026-11-25T10:15:00Z)");
        }
        return checked;
    }

    String enumeration(String column, Set<String> allowed, boolean required) throws BadValueException {
        String value = required ? required(column) : optional(column);
        if (value != null && !allowed.contains(value)) {
            throw new BadValueException(column + " is not one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    boolean bool(String column) throws BadValueException {
        String value = required(column);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadValueException(column + " must be true or false");
        };
    }

    Currency currency(String column) throws BadValueException {
        String value = required(column);
        return Currencies.iso(value)
                .orElseThrow(() -> new BadValueException(column + " is not a known ISO 4217 currency"));
    }

    long amount(String column, Currency currency, boolean positive) throws BadValueException {
        String text = required(column);
        int exponent = currency.getDefaultFractionDigits();
        int decimals = AmountCeiling.decimalsOf(text);
        if (decimals < 0 || decimals > exponent) {
            throw new BadValueException(column + " is not a " + currency.getCurrencyCode()
                    + " amount: a plain decimal with at most " + exponent + " decimals, no sign");
        }
        if (AmountCeiling.exceededBy(text, exponent)) {
            throw new BadValueException(AmountCeiling.tooLarge(column, currency));
        }
        long minor = Money.parse(AmountCeiling.withoutLeadingZeros(text), currency).minor();
        if (positive && minor == 0) {
            throw new BadValueException(column + " must be above zero");
        }
        return minor;
    }

    /**
     * A plain decimal whose decimals are checked later, against a currency not known here (at most
     * four, the most any currency has); leading zeros dropped. Above the ceiling in every currency
     * is a bad row already.
     */
    String amountText(String column) throws BadValueException {
        String value = optional(column);
        if (value == null) {
            return null;
        }
        int decimals = AmountCeiling.decimalsOf(value);
        if (decimals < 0 || decimals > MAX_DECIMALS) {
            throw new BadValueException(column + " is not a plain decimal amount (digits, optionally a point and decimals)");
        }
        if (AmountCeiling.exceededBy(value, 0)) {
            throw new BadValueException(AmountCeiling.tooLargeInAnyCurrency(column));
        }
        return AmountCeiling.withoutLeadingZeros(value);
    }
}
