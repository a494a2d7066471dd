package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marketplace.refunds.intake.Extract;

/** The per-row checks of contract section 2, and the stage values of a good row. */
class StageMapperTests {

    static final String CARD = "4111111111111111";
    static final String ID_64 = "A".repeat(64);
    static final String ID_65 = "A".repeat(65);

    /** One good row per extract, every column of the contract present. */
    static Map<String, String> validRow(Extract extract) {
        Map<String, String> row = new LinkedHashMap<>();
        switch (extract) {
            case ORDERS -> {
                row.put("order_id", "O-1001");
                row.put("store_id", "S-7");
                row.put("buyer_id", "B-42");
                row.put("payment_method", "CARD");
                row.put("payment_reference", "PSP8812345");
                row.put("currency", "USD");
                row.put("items_amount", "12.30");
                row.put("shipping_amount", "0");
                row.put("paid_at", "2026-11-20T12:15:00+02:00");
                row.put("ship_deadline", "2026-11-23T10:00:00Z");
                row.put("shipped_at", "");
                row.put("tracking_number", "");
                row.put("delivered_at", "");
                row.put("free_return", "true");
                row.put("protection_expires_at", "2027-01-20T10:00:00Z");
            }
            case CANCELLATIONS -> {
                row.put("cancellation_id", "C-1");
                row.put("order_id", "O-1001");
                row.put("requested_at", "2026-11-21T08:00:00Z");
                row.put("seller_confirmed_at", "");
            }
            case DISPUTE_RESOLUTIONS -> {
                row.put("dispute_id", "D-1");
                row.put("order_id", "O-1001");
                row.put("opened_at", "2026-11-22T09:30:00Z");
                row.put("resolved_at", "2026-11-24T18:00:00-05:00");
                row.put("delivery_status", "RECEIVED");
                row.put("reason", "damaged, card " + CARD + " charged twice");
                row.put("requested_amount", "25.5");
                row.put("resolution", "SELLER_ACCEPTED");
                row.put("awarded_amount", "");
                row.put("return_required", "false");
                row.put("return_received_at", "");
            }
            case STORE_BLOCKS -> {
                row.put("store_id", "S-7");
                row.put("blocked_at", "2026-11-22T00:00:00Z");
                row.put("review_status", "CONFIRMED_FRAUD");
                row.put("confirmed_at", "2026-11-23T14:00:00+01:00");
            }
            case FREE_RETURNS -> {
                row.put("return_id", "R-1");
                row.put("order_id", "O-1001");
                row.put("requested_at", "2026-11-22T11:00:00Z");
                row.put("received_at", "");
            }
        }
        return row;
    }

    /** The valid row with {@code column, value, column, value...} replaced; a null value drops the column. */
    static Map<String, String> row(Extract extract, String... overrides) {
        Map<String, String> row = validRow(extract);
        for (int i = 0; i < overrides.length; i += 2) {
            if (overrides[i + 1] == null) {
                row.remove(overrides[i]);
            }
            else {
                row.put(overrides[i], overrides[i + 1]);
            }
        }
        return row;
    }

    static Object[] map(Extract extract, Map<String, String> row) throws BadValueException {
        Map<String, Integer> columns = new HashMap<>();
        List<String> values = new ArrayList<>();
        row.forEach((column, value) -> {
            columns.put(column, values.size());
            values.add(value);
        });
        Fields fields = new Fields(columns);
        fields.use(values);
        return StageMapper.of(extract).map(fields);
    }

    // ---- bad values --------------------------------------------------------------------------

    static Arguments missing(Extract extract, String column) {
        return Arguments.of(extract, column, "", "missing required value: " + column);
    }

    static Arguments badValue(Extract extract, String column, String value, String reason) {
        return Arguments.of(extract, column, value, reason);
    }

