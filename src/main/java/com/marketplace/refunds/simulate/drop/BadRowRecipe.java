package com.marketplace.refunds.simulate.drop;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * How one extract gets its planted bad rows: after its 25th good record and then after every 1,000th,
 * one extra record that breaks exactly one rule, cycling through the kinds that fit the file. An extra record
 * (never a damaged good one) keeps the good rows' story intact; starting late and staying sparse keeps every
 * file under 4% bad rows, however small. Each planted row gets an id of its own, except the duplicate,
 * which repeats the record just written.
 */
final class BadRowRecipe {

    static final long FIRST_AFTER = 25;
    static final long THEN_EVERY = 1_000;

    /** The kinds of bad row a drop holds. */
    enum Kind {
        TIMESTAMP_WITHOUT_OFFSET, TOO_MANY_DECIMALS, NEGATIVE_AMOUNT, UNKNOWN_CURRENCY, UNKNOWN_ENUM_VALUE,
        FORBIDDEN_CHARACTER_IN_ID, CARD_LIKE_PAYMENT_REFERENCE, MISSING_REQUIRED_VALUE, DUPLICATE_ID
    }

    private final int idColumn;
    private final Supplier<String> freshId;
    private final SplittableRandom random;
    private Kind[] kinds = {};
    private int timestampColumn = -1;
    private int amountColumn = -1;
    private int currencyColumn = -1;
    private int referenceColumn = -1;
    private int enumColumn = -1;
    private String unknownEnumValue;
    private int requiredColumn = -1;
    private final Map<Integer, String> requiredPresets = new LinkedHashMap<>();

    BadRowRecipe(int idColumn, Supplier<String> freshId, SplittableRandom random) {
        this.idColumn = idColumn;
        this.freshId = freshId;
        this.random = random;
    }

    BadRowRecipe kinds(Kind... planted) {
        this.kinds = planted.clone();
        return this;
    }

    BadRowRecipe timestamp(int column) {
        timestampColumn = column;
        return this;
    }

    BadRowRecipe amount(int column) {
        amountColumn = column;
        return this;
    }

    BadRowRecipe currency(int column) {
        currencyColumn = column;
        return this;
    }

    BadRowRecipe reference(int column) {
        referenceColumn = column;
        return this;
    }

    BadRowRecipe unknownEnum(int column, String value) {
        enumColumn = column;
        unknownEnumValue = value;
        return this;
    }

    /** The column left empty; presets make it required (a CONFIRMED_FRAUD block needs confirmed_at). */
    BadRowRecipe missing(int column, Map<Integer, String> presets) {
        requiredColumn = column;
        requiredPresets.putAll(presets);
        return this;
    }

    boolean dueAfter(long plantableRecords) {
        return kinds.length > 0 && plantableRecords >= FIRST_AFTER
                && (plantableRecords - FIRST_AFTER) % THEN_EVERY == 0;
    }

    String[] plant(long plantedSoFar, String[] good) {
        Kind kind = kinds[(int) (plantedSoFar % kinds.length)];
        String[] row = good.clone();
        if (kind != Kind.DUPLICATE_ID) {
            row[idColumn] = freshId.get();
        }
        switch (kind) {
            case TIMESTAMP_WITHOUT_OFFSET -> row[timestampColumn] = withoutOffset(row[timestampColumn]);
            case TOO_MANY_DECIMALS -> row[amountColumn] += row[amountColumn].indexOf('.') >= 0 ? "5" : ".5";
            case NEGATIVE_AMOUNT -> row[amountColumn] = "-" + row[amountColumn];
            case UNKNOWN_CURRENCY -> row[currencyColumn] = "XYZ";
            case UNKNOWN_ENUM_VALUE -> row[enumColumn] = unknownEnumValue;
            case FORBIDDEN_CHARACTER_IN_ID -> row[idColumn] = row[idColumn].replaceFirst("-", " ");
            case CARD_LIKE_PAYMENT_REFERENCE -> row[referenceColumn] = cardLikeNumber();
            case MISSING_REQUIRED_VALUE -> {
                requiredPresets.forEach((column, value) -> row[column] = value);
                row[requiredColumn] = "";
            }
            case DUPLICATE_ID -> { }
        }
        return row;
    }

    private static String withoutOffset(String timestamp) {
        return timestamp.endsWith("Z") ? timestamp.substring(0, timestamp.length() - 1)
                : timestamp.substring(0, timestamp.length() - 6);
    }

    /** 16 digits starting with 4 and a valid Luhn check digit: what a Visa card number looks like. */
    private String cardLikeNumber() {
        int[] digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++) {
            digits[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 14; i >= 0; i--) {
            int d = (14 - i) % 2 == 0 ? digits[i] * 2 : digits[i];
            sum += d > 9 ? d - 9 : d;
        }
        digits[15] = (10 - sum % 10) % 10;
        StringBuilder number = new StringBuilder(16);
        for (int d : digits) {
            number.append(d);
        }
        return number.toString();
    }
}
