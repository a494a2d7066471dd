package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.dispute;
import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static com.marketplace.refunds.reliability.Rows.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Rows whose values the database could not hold are bad rows with their line, never a failed load
 * or merge: the night completes, and so do the nights after it. Amounts too large to hold exactly
 * (in minor units, or as an order total) and a NUL character in the one free-text column that is
 * stored. An amount at the ceiling itself (999,999,999,999,999 minor units) is good and is refunded.
 */
class UnstorableRowsReliabilityTests {

    private static final String FIRST = "2026-11-10";
    private static final String SECOND = "2026-11-11";
    private static final String AT_CEILING_USD = "9999999999999.99";
    private static final String AT_CEILING_CLF = "99999999999.9999";
    private static final String NUL = "\u0000";
    private static final String TRACKING = "TRACK-4111111111111111";

    @TempDir
    static Path work;

    private static String database;
    private static Result first;
    private static Result second;

    @BeforeAll
    static void runTwoNightsOnADropOfUnstorableRows() {
        new RawDrop()
                .lines("orders.csv",
                        order("O-1", "CLF", "900000000000000.0000", "900000000000000.0000", ""), // 2 sum beyond a long
                        order("O-2", "CLF", "1.0000", "0.0000", ""),                                  // 3 good
                        order("O-3", "USD", AT_CEILING_USD, "0.00", ""),                              // 4 at the ceiling
                        order("O-4", "USD", AT_CEILING_USD, "0.01", ""),                              // 5 total above it
                        order("O-5", "CLF", AT_CEILING_CLF, "0", ""),                                 // 6 at the ceiling
                        order("O-6", "JPY", "1000000000000000", "0", ""),                             // 7 above it
                        order("O-7", "USD", "10.00", "0.00", "1Z" + NUL + TRACKING))                  // 8 a NUL
                .lines("cancellations.csv",
                        "C-3,O-3,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z")
                .lines("dispute_resolutions.csv",
                        dispute("D-1", "O-2", "huge", "999999999999999.9999", "SELLER_ACCEPTED"),  // 2 beyond a long
                        dispute("D-2", "O-5", "fine", AT_CEILING_CLF, "SELLER_ACCEPTED"),          // 3 at the ceiling
                        dispute("D-3", "O-2", "huge", "12345678901234567890", "SELLER_ACCEPTED"),  // 4 20 digits
                        dispute("D-4", "O-2", "huge", "100000000000.0000", "SELLER_ACCEPTED"))     // 5 just above
                .write(work.resolve("inbox"), FIRST);
        new RawDrop()
                .lines("cancellations.csv", "C-2,O-2,2026-11-10T10:00:00Z,2026-11-10T10:30:00Z")
                .write(work.resolve("inbox"), SECOND);
        database = TestDatabase.fresh("rel_unstorable_rows");
        ChildRun child = new ChildRun(database);
        first = child.run(nightly(work, FIRST));
        second = child.run(nightly(work, SECOND));
    }

    @Test
    void theNightWithUnstorableRowsCompletesAndSoDoesTheNextOne() {
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).as("no stack trace, no value").doesNotContain("\tat ", "out of range", TRACKING, "O-7");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(Folders.read(work.resolve("reports").resolve(SECOND).resolve("decisions.csv")))
                .contains("CANCEL:C-2," + refundId("CANCEL:C-2") + ",O-2,CANCELLATION,APPROVED,,CLF,1.0000,1.0000");
    }

    @Test
    void everyAmountBeyondTheCeilingIsABadRowWithItsLine() {
        assertThat(rejects("orders.csv")).extracting(row -> row[0] + " " + row[1]).satisfiesExactly(
                row -> assertThat(row).startsWith("2 items_amount: amount too large"),
                row -> assertThat(row).startsWith("5 order total (items_amount + shipping_amount): amount too large")
                        .contains("9999999999999.99 USD"),
                row -> assertThat(row).startsWith("7 items_amount: amount too large"),
                row -> assertThat(row).isEqualTo("8 tracking_number holds a NUL character, which cannot be stored"));
        assertThat(rejects("dispute_resolutions.csv")).extracting(row -> row[0] + " " + row[1]).satisfiesExactly(
                row -> assertThat(row).startsWith("2 requested_amount: amount too large")
                        .contains(AT_CEILING_CLF + " CLF"),
                row -> assertThat(row).startsWith("4 requested_amount: amount too large"),
                row -> assertThat(row).startsWith("5 requested_amount: amount too large"));
    }

    @Test
    void anAmountAtTheCeilingIsRefundedInFull() {
        String decisions = Folders.read(work.resolve("reports").resolve(FIRST).resolve("decisions.csv"));

        assertThat(decisions).contains(
                "CANCEL:C-3," + refundId("CANCEL:C-3") + ",O-3,CANCELLATION,APPROVED,,USD," + AT_CEILING_USD + ","
                        + AT_CEILING_USD,
                "DISPUTE:D-2," + refundId("DISPUTE:D-2") + ",O-5,DISPUTE,APPROVED,,CLF," + AT_CEILING_CLF + ","
                        + AT_CEILING_CLF);
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT order_id || ' ' || total_minor FROM orders ORDER BY order_id"))
                    .containsExactly("O-2 10000", "O-3 999999999999999", "O-5 999999999999999");
        }
    }

    private static List<String[]> rejects(String extract) {
        List<String[]> rows = new ArrayList<>(Folders.csv(
                work.resolve("reports").resolve(FIRST).resolve("rejects").resolve(extract + ".rejects.csv")));
        assertThat(rows.remove(0)).containsExactly("line", "reason", "raw");
        return rows;
    }
}