    static Stream<Arguments> badValues() {
        Extract o = Extract.ORDERS;
        Extract c = Extract.CANCELLATIONS;
        Extract d = Extract.DISPUTE_RESOLUTIONS;
        Extract s = Extract.STORE_BLOCKS;
        Extract r = Extract.FREE_RETURNS;
        String notTimestamp = "is not an ISO-8601 timestamp with an offset";
        String notId = "is not an identifier";
        String notUsd = "is not a USD amount";
        String notAmount = "is not a plain decimal amount";
        String tooLarge = ": amount too large (above the ceiling of ";
        return Stream.of(
                // orders.csv
                missing(o, "order_id"), missing(o, "store_id"), missing(o, "buyer_id"), missing(o, "payment_method"),
                missing(o, "payment_reference"), missing(o, "currency"), missing(o, "items_amount"),
                missing(o, "shipping_amount"), missing(o, "paid_at"), missing(o, "ship_deadline"),
                missing(o, "free_return"), missing(o, "protection_expires_at"),
                badValue(o, "paid_at", "2026-11-20T10:15:00", "paid_at " + notTimestamp),
                badValue(o, "ship_deadline", "2026-11-23", "ship_deadline " + notTimestamp),
                badValue(o, "shipped_at", "2026-11-21 10:15:00Z", "shipped_at " + notTimestamp),
                badValue(o, "delivered_at", "21/11/2026 10:15", "delivered_at " + notTimestamp),
                badValue(o, "protection_expires_at", "2027-01-20T10:00:00", "protection_expires_at " + notTimestamp),
                badValue(o, "paid_at", CARD, "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-02-30T10:15:00Z", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T24:00:00Z", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:61:00Z", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:15:00+02:60", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:15:00+19:00", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:15:00 +02:00", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:15:00+0200x", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20X10:15:00Z", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:15:00X", "paid_at " + notTimestamp),
                badValue(o, "paid_at", "2026-11-20T10:15:00+", "paid_at " + notTimestamp),
                badValue(o, "items_amount", "12.345", "items_amount " + notUsd),
                badValue(o, "shipping_amount", "0.001", "shipping_amount " + notUsd),
                badValue(o, "items_amount", "-2", "items_amount " + notUsd),
                badValue(o, "shipping_amount", "-2", "shipping_amount " + notUsd),
                badValue(o, "items_amount", "+1", "items_amount " + notUsd),
                badValue(o, "items_amount", ".5", "items_amount " + notUsd),
                badValue(o, "items_amount", "1e3", "items_amount " + notUsd),
                badValue(o, "items_amount", "1,000.00", "items_amount " + notUsd),
                badValue(o, "items_amount", CARD, "items_amount: amount too large"),
                badValue(o, "items_amount", "10000000000000.00", "items_amount" + tooLarge + "9999999999999.99 USD)"),
                badValue(o, "items_amount", "99999999999999999999999", "items_amount" + tooLarge),
                badValue(o, "shipping_amount", "10000000000000", "shipping_amount" + tooLarge),
                badValue(o, "items_amount", "0", "items_amount must be above zero"),
                badValue(o, "items_amount", "0.00", "items_amount must be above zero"),
                badValue(o, "currency", "XYZ", "currency is not a known ISO 4217 currency"),
                badValue(o, "currency", "usd", "currency is not a known ISO 4217 currency"),
                badValue(o, "currency", "XAU", "currency is not a known ISO 4217 currency"),
                badValue(o, "payment_method", "CASH", "payment_method is not one of CARD, PAYPAL"),
                badValue(o, "payment_method", "card", "payment_method is not one of CARD, PAYPAL"),
                badValue(o, "free_return", "TRUE", "free_return must be true or false"),
                badValue(o, "free_return", "yes", "free_return must be true or false"),
                badValue(o, "free_return", "1", "free_return must be true or false"),
                badValue(o, "order_id", "O/1001", "order_id " + notId),
                badValue(o, "order_id", "O 1001", "order_id " + notId),
                badValue(o, "order_id", ID_65, "order_id " + notId),
                badValue(o, "order_id", "-O1001", "order_id " + notId),
                badValue(o, "order_id", "_O1001", "order_id " + notId),
                badValue(o, "order_id", "Ö1001", "order_id " + notId),
                badValue(o, "store_id", "S;7", "store_id " + notId),
                badValue(o, "buyer_id", ".B42", "buyer_id " + notId),
                badValue(o, "payment_reference", CARD, "payment_reference looks like a card number"),
                badValue(o, "payment_reference", "378282246310005", "payment_reference looks like a card number"),
                badValue(o, "payment_reference", "PSP 88", "payment_reference " + notId),
                badValue(o, "tracking_number", "1Z\u0000999", "tracking_number holds a NUL character"),
                // cancellations.csv
                missing(c, "cancellation_id"), missing(c, "order_id"), missing(c, "requested_at"),
                badValue(c, "requested_at", "2026-11-21T08:00:00", "requested_at " + notTimestamp),
                badValue(c, "seller_confirmed_at", "2026-11-21", "seller_confirmed_at " + notTimestamp),
                badValue(c, "cancellation_id", "C#1", "cancellation_id " + notId),
                badValue(c, "cancellation_id", ID_65, "cancellation_id " + notId),
                badValue(c, "cancellation_id", "-C1", "cancellation_id " + notId),
                badValue(c, "order_id", "O:1", "order_id " + notId),
                // dispute_resolutions.csv
                missing(d, "dispute_id"), missing(d, "order_id"), missing(d, "opened_at"), missing(d, "resolved_at"),
                missing(d, "resolution"), missing(d, "return_required"),
                badValue(d, "opened_at", "2026-11-22T09:30", "opened_at " + notTimestamp),
                badValue(d, "resolved_at", "2026-11-24T18:00:00", "resolved_at " + notTimestamp),
                badValue(d, "return_received_at", "yesterday", "return_received_at " + notTimestamp),
                badValue(d, "delivery_status", "LOST", "delivery_status is not one of"),
                badValue(d, "resolution", "BUYER_WINS", "resolution is not one of"),
                badValue(d, "resolution", "seller_accepted", "resolution is not one of"),
                badValue(d, "return_required", "no", "return_required must be true or false"),
                badValue(d, "requested_amount", "-2", "requested_amount " + notAmount),
                badValue(d, "requested_amount", "1e3", "requested_amount " + notAmount),
                badValue(d, "requested_amount", "12.34567", "requested_amount " + notAmount),
                badValue(d, "requested_amount", CARD, "requested_amount: amount too large"),
                badValue(d, "awarded_amount", ".5", "awarded_amount " + notAmount),
                badValue(d, "awarded_amount", "5.", "awarded_amount " + notAmount),
                badValue(d, "awarded_amount", "1000000000000000", "awarded_amount" + tooLarge + "999999999999999 minor units)"),
                badValue(d, "requested_amount", "9".repeat(40), "requested_amount" + tooLarge),
                badValue(d, "dispute_id", "D 1", "dispute_id " + notId),
                badValue(d, "dispute_id", ID_65, "dispute_id " + notId),
                // store_blocks.csv
                missing(s, "store_id"), missing(s, "blocked_at"), missing(s, "review_status"),
                missing(s, "confirmed_at"),
                badValue(s, "blocked_at", "2026-11-22T00:00:00", "blocked_at " + notTimestamp),
                badValue(s, "confirmed_at", "2026-11-23T14:00:00", "confirmed_at " + notTimestamp),
                badValue(s, "review_status", "SUSPENDED", "review_status is not one of"),
                badValue(s, "review_status", "confirmed_fraud", "review_status is not one of"),
                badValue(s, "store_id", "-S7", "store_id " + notId),
                // free_returns.csv
                missing(r, "return_id"), missing(r, "order_id"), missing(r, "requested_at"),
                badValue(r, "requested_at", "2026-11-22", "requested_at " + notTimestamp),
                badValue(r, "received_at", "2026-11-25T10:00:00", "received_at " + notTimestamp),
                badValue(r, "return_id", ID_65, "return_id " + notId),
                badValue(r, "return_id", "R\u00e91", "return_id " + notId),
                badValue(r, "order_id", ".O1", "order_id " + notId));
    }

