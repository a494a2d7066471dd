package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.csvQuoted;
import static com.marketplace.refunds.reliability.Rows.dispute;
import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static com.marketplace.refunds.reliability.Rows.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/**
 * One drop, run once by the real application, holding every kind of bad row: each is rejected
 * with its line and reason, the rest is decided. Formula text in a dispute's free-text reason
 * appears only in the raw column of the rejects file, and no report lets a spreadsheet run it.
 */
class HostileRowsReliabilityTests {

    private static final String DATE = "2026-11-10";
    private static final String GOOD_FORMULA = "=HYPERLINK(\"http://evil.example/good\",\"Click for your refund\")";
    private static final String BAD_FORMULA = "=HYPERLINK(\"http://evil.example/bad\",\"Claim here\")";
    private static final String TEN_MEGABYTES = "A".repeat(10 * 1024 * 1024);

    @TempDir
    static Path hostile;

    private static String hostileDatabase;
    private static Result hostileRun;

    /** One drop holding every kind of bad row, at most ten per file (the bad-row limit is "more than ten"). */
    @BeforeAll
    static void runADropFullOfBadRows() {
        new RawDrop()
                .text("orders.csv", Drops.HEADERS.get("orders.csv") + "\n"
                        + Drops.HEADERS.get("orders.csv") + "\n"                       // 2 the header again
                        + order("O-1", "USD", "10.00", "0.00", "") + "\n"              // 3 good
                        + order("O-2", "JPY", "1500", "0", "") + "\n"                  // 4 good
                        + order("O-3", "USD", "-5.00", "0.00", "") + "\n"              // 5 negative
                        + order("O-4", "USD", "10.001", "0.00", "") + "\n"             // 6 more decimals than USD has
                        + order("O-5", "JPY", "1500.0", "0", "") + "\n"                // 7 a decimal point for yen
                        + order("O-6", "XYZ", "10.00", "0.00", "") + "\n"              // 8 not ISO 4217
                        + order("O-1", "USD", "10.00", "0.00", "") + "\n"              // 9 the same id again
                        + order("O#7", "USD", "10.00", "0.00", "") + "\n"              // 10 '#' in an identifier
                        + order("\u00d6-8", "USD", "10.00", "0.00", "") + "\n"        // 11 not ASCII
                        + order("O-9", "USD", "10.00", "0.00", TEN_MEGABYTES) + "\n"   // 12 a 10 MB field
                        + "O-10,S-1,B-1,CARD,psp-10")                                  // 13 cut short, no line end
                .lines("cancellations.csv",
                        "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z",            // 2 good
                        "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z",            // 3 the same id again
                        "C 2,O-1,2026-11-09T10:00:00Z,",                                // 4 a space in an identifier
                        "C-3,O-404,2026-11-09T12:00:00Z,2026-11-09T12:30:00Z",          // 5 good, unknown order
                        "C-4,O-1,2026-11-09T13:00:00,")                                 // 6 no offset
                .text("dispute_resolutions.csv", Drops.HEADERS.get("dispute_resolutions.csv") + "\n"
                        + dispute("D-1", "O-2", csvQuoted(GOOD_FORMULA), "500", "SELLER_ACCEPTED") + "\n"  // 2 good
                        + dispute("D-2", "O-2", csvQuoted(BAD_FORMULA), "500", "SELLER_REFUSED") + "\n"   // 3 bad enum
                        + dispute("=1+1", "O-2", "broken", "100", "SELLER_ACCEPTED") + "\n"               // 4
                        + dispute("@SUM(1)", "O-2", "broken", "100", "SELLER_ACCEPTED") + "\n"            // 5
                        + dispute("+D6", "O-2", "broken", "100", "SELLER_ACCEPTED") + "\n"                // 6
                        + dispute("-D7", "O-2", "broken", "100", "SELLER_ACCEPTED") + "\n"                // 7
                        + dispute("\tD8", "O-2", "broken", "100", "SELLER_ACCEPTED") + "\n"               // 8
                        + dispute("D-9", "O-2", "too precise", "100.5", "SELLER_ACCEPTED") + "\n"         // 9 JPY
                        + dispute("D-10", "O-1", "negative", "-3.00", "SELLER_ACCEPTED") + "\n"           // 10
                        + "D-11,O-1,2026-11-05T10:00:00Z,2026-11-09T11:00:00Z,RECEIVED,\"Item not")       // 11 open quote
                .lines("store_blocks.csv", "S-1,2026-11-08T00:00:00Z,confirmed_fraud,2026-11-09T00:00:00Z")
                // a byte-order mark, columns in another order and one unknown column: all allowed
                .text("free_returns.csv", "\uFEFFnote,received_at,order_id,requested_at,return_id\n"
                        + "hello,,O-2,2026-11-09T09:00:00Z,R-1\n")
                .write(hostile.resolve("inbox"), DATE);
        hostileDatabase = TestDatabase.fresh("rel_hostile_rows");
        hostileRun = new ChildRun(hostileDatabase).run(nightly(hostile, DATE));
    }

