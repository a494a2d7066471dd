package com.marketplace.refunds.simulate.drop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxGeneratorTests {

    static final LocalDate D = LocalDate.of(2026, 11, 25);
    static final List<String> EXTRACTS = List.of("orders.csv", "cancellations.csv", "dispute_resolutions.csv",
            "store_blocks.csv", "free_returns.csv");

    @TempDir
    Path dir;

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        Path first = InboxGenerator.generate(D, 3_000, dir.resolve("a"), 7).folder();
        Path second = InboxGenerator.generate(D, 3_000, dir.resolve("b"), 7).folder();

        for (String file : fileNames()) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    @Test
    void differentSeedGivesDifferentFiles() throws IOException {
        Path first = InboxGenerator.generate(D, 3_000, dir.resolve("a"), 7).folder();
        Path second = InboxGenerator.generate(D, 3_000, dir.resolve("b"), 8).folder();

        assertThat(Files.readAllBytes(second.resolve("orders.csv"))).isNotEqualTo(Files.readAllBytes(first.resolve("orders.csv")));
        assertThat(Files.readAllBytes(second.resolve("control.csv"))).isNotEqualTo(Files.readAllBytes(first.resolve("control.csv")));
    }

    @Test
    void controlFileListsEveryExtractWithItsRecordCountAndChecksum() throws Exception {
        InboxGenerator.Summary summary = InboxGenerator.generate(D, 5_000, dir, 1);

        List<String[]> control = Drop.records(summary.folder().resolve("control.csv"));

        assertThat(control).extracting(row -> row[0]).containsExactlyElementsOf(EXTRACTS);
        for (String[] row : control) {
            Path file = summary.folder().resolve(row[0]);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
            assertThat(row[2]).as(row[0]).isEqualTo(sha256);
            assertThat(Long.parseLong(row[1])).as(row[0])
                    .isEqualTo(Drop.records(file).size())
                    .isEqualTo(summary.recordsPerFile().get(row[0]));
        }
        assertThat(summary.folder()).isEqualTo(dir.resolve("2026-11-25"));
    }

    @Test
    void everyFileIsUtf8WithItsHeaderAndOneRecordPerLine() throws IOException {
        Path folder = InboxGenerator.generate(D, 5_000, dir, 2).folder();

        for (String file : fileNames()) {
            byte[] bytes = Files.readAllBytes(folder.resolve(file));
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertThat(bytes[0]).as(file + " starts without a byte-order mark").isNotEqualTo((byte) 0xEF);
            assertThat(text).as(file).doesNotContain("\r").doesNotContain("\n\n").endsWith("\n")
                    .startsWith(String.join(",", Drop.HEADERS.get(file)) + "\n");
            assertThat(text.split("\n", -1).length - 2).as(file).isEqualTo(Drop.records(folder.resolve(file)).size());
        }
    }

    @Test
    void plantsAboutOneBadRowInAThousandAndNeverMoreThanFivePercentOfAFile() throws IOException {
        InboxGenerator.Summary summary = InboxGenerator.generate(D, 10_000, dir, 3);

        Drop drop = Drop.read(summary.folder());

        long records = summary.recordsPerFile().values().stream().mapToLong(Long::longValue).sum();
        assertThat(drop.badRows()).isEqualTo(summary.badRows());
        assertThat(summary.badRows()).isBetween(records / 2_000, records / 500);
        drop.badPerFile.forEach((file, bad) -> assertThat(bad * 20).as(file).isLessThanOrEqualTo(summary.recordsPerFile().get(file)));
        assertThat(drop.badKinds).contains("timestamp without offset", "too many decimals", "negative amount",
                "unknown currency", "unknown enumeration value", "bad identifier", "card-like payment reference",
                "missing required value", "repeated identifier");
    }

    @Test
    void keepsEveryFileOfASmallDropUnderFivePercentBadRows() throws IOException {
        for (int orders : new int[] {0, 1, 30, 700}) {
            InboxGenerator.Summary summary = InboxGenerator.generate(D, orders, dir.resolve("n" + orders), 4);

            Drop drop = Drop.read(summary.folder());

            assertThat(drop.badRows()).isEqualTo(summary.badRows());
            assertThat(summary.recordsPerFile().get("orders.csv")).isGreaterThanOrEqualTo(orders);
            drop.badPerFile.forEach((file, bad) ->
                    assertThat(bad * 20).as(file + " of " + orders).isLessThanOrEqualTo(summary.recordsPerFile().get(file)));
        }
    }

    @Test
    void yieldsEveryTriggerEveryDecisionAndEveryDisputeResolution() throws IOException {
        Drop drop = Drop.read(InboxGenerator.generate(D, 10_000, dir, 5).folder());

        Map<String, Integer> outcomes = new Decider(drop).decideAll();

        assertThat(outcomes.keySet()).contains("CANCELLATION APPROVED", "AUTO_CANCELLATION APPROVED",
                "FRAUD_BLOCK APPROVED", "FREE_RETURN APPROVED", "DISPUTE APPROVED");
        assertThat(outcomes.keySet().stream().map(outcome -> outcome.substring(outcome.indexOf(' ') + 1)))
                .contains("APPROVED", "APPROVED_CAPPED CAPPED_TO_BALANCE", "PENDING AWAITING_SELLER_CONFIRMATION",
                        "PENDING AWAITING_RETURN", "REJECTED UNKNOWN_ORDER", "REJECTED SHIPPED_BEFORE_CANCELLATION",
                        "REJECTED PROTECTION_EXPIRED", "REJECTED RETURN_WINDOW_EXPIRED", "REJECTED NOT_FREE_RETURN",
                        "REJECTED NOT_DELIVERED", "REJECTED NO_REFUND_RESOLUTION", "REJECTED ALREADY_FULLY_REFUNDED");
        assertThat(drop.good("dispute_resolutions.csv")).extracting(row -> row.get("resolution")).contains(
                "SELLER_ACCEPTED", "SELLER_NO_RESPONSE", "COUNTEROFFER_ACCEPTED", "PLATFORM_BUYER",
                "PLATFORM_SELLER", "REPLACEMENT", "INSUFFICIENT_EVIDENCE");
        assertThat(drop.good("dispute_resolutions.csv")).extracting(row -> row.get("reason")).anyMatch(r -> r.contains(","));
        assertThat(drop.good("store_blocks.csv")).extracting(row -> row.get("review_status"))
                .contains("UNDER_REVIEW", "CONFIRMED_FRAUD", "CLEARED");
    }

    @Test
    void aDenseDropHasAboutOneTriggerPerOrderAndAUsualOneAboutOneInTen() throws IOException {
        int orders = 10_000;
        Drop usual = Drop.read(InboxGenerator.generate(D, orders, dir.resolve("usual"), 9).folder());
        Drop dense = Drop.read(InboxGenerator.generate(D, orders, dir.resolve("dense"), 9,
                new InboxGenerator.Mix(true, true)).folder());

        int usualTriggers = new Decider(usual).decideAll().values().stream().mapToInt(Integer::intValue).sum();
        int denseTriggers = new Decider(dense).decideAll().values().stream().mapToInt(Integer::intValue).sum();

        assertThat(usualTriggers).isBetween(orders / 20, orders / 5);
        assertThat(denseTriggers).isBetween(orders * 9 / 10, orders * 3 / 2);
        assertThat(dense.badRows()).isPositive();
    }

    @Test
    void aDropWithoutBadRowsHoldsOnlyGoodRecordsAndStillEveryTrigger() throws IOException {
        InboxGenerator.Summary summary = InboxGenerator.generate(D, 10_000, dir, 5, new InboxGenerator.Mix(false, false));

        Drop drop = Drop.read(summary.folder());

        assertThat(summary.badRows()).isZero();
        assertThat(drop.badRows()).isZero();
        assertThat(drop.badKinds).isEmpty();
        assertThat(new Decider(drop).decideAll().keySet()).contains("CANCELLATION APPROVED",
                "AUTO_CANCELLATION APPROVED", "FRAUD_BLOCK APPROVED", "FREE_RETURN APPROVED", "DISPUTE APPROVED");
    }

    /**
     * Three drops as jobs/benchmark-history generates them with --deliveries-of (seeds 1, 2, 3): the last one
     * holds the new orders of a plain drop, line for line, then orders of the two drops before it again, each
     * with its fixed fields as first given, shipped or delivered since the day before, never delivered before.
     */
    @Test
    void aDropCarriesTheShipmentsAndDeliveriesOfTheDropsBeforeItAsChangedOrders() throws IOException {
        int orders = 5_000;
        InboxGenerator.generate(D.minusDays(2), orders, dir, 1, new InboxGenerator.Mix(false, false, 0));
        InboxGenerator.generate(D.minusDays(1), orders, dir, 2, new InboxGenerator.Mix(false, false, 1));
        Path last = InboxGenerator.generate(D, orders, dir, 3, new InboxGenerator.Mix(false, false, 2)).folder();
        Path plain = InboxGenerator.generate(D, orders, dir.resolve("plain"), 3, new InboxGenerator.Mix(false, false))
                .folder();

        List<String[]> rows = Drop.records(last.resolve("orders.csv"));
        List<String[]> newOrders = Drop.records(plain.resolve("orders.csv"));
        assertThat(rows.subList(0, newOrders.size())).as("the new orders, as without the option")
                .usingElementComparator(java.util.Arrays::compare).isEqualTo(newOrders);
        Map<String, String[]> before = new HashMap<>(); // each earlier order as the drops before left it
        for (LocalDate date : List.of(D.minusDays(2), D.minusDays(1))) {
            for (String[] row : Drop.records(dir.resolve(date.toString()).resolve("orders.csv"))) {
                before.put(row[0], row);
            }
        }
        long since = D.atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        long cutOff = D.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        List<String[]> changed = rows.subList(newOrders.size(), rows.size());
        Set<String> fromDrop = new HashSet<>();
        for (String[] row : changed) {
            String[] was = before.get(row[0]);
            assertThat(was).as("an order of an earlier drop: %s", row[0]).isNotNull();
            fromDrop.add(row[0].substring(0, "O-20261123".length()));
            for (int fixed : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 14}) {
                assertThat(row[fixed]).as("%s of %s", OrderPlan.HEADER[fixed], row[0]).isEqualTo(was[fixed]);
            }
            assertThat(was[12]).as("%s was not delivered before", row[0]).isEmpty();
            assertThat(row[10]).isNotEmpty();
            assertThat(row[11]).as("tracked").isNotEmpty();
            long shipped = epochSecond(row[10]);
            long delivered = epochSecond(row[12]);
            assertThat(shipped >= since || delivered >= since && !row[12].isEmpty())
                    .as("%s shipped or delivered since the day before", row[0]).isTrue();
            assertThat(shipped).isLessThan(cutOff);
            assertThat(row[12].isEmpty() || delivered < cutOff).isTrue();
            assertThat(row).as("a change").isNotEqualTo(was);
        }
        assertThat(fromDrop).containsExactlyInAnyOrder("O-20261123", "O-20261124");
        assertThat(changed.size()).as("about an eighth of a day's orders arrive a day later")
                .isBetween(orders / 50, orders / 4);
    }

    @Test
    void formatsTimestampsLikeTheJdkWithSecondsAndOffset() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 10_000; i++) {
            long second = random.nextLong(0, 4_102_444_800L);
            int offset = new int[] {0, 120, -300, 330}[i % 4];

            String expected = OffsetDateTime.ofInstant(Instant.ofEpochSecond(second),
                    ZoneOffset.ofTotalSeconds(offset * 60)).format(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX"));

            assertThat(Formats.timestamp(second, offset)).isEqualTo(expected);
        }
    }

    /** A timestamp cell's instant; an empty cell as the end of time. */
    private static long epochSecond(String cell) {
        return cell.isEmpty() ? Long.MAX_VALUE : OffsetDateTime.parse(cell).toEpochSecond();
    }

    private static List<String> fileNames() {
        List<String> files = new ArrayList<>(EXTRACTS);
        files.add("control.csv");
        return files;
    }

    /** Reads a drop back and judges every row by the rules of CONTRACT.md section 2, independently of the generator. */
    static final class Drop {

        static final Map<String, String[]> HEADERS = Map.of(
                "orders.csv", OrderPlan.HEADER, "cancellations.csv", EventWriter.CANCELLATION_HEADER,
                "dispute_resolutions.csv", DisputeWriter.HEADER, "store_blocks.csv", Extracts.STORE_BLOCK_HEADER,
                "free_returns.csv", EventWriter.FREE_RETURN_HEADER, "control.csv", new String[] {"file", "rows", "sha256"});
        private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
        private static final Pattern AMOUNT = Pattern.compile("\\d+(\\.\\d+)?");
        private static final Map<String, Integer> EXPONENTS = Map.of("USD", 2, "EUR", 2, "GBP", 2, "JPY", 0, "BHD", 3);

        final Map<String, List<Map<String, String>>> goodRows = new HashMap<>();
        final Map<String, Long> badPerFile = new TreeMap<>();
        final Set<String> badKinds = new HashSet<>();
        final Map<String, Map<String, String>> orders = new HashMap<>();

        static Drop read(Path folder) throws IOException {
            Drop drop = new Drop();
            for (String file : EXTRACTS) {
                Set<String> seen = new HashSet<>();
                for (String[] fields : records(folder.resolve(file))) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < fields.length; i++) {
                        row.put(HEADERS.get(file)[i], fields[i]);
                    }
                    String why = drop.whyBad(file, row, seen);
                    if (why == null) {
                        drop.goodRows.computeIfAbsent(file, f -> new ArrayList<>()).add(row);
                    } else {
                        drop.badPerFile.merge(file, 1L, Long::sum);
                        drop.badKinds.add(why);
                    }
                }
            }
            return drop;
        }

        List<Map<String, String>> good(String file) {
            return goodRows.getOrDefault(file, List.of());
        }

        long badRows() {
            return badPerFile.values().stream().mapToLong(Long::longValue).sum();
        }

        private String whyBad(String file, Map<String, String> row, Set<String> seen) {
            String[] header = HEADERS.get(file);
            for (String column : header) {
                String value = row.get(column);
                boolean optional = Set.of("shipped_at", "tracking_number", "delivered_at", "seller_confirmed_at",
                        "delivery_status", "reason", "requested_amount", "awarded_amount", "return_received_at",
                        "confirmed_at", "received_at").contains(column);
                if (value.isEmpty() && !optional) {
                    return "missing required value";
                }
                if (!value.isEmpty() && (column.endsWith("_id") || column.equals("payment_reference")) && !ID.matcher(value).matches()) {
                    return "bad identifier";
                }
                if (!value.isEmpty() && (column.endsWith("_at") || column.endsWith("deadline")) && !TIMESTAMP.matcher(value).matches()) {
                    return "timestamp without offset";
                }
                if (!value.isEmpty() && column.endsWith("amount")) {
                    String why = whyBadAmount(file, row, column, value);
                    if (why != null) {
                        return why;
                    }
                }
            }
            String why = whyBadValues(file, row);
            if (why == null && !seen.add(row.get(header[0]))) {
                why = "repeated identifier";
            }
            if (why == null && file.equals("orders.csv")) {
                orders.put(row.get("order_id"), row);
            }
            return why;
        }

        private String whyBadAmount(String file, Map<String, String> row, String column, String value) {
            if (value.startsWith("-")) {
                return "negative amount";
            }
            if (!AMOUNT.matcher(value).matches()) {
                return "malformed amount";
            }
            Map<String, String> order = file.equals("orders.csv") ? row : orders.get(row.get("order_id"));
            Integer exponent = order == null ? null : EXPONENTS.get(order.get("currency"));
            int decimals = value.indexOf('.') < 0 ? 0 : value.length() - value.indexOf('.') - 1;
            if (exponent != null && (decimals > exponent || (exponent == 0 && value.contains(".")))) {
                return "too many decimals";
            }
            boolean mayBeZero = column.equals("shipping_amount");
            return mayBeZero || value.chars().anyMatch(c -> c >= '1' && c <= '9') ? null : "zero amount";
        }

        private String whyBadValues(String file, Map<String, String> row) {
            switch (file) {
                case "orders.csv" -> {
                    if (!EXPONENTS.containsKey(row.get("currency"))) {
                        return "unknown currency";
                    }
                    if (!Set.of("CARD", "PAYPAL").contains(row.get("payment_method")) || !isBoolean(row.get("free_return"))) {
                        return "unknown enumeration value";
                    }
                    if (row.get("payment_method").equals("PAYPAL") && row.get("currency").equals("BHD")) {
                        return "PayPal in a three-decimal currency";
                    }
                    return looksLikeCard(row.get("payment_reference")) ? "card-like payment reference" : null;
                }
                case "dispute_resolutions.csv" -> {
                    String resolution = row.get("resolution");
                    if (!Set.of("SELLER_ACCEPTED", "SELLER_NO_RESPONSE", "COUNTEROFFER_ACCEPTED", "PLATFORM_BUYER",
                            "PLATFORM_SELLER", "REPLACEMENT", "INSUFFICIENT_EVIDENCE").contains(resolution)
                            || !Set.of("", "NOT_RECEIVED", "PARTIALLY_RECEIVED", "RECEIVED").contains(row.get("delivery_status"))
                            || !isBoolean(row.get("return_required"))) {
                        return "unknown enumeration value";
                    }
                    String paying = Decider.payingAmount(row);
                    return paying != null && paying.isEmpty() ? "missing required value" : null;
                }
                case "store_blocks.csv" -> {
                    if (!Set.of("UNDER_REVIEW", "CONFIRMED_FRAUD", "CLEARED").contains(row.get("review_status"))) {
                        return "unknown enumeration value";
                    }
                    return row.get("review_status").equals("CONFIRMED_FRAUD") && row.get("confirmed_at").isEmpty()
                            ? "missing required value" : null;
                }
                default -> {
                    return null;
                }
            }
        }

        private static boolean isBoolean(String value) {
            return value.equals("true") || value.equals("false");
        }

        static boolean looksLikeCard(String value) {
            if (!value.matches("\\d{13,19}") || !value.matches("(2|4|5|34|37|36|38|30|35|6).*")) {
                return false;
            }
            int sum = 0;
            for (int i = 0; i < value.length(); i++) {
                int digit = value.charAt(value.length() - 1 - i) - '0';
                int weighted = i % 2 == 1 ? digit * 2 : digit;
                sum += weighted > 9 ? weighted - 9 : weighted;
            }
            return sum % 10 == 0;
        }

        /** RFC 4180 records of a file without line breaks inside fields, header skipped. */
        static List<String[]> records(Path file) throws IOException {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String[]> records = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                List<String> fields = new ArrayList<>();
                StringBuilder field = new StringBuilder();
                boolean quoted = false;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = !quoted;
                    } else if (c == ',' && !quoted) {
                        fields.add(field.toString());
                        field.setLength(0);
                    } else {
                        field.append(c);
                    }
                }
                fields.add(field.toString());
                records.add(fields.toArray(String[]::new));
            }
            return records;
        }
    }

    /** The decision rules of CONTRACT.md section 3 for a first run, enough to see which outcomes a drop reaches. */
    static final class Decider {

        private final Drop drop;
        private final long cutoff = D.plusDays(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);

        Decider(Drop drop) {
            this.drop = drop;
        }

        private record Trigger(String type, String key, long time, Map<String, String> order, Map<String, String> event) { }

        /** Counts "TRIGGER DECISION[ REASON]" over all triggers, decided in event-time order with a running balance. */
        Map<String, Integer> decideAll() {
            List<Trigger> triggers = new ArrayList<>();
            for (Map<String, String> order : drop.orders.values()) {
                long deadline = time(order.get("ship_deadline"));
                if (deadline < cutoff && !shippedBy(order, deadline)) {
                    triggers.add(new Trigger("AUTO_CANCELLATION", "AUTOCANCEL:" + order.get("order_id"), deadline, order, order));
                }
            }
            for (Map<String, String> block : drop.good("store_blocks.csv")) {
                if (block.get("review_status").equals("CONFIRMED_FRAUD")) {
                    long blocked = time(block.get("blocked_at"));
                    drop.orders.values().stream().filter(o -> o.get("store_id").equals(block.get("store_id"))
                            && time(o.get("paid_at")) < blocked && !(time(o.get("delivered_at")) < blocked))
                            .forEach(o -> triggers.add(new Trigger("FRAUD_BLOCK", "FRAUD:" + block.get("store_id") + ":"
                                    + o.get("order_id"), time(block.get("confirmed_at")), o, block)));
                }
            }
            addEvents(triggers, "cancellations.csv", "CANCELLATION", "CANCEL:", "requested_at");
            addEvents(triggers, "free_returns.csv", "FREE_RETURN", "RETURN:", "received_at");
            addEvents(triggers, "dispute_resolutions.csv", "DISPUTE", "DISPUTE:", "resolved_at");
            triggers.sort(Comparator.comparingLong(Trigger::time).thenComparing(Trigger::key));
            Map<String, Long> balances = new HashMap<>();
            Map<String, Integer> outcomes = new TreeMap<>();
            for (Trigger trigger : triggers) {
                String outcome = decide(trigger.type(), trigger.order(), trigger.event(), balances);
                outcomes.merge(trigger.type() + " " + outcome, 1, Integer::sum);
            }
            return outcomes;
        }

        private void addEvents(List<Trigger> triggers, String file, String type, String keyPrefix, String timeColumn) {
            for (Map<String, String> event : drop.good(file)) {
                String at = event.get(timeColumn).isEmpty() ? event.get("requested_at") : event.get(timeColumn);
                String id = event.get(Drop.HEADERS.get(file)[0]);
                triggers.add(new Trigger(type, keyPrefix + id, time(at), drop.orders.get(event.get("order_id")), event));
            }
        }

        private String decide(String type, Map<String, String> order, Map<String, String> event, Map<String, Long> balances) {
            if (order == null) {
                return "REJECTED UNKNOWN_ORDER";
            }
            long total = minor(order, order.get("items_amount")) + minor(order, order.get("shipping_amount"));
            long asked = total;
            switch (type) {
                case "CANCELLATION" -> {
                    if (shippedBy(order, time(event.get("requested_at")))) {
                        return "REJECTED SHIPPED_BEFORE_CANCELLATION";
                    }
                    if (event.get("seller_confirmed_at").isEmpty()) {
                        return "PENDING AWAITING_SELLER_CONFIRMATION";
                    }
                }
                case "FREE_RETURN" -> {
                    if (!order.get("free_return").equals("true")) {
                        return "REJECTED NOT_FREE_RETURN";
                    }
                    if (order.get("delivered_at").isEmpty()) {
                        return "REJECTED NOT_DELIVERED";
                    }
                    if (time(event.get("requested_at")) > time(order.get("delivered_at")) + 15 * 86_400) {
                        return "REJECTED RETURN_WINDOW_EXPIRED";
                    }
                    if (event.get("received_at").isEmpty()) {
                        return "PENDING AWAITING_RETURN";
                    }
                }
                case "DISPUTE" -> {
                    if (time(event.get("opened_at")) > time(order.get("protection_expires_at"))) {
                        return "REJECTED PROTECTION_EXPIRED";
                    }
                    String paying = payingAmount(event);
                    if (paying == null) {
                        return "REJECTED NO_REFUND_RESOLUTION";
                    }
                    if (event.get("return_required").equals("true") && event.get("return_received_at").isEmpty()) {
                        return "PENDING AWAITING_RETURN";
                    }
                    asked = minor(order, paying);
                }
                default -> { }
            }
            long balance = balances.getOrDefault(order.get("order_id"), total);
            long refund = type.equals("FRAUD_BLOCK") ? balance : Math.min(asked, balance);
            if (balance == 0) {
                return "REJECTED ALREADY_FULLY_REFUNDED";
            }
            balances.put(order.get("order_id"), balance - refund);
            return refund < asked && !type.equals("FRAUD_BLOCK") ? "APPROVED_CAPPED CAPPED_TO_BALANCE" : "APPROVED";
        }

        /** The amount a resolution pays, or null when it pays nothing. */
        static String payingAmount(Map<String, String> dispute) {
            return switch (dispute.get("resolution")) {
                case "SELLER_ACCEPTED", "SELLER_NO_RESPONSE" -> dispute.get("requested_amount");
                case "COUNTEROFFER_ACCEPTED", "PLATFORM_BUYER" -> dispute.get("awarded_amount");
                default -> null;
            };
        }

        private boolean shippedBy(Map<String, String> order, long moment) {
            return !order.get("tracking_number").isEmpty() && !order.get("shipped_at").isEmpty()
                    && time(order.get("shipped_at")) <= moment;
        }

        private static long minor(Map<String, String> order, String amount) {
            return new BigDecimal(amount).movePointRight(Drop.EXPONENTS.get(order.get("currency"))).longValueExact();
        }

        private static long time(String timestamp) {
            return timestamp == null || timestamp.isEmpty() ? Long.MAX_VALUE : OffsetDateTime.parse(timestamp).toEpochSecond();
        }
    }
}