    @ParameterizedTest(name = "{0} {1} = [{2}]")
    @MethodSource("badValues")
    void rejectsABadValueWithAReasonThatDoesNotEchoIt(Extract extract, String column, String value, String reason) {
        // given
        Map<String, String> row = row(extract, column, value);
        // when
        BadValueException bad = catchThrowableOfType(BadValueException.class, () -> map(extract, row));
        // then
        assertThat(bad).as("a bad row").isNotNull();
        assertThat(bad.getMessage()).contains(reason);
        if (!value.isEmpty()) {
            assertThat(bad.getMessage()).doesNotContain(value);
        }
    }

    static Stream<Arguments> badCombinations() {
        return Stream.of(
                Arguments.of(Extract.ORDERS, set("currency", "JPY", "items_amount", "1500.0"),
                        "items_amount is not a JPY amount"),
                Arguments.of(Extract.ORDERS,
                        set("currency", "JPY", "items_amount", "1500", "shipping_amount", "250.5"),
                        "shipping_amount is not a JPY amount"),
                Arguments.of(Extract.ORDERS, set("currency", "BHD", "items_amount", "11.1255"),
                        "items_amount is not a BHD amount"),
                Arguments.of(Extract.ORDERS, set("currency", "CLF", "items_amount", "900000000000000.0000",
                                "shipping_amount", "900000000000000.0000"),
                        "items_amount: amount too large (above the ceiling of 99999999999.9999 CLF)"),
                Arguments.of(Extract.ORDERS, set("currency", "CLF", "items_amount", "99999999999.9999",
                                "shipping_amount", "0.0001"),
                        "order total (items_amount + shipping_amount): amount too large (above the ceiling of "
                                + "99999999999.9999 CLF)"),
                Arguments.of(Extract.ORDERS, set("currency", "JPY", "items_amount", "999999999999999",
                                "shipping_amount", "1"),
                        "order total (items_amount + shipping_amount): amount too large"),
                Arguments.of(Extract.ORDERS, set("payment_method", "PAYPAL", "currency", "BHD"),
                        "a PAYPAL order cannot be in BHD"),
                Arguments.of(Extract.ORDERS, set("payment_method", "PAYPAL", "currency", "KWD"),
                        "a PAYPAL order cannot be in KWD"),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, set("requested_amount", ""),
                        "missing required value: requested_amount"),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS,
                        set("resolution", "SELLER_NO_RESPONSE", "requested_amount", null),
                        "missing required value: requested_amount"),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS,
                        set("resolution", "COUNTEROFFER_ACCEPTED", "requested_amount", "30"),
                        "missing required value: awarded_amount"),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, set("resolution", "PLATFORM_BUYER"),
                        "missing required value: awarded_amount"),
                Arguments.of(Extract.STORE_BLOCKS, set("confirmed_at", ""),
                        "missing required value: confirmed_at"),
                Arguments.of(Extract.STORE_BLOCKS, set("confirmed_at", null),
                        "missing required value: confirmed_at"),
                Arguments.of(Extract.ORDERS, set("free_return", null),
                        "missing required value: free_return"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badCombinations")
    void rejectsValuesThatAreBadTogether(Extract extract, String[] overrides, String reason) {
        // given
        Map<String, String> row = row(extract, overrides);
        // when
        BadValueException bad = catchThrowableOfType(BadValueException.class, () -> map(extract, row));
        // then
        assertThat(bad).as("a bad row").isNotNull();
        assertThat(bad.getMessage()).contains(reason);
    }

    @Test
    void neverEchoesACardNumberFoundInAnyColumn() {
        for (Extract extract : Extract.values()) {
            for (String column : validRow(extract).keySet()) {
                // given a card number in place of any one value
                Map<String, String> row = row(extract, column, CARD);
                // when
                BadValueException bad = catchThrowableOfType(BadValueException.class, () -> map(extract, row));
                // then, when that makes the row bad, the reason does not carry it
                if (bad != null) {
                    assertThat(bad.getMessage()).as("%s %s", extract, column)
                            .doesNotContain(CARD).doesNotContain("1111");
                }
            }
        }
    }

    // ---- good rows ---------------------------------------------------------------------------

    static final Instant PAID = Instant.parse("2026-11-20T10:15:00Z");
    static final Instant DEADLINE = Instant.parse("2026-11-23T10:00:00Z");
    static final Instant PROTECTION = Instant.parse("2027-01-20T10:00:00Z");
    static final Instant REQUESTED = Instant.parse("2026-11-21T08:00:00Z");
    static final Instant OPENED = Instant.parse("2026-11-22T09:30:00Z");
    static final Instant RESOLVED = Instant.parse("2026-11-24T23:00:00Z");
    static final Instant BLOCKED = Instant.parse("2026-11-22T00:00:00Z");
    static final Instant RETURN_REQUESTED = Instant.parse("2026-11-22T11:00:00Z");

    static String[] set(String... columnValuePairs) {
        return columnValuePairs;
    }

    static Object[] staged(Object... values) {
        return values;
    }

    static Stream<Arguments> goodRows() {
        return Stream.of(
                Arguments.of(Extract.ORDERS, set(),
                        staged("O-1001", "S-7", "B-42", "CARD", "PSP8812345", "USD", 1230L, 0L, PAID, DEADLINE,
                                null, null, null, true, PROTECTION)),
                Arguments.of(Extract.ORDERS, set("payment_method", "PAYPAL", "payment_reference", "7RT23456AB",
                                "currency", "JPY", "items_amount", "1500", "shipping_amount", "250",
                                "shipped_at", "2026-11-21T09:00:00.250-05:00", "tracking_number", "1Z999AA10123456784",
                                "delivered_at", "2026-11-24T00:00:00+09:00", "free_return", "false"),
                        staged("O-1001", "S-7", "B-42", "PAYPAL", "7RT23456AB", "JPY", 1500L, 250L, PAID, DEADLINE,
                                Instant.parse("2026-11-21T14:00:00.250Z"), "1Z999AA10123456784",
                                Instant.parse("2026-11-23T15:00:00Z"), false, PROTECTION)),
                Arguments.of(Extract.ORDERS, set("order_id", ID_64, "payment_reference", "4111111111111112",
                                "currency", "BHD", "items_amount", "11.125", "shipping_amount", "0.5"),
                        staged(ID_64, "S-7", "B-42", "CARD", "4111111111111112", "BHD", 11125L, 500L, PAID, DEADLINE,
                                null, null, null, true, PROTECTION)),
                Arguments.of(Extract.ORDERS, set("currency", "CLF", "items_amount", "99999999999.9998",
                                "shipping_amount", "0.0001"),
                        staged("O-1001", "S-7", "B-42", "CARD", "PSP8812345", "CLF", 999_999_999_999_998L, 1L, PAID,
                                DEADLINE, null, null, null, true, PROTECTION)),
                Arguments.of(Extract.ORDERS, set("currency", "JPY", "items_amount", "0000000000000000999999999999999",
                                "shipping_amount", "00"),
                        staged("O-1001", "S-7", "B-42", "CARD", "PSP8812345", "JPY", 999_999_999_999_999L, 0L, PAID,
                                DEADLINE, null, null, null, true, PROTECTION)),
                Arguments.of(Extract.ORDERS, set("order_id", "9a.B_c-D", "items_amount", "12.3", "shipped_at", null,
                                "tracking_number", null, "delivered_at", null, "extra_column", "ignored"),
                        staged("9a.B_c-D", "S-7", "B-42", "CARD", "PSP8812345", "USD", 1230L, 0L, PAID, DEADLINE,
                                null, null, null, true, PROTECTION)),
                Arguments.of(Extract.CANCELLATIONS, set(),
                        staged("C-1", "O-1001", REQUESTED, null)),
                Arguments.of(Extract.CANCELLATIONS, set("seller_confirmed_at", "2026-11-21T10:00:00+01:00"),
                        staged("C-1", "O-1001", REQUESTED, Instant.parse("2026-11-21T09:00:00Z"))),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, set(),
                        staged("D-1", "O-1001", OPENED, RESOLVED, "SELLER_ACCEPTED", "25.5", null, false, null)),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, set("resolution", "PLATFORM_BUYER", "delivery_status", "",
                                "requested_amount", "", "awarded_amount", "10.125", "return_required", "true",
                                "return_received_at", "2026-11-23T12:00:00Z"),
                        staged("D-1", "O-1001", OPENED, RESOLVED, "PLATFORM_BUYER", null, "10.125", true,
                                Instant.parse("2026-11-23T12:00:00Z"))),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, set("requested_amount", "000999999999999999.9999"),
                        staged("D-1", "O-1001", OPENED, RESOLVED, "SELLER_ACCEPTED", "999999999999999.9999", null, false,
                                null)),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, set("resolution", "REPLACEMENT", "requested_amount", "",
                                "delivery_status", "NOT_RECEIVED"),
                        staged("D-1", "O-1001", OPENED, RESOLVED, "REPLACEMENT", null, null, false, null)),
                Arguments.of(Extract.STORE_BLOCKS, set(),
                        staged("S-7", BLOCKED, "CONFIRMED_FRAUD", Instant.parse("2026-11-23T13:00:00Z"))),
                Arguments.of(Extract.STORE_BLOCKS, set("review_status", "UNDER_REVIEW", "confirmed_at", ""),
                        staged("S-7", BLOCKED, "UNDER_REVIEW", null)),
                Arguments.of(Extract.STORE_BLOCKS, set("review_status", "CLEARED", "confirmed_at", null),
                        staged("S-7", BLOCKED, "CLEARED", null)),
                Arguments.of(Extract.FREE_RETURNS, set(),
                        staged("R-1", "O-1001", RETURN_REQUESTED, null)),
                Arguments.of(Extract.FREE_RETURNS, set("received_at", "2026-11-25T10:00:00.5+00:00"),
                        staged("R-1", "O-1001", RETURN_REQUESTED, Instant.parse("2026-11-25T10:00:00.500Z"))));
    }

    /**
     * Staged timestamps go to PostgreSQL as text, which may keep the offset as written: what counts
     * is that each one carries an offset and denotes the expected instant.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("goodRows")
    void mapsAGoodRowToTheSameInstantsAndToMinorUnits(Extract extract, String[] overrides, Object[] expected)
            throws BadValueException {
        // given
        Map<String, String> row = row(extract, overrides);
        // when
        Object[] staged = map(extract, row);
        // then
        assertThat(asInstants(staged)).containsExactly(expected);
    }

    /** Every staged value that is a timestamp with an offset, as its instant; the rest as they are. */
    static Object[] asInstants(Object[] staged) {
        Object[] values = staged.clone();
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof String text && text.matches("\\d{4}-.*")) {
                values[i] = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
        }
        return values;
    }

    @Test
    void normalisesAnUnusualTimestampShapeToAUtcInstant() throws BadValueException {
        // given fractional seconds and a lower-case designator, which only the full ISO parser takes
        Map<String, String> row = row(Extract.FREE_RETURNS, "requested_at", "2026-11-22t13:00:00.5+02:00");
        // when
        Object[] staged = map(Extract.FREE_RETURNS, row);
        // then
        assertThat(staged[2]).isEqualTo("2026-11-22T11:00:00.500Z");
    }

    @Test
    void neverCarriesTheDisputesFreeTextIntoTheStage() throws BadValueException {
        // given a reason with a card number and a formula in it
        Map<String, String> row = row(Extract.DISPUTE_RESOLUTIONS, "reason", "=HYPERLINK(\"x\") " + CARD);
        // when
        Object[] staged = map(Extract.DISPUTE_RESOLUTIONS, row);
        // then
        assertThat(staged).noneMatch(value -> value instanceof String text
                && (text.contains(CARD) || text.contains("HYPERLINK")));
    }

    static Stream<Arguments> requiredColumns() {
        return Stream.of(
                Arguments.of(Extract.ORDERS, List.of("order_id", "store_id", "buyer_id", "payment_method",
                        "payment_reference", "currency", "items_amount", "shipping_amount", "paid_at", "ship_deadline",
                        "free_return", "protection_expires_at")),
                Arguments.of(Extract.CANCELLATIONS, List.of("cancellation_id", "order_id", "requested_at")),
                Arguments.of(Extract.DISPUTE_RESOLUTIONS, List.of("dispute_id", "order_id", "opened_at", "resolved_at",
                        "resolution", "return_required")),
                Arguments.of(Extract.STORE_BLOCKS, List.of("store_id", "blocked_at", "review_status")),
                Arguments.of(Extract.FREE_RETURNS, List.of("return_id", "order_id", "requested_at")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requiredColumns")
    void requiresTheHeaderColumnsTheContractMarksRequired(Extract extract, List<String> columns) {
        assertThat(StageMapper.of(extract).requiredColumns()).containsExactlyInAnyOrderElementsOf(columns);
    }
}