    @Test
    void everyGoodRowIsDecidedAndTheRunCompletes() {
        assertThat(hostileRun.exitCode()).as(hostileRun.output()).isZero();
        assertThat(Folders.read(reports(hostile).resolve("decisions.csv"))).isEqualTo("""
                refund_key,refund_id,order_id,trigger,decision,reason,currency,amount_asked,amount_approved
                RETURN:R-1,,O-2,FREE_RETURN,REJECTED,NOT_FREE_RETURN,JPY,,
                CANCEL:C-1,%s,O-1,CANCELLATION,APPROVED,,USD,10.00,10.00
                DISPUTE:D-1,%s,O-2,DISPUTE,APPROVED,,JPY,500,500
                CANCEL:C-3,,O-404,CANCELLATION,REJECTED,UNKNOWN_ORDER,,,
                """.formatted(refundId("CANCEL:C-1"), refundId("DISPUTE:D-1")));
        try (DatabaseSession db = DatabaseSession.open(hostileDatabase)) {
            assertThat(db.strings("SELECT order_id FROM orders ORDER BY order_id")).containsExactly("O-1", "O-2");
        }
    }

    @Test
    void everyBadRowIsRejectedOnceWithItsLineAndReason() {
        assertThat(rejects("orders.csv")).extracting(row -> row[0] + " " + row[1]).satisfiesExactly(
                row -> assertThat(row).startsWith("2 payment_method is not one of"),
                row -> assertThat(row).startsWith("5 items_amount is not a USD amount"),
                row -> assertThat(row).startsWith("6 items_amount is not a USD amount"),
                row -> assertThat(row).startsWith("7 items_amount is not a JPY amount"),
                row -> assertThat(row).startsWith("8 currency is not a known ISO 4217 currency"),
                row -> assertThat(row).startsWith("9 order_id repeats the one on line 3"),
                row -> assertThat(row).startsWith("10 order_id is not an identifier"),
                row -> assertThat(row).startsWith("11 order_id is not an identifier"),
                row -> assertThat(row).startsWith("12 malformed record").contains("longer than 100000"),
                row -> assertThat(row).startsWith("13 the record has 5 fields where the header has 15"));
        assertThat(rejects("cancellations.csv")).extracting(row -> row[0] + " " + row[1]).satisfiesExactly(
                row -> assertThat(row).startsWith("3 cancellation_id repeats the one on line 2"),
                row -> assertThat(row).startsWith("4 cancellation_id is not an identifier"),
                row -> assertThat(row).startsWith("6 requested_at is not an ISO-8601 timestamp with an offset"));
        assertThat(rejects("dispute_resolutions.csv")).extracting(row -> row[0] + " " + row[1]).satisfiesExactly(
                row -> assertThat(row).startsWith("3 resolution is not one of"),
                row -> assertThat(row).startsWith("4 dispute_id is not an identifier"),
                row -> assertThat(row).startsWith("5 dispute_id is not an identifier"),
                row -> assertThat(row).startsWith("6 dispute_id is not an identifier"),
                row -> assertThat(row).startsWith("7 dispute_id is not an identifier"),
                row -> assertThat(row).startsWith("8 dispute_id is not an identifier"),
                row -> assertThat(row).startsWith("9 requested_amount is not a JPY amount"),
                row -> assertThat(row).startsWith("10 requested_amount is not a plain decimal"),
                row -> assertThat(row).startsWith("11 malformed record").contains("not closed"));
        assertThat(rejects("store_blocks.csv")).extracting(row -> row[0] + " " + row[1])
                .singleElement().asString().startsWith("2 review_status is not one of");
        assertThat(reports(hostile).resolve("rejects").resolve("free_returns.csv.rejects.csv")).doesNotExist();
    }

    @Test
    void rawRecordsAreKeptAsReadButNeutralisedForSpreadsheetsAndCutWhenHuge() {
        Map<String, String> orders = rawByLine("orders.csv");
        Map<String, String> disputes = rawByLine("dispute_resolutions.csv");

        assertThat(orders.get("13")).isEqualTo("O-10,S-1,B-1,CARD,psp-10");
        assertThat(orders.get("12")).startsWith("O-9,S-1,B-1,CARD,psp-O-9,USD,10.00,0.00,")
                .endsWith("...(truncated)").hasSizeLessThanOrEqualTo(2_000 + "...(truncated)".length());
        assertThat(disputes.get("3")).isEqualTo(dispute("D-2", "O-2", csvQuoted(BAD_FORMULA), "500", "SELLER_REFUSED"));
        assertThat(disputes.get("4")).isEqualTo("'" + dispute("=1+1", "O-2", "broken", "100", "SELLER_ACCEPTED"));
        assertThat(disputes.get("5")).isEqualTo("'" + dispute("@SUM(1)", "O-2", "broken", "100", "SELLER_ACCEPTED"));
        assertThat(disputes.get("6")).isEqualTo("'" + dispute("+D6", "O-2", "broken", "100", "SELLER_ACCEPTED"));
        assertThat(disputes.get("7")).isEqualTo("'" + dispute("-D7", "O-2", "broken", "100", "SELLER_ACCEPTED"));
        assertThat(disputes.get("8")).isEqualTo("'" + dispute("\tD8", "O-2", "broken", "100", "SELLER_ACCEPTED"));
        assertThat(disputes.get("9")).as("raw of a row found bad by SQL, read again from the file")
                .isEqualTo(dispute("D-9", "O-2", "too precise", "100.5", "SELLER_ACCEPTED"));
    }

    @Test
    void formulaTextOfADisputeReasonAppearsOnlyInTheRawColumnOfItsRejectsFile() {
        Map<String, String> files = new TreeMap<>(Folders.everyFile(hostile.resolve("reports")));
        files.putAll(Folders.everyFile(hostile.resolve("outbox")));
        String rejectsFile = DATE + "/rejects/dispute_resolutions.csv.rejects.csv";

        files.forEach((name, content) -> {
            if (!name.equals(rejectsFile)) {
                assertThat(content).as(name).doesNotContain("HYPERLINK", "evil.example");
            }
        });
        List<String[]> rows = rejects("dispute_resolutions.csv");
        assertThat(rows).filteredOn(row -> String.join(",", row).contains("HYPERLINK"))
                .as("only the raw column, only of the bad row").singleElement()
                .satisfies(row -> assertThat(row[0] + row[1]).doesNotContain("HYPERLINK"));
        assertThat(hostileRun.output()).as("the log").doesNotContain("HYPERLINK", "evil.example");
        try (DatabaseSession db = DatabaseSession.open(hostileDatabase)) {
            assertThat(db.everything()).as("the reason of a good row is never stored").allSatisfy((table, stored) ->
                    assertThat(stored).as(table).noneMatch(row -> row.contains("evil.example/good")));
        }
    }

    @Test
    void freeTextOfABadRowIsNotKeptInTheDatabase() {
        try (DatabaseSession db = DatabaseSession.open(hostileDatabase)) {
            assertThat(db.everything()).allSatisfy((table, stored) ->
                    assertThat(stored).as(table).noneMatch(row -> row.contains("HYPERLINK")));
        }
    }

    private static Path reports(Path work) {
        return work.resolve("reports").resolve(DATE);
    }

    /** The data rows of a rejects file, parsed as RFC 4180. */
    private static List<String[]> rejects(String extract) {
        List<String[]> rows = new ArrayList<>(
                Folders.csv(reports(hostile).resolve("rejects").resolve(extract + ".rejects.csv")));
        assertThat(rows.remove(0)).containsExactly("line", "reason", "raw");
        rows.forEach(row -> assertThat(row).as(Arrays.toString(row)).hasSize(3));
        return rows;
    }

    private static Map<String, String> rawByLine(String extract) {
        Map<String, String> raw = new TreeMap<>();
        rejects(extract).forEach(row -> raw.put(row[0], row[2]));
        return raw;
    }
}
