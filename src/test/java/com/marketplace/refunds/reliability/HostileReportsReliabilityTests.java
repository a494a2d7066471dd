package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static com.marketplace.refunds.reliability.Rows.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Processor reports as an attacker, a careless operator or a real processor delivers them: a card
 * number in a cell that cannot be read, a report that is a link to a file outside the inbox, refund
 * lines without our reference or of a type we do not act on, reports under near-miss names. The
 * run never echoes a cell or reads outside the inbox, never refuses a real report for a refund that
 * is not ours, and says what it did not read. One database, one date retried as a user would.
 */
@TestMethodOrder(OrderAnnotation.class)
class HostileReportsReliabilityTests {

    private static final String DAY1 = "2026-11-10";
    private static final String DAY2 = "2026-11-11";
    private static final String CARD_NUMBER = "4111111111111111";
    private static final String REFUND = refundId("CANCEL:C-1");
    private static final String CARD_HEADER = "Type,Modification Reference,Modification Merchant Reference,"
            + "Gross Currency,Gross Debit (GC),Gross Credit (GC)";

    @TempDir
    static Path work;
    @TempDir
    static Path elsewhere;

    private static String database;
    private static ChildRun child;

    /** Day 1 sends a card refund of 10.00; day 2's drop (empty extracts) waits with its processor reports. */
    @BeforeAll
    static void sendOneRefund() {
        database = TestDatabase.freshFor(HostileReportsReliabilityTests.class);
        child = new ChildRun(database);
        new RawDrop().lines("orders.csv", order("O-1", "USD", "10.00", "0.00", ""))
                .lines("cancellations.csv", "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z")
                .write(work.resolve("inbox"), DAY1);
        Result day1 = child.run(nightly(work, DAY1));
        assertThat(day1.exitCode()).as(day1.output()).isZero();
        new RawDrop().write(work.resolve("inbox"), DAY2);
    }

    @Test
    @Order(1)
    void aCellThatCannotBeReadFailsTheRunNamingFileAndLineWithoutRepeatingIt() throws IOException {
        report("settlement_detail_report_batch_1.csv", CARD_HEADER + "\n"
                + "Refunded,M-1," + REFUND + "," + CARD_NUMBER + ",10.00,\n");

        Result result = child.run(nightly(work, DAY2));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.outcome()).contains("settlement_detail_report_batch_1.csv, line 2")
                .contains("Gross Currency");
        assertThat(result.output()).as("stdout, stderr and the log").doesNotContain(CARD_NUMBER)
                .doesNotContain("\tat ");
        assertThat(runMessage()).contains("line 2").doesNotContain(CARD_NUMBER);
    }

    @Test
    @Order(2)
    void aReportThatIsALinkLeadingOutOfTheInboxFailsTheRunNamingTheLinkNeverItsTarget() throws IOException {
        Path secret = Files.writeString(elsewhere.resolve("secret.csv"), CARD_HEADER + "\nSECRET-TEXT," + CARD_NUMBER + "\n");
        Path report = processor().resolve("settlement_detail_report_batch_1.csv");
        Files.delete(report);
        Files.createSymbolicLink(report, secret);

        Result result = child.run(nightly(work, DAY2));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.outcome()).contains("settlement_detail_report_batch_1.csv is a symbolic link that leads "
                + "outside the inbox");
        assertThat(result.output()).doesNotContain("SECRET-TEXT").doesNotContain(CARD_NUMBER)
                .doesNotContain(secret.toString());
        assertThat(runMessage()).doesNotContain("SECRET-TEXT").doesNotContain(secret.toString());
        Files.delete(report);
    }

    @Test
    @Order(3)
    void refundLinesThatAreNotOursOrOfAnotherTypeAreBreaksAndMisnamedReportsAreWarnedAboutNotRead() throws IOException {
        // a refund made in Adyen's Customer Area (no merchant reference: the minimal report),
        // a refund type we do not act on for our refund, and a PayPal refund made in PayPal's web interface
        report("settlement_detail_report_batch_1.csv", """
                Type,Modification Merchant Reference,Gross Currency,Gross Debit (GC),Gross Credit (GC)
                Refunded,,EUR,50.00,
                RefundedExternally,%s,USD,10.00,
                """.formatted(REFUND));
        report("STL-20261111.01.009.CSV", """
                "SH",2026/11/10 00:00:00 -0800,2026/11/10 23:59:59 -0800,"MKTPLACE0001",""
                "CH","Transaction ID","Invoice ID","Transaction Event Code","Transaction  Debit or Credit",\
                "Gross Transaction Amount","Gross Transaction Currency"
                "SB","7KJ12345AB6789012","","T1107","DR",1500,"USD"
                "SC",1
                """);
        // the same card report under the names a browser download and an interrupted copy give it
        report("settlement_detail_report_batch_1 (1).csv", CARD_HEADER + "\nRefunded,M-9," + REFUND + ",USD,10.00,\n");
        report("STL-20261111.02.009.CSV.part", "\"SH\"\n");

        Result result = child.run(nightly(work, DAY2));

        assertThat(result.exitCode()).as(result.output()).isZero();
        Path reports = work.resolve("reports").resolve(DAY2);
        assertThat(Folders.csv(reports.resolve("reconciliation-breaks.csv")).stream().skip(1).toList())
                .extracting(row -> String.join(",", row[0], row[1], row[2], row[5], row[6], row[7]))
                .containsExactlyInAnyOrder(
                        "UNKNOWN_REFERENCE,CARD,,50.00,settlement_detail_report_batch_1.csv,2",
                        "UNHANDLED_REFUND_TYPE,CARD," + REFUND + ",10.00,settlement_detail_report_batch_1.csv,3",
                        "UNKNOWN_REFERENCE,PAYPAL,,15.00,STL-20261111.01.009.CSV,3");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT status FROM refund")).as("nothing moved").containsExactly("REFUND_PROCESSING");
        }
        assertThat(result.output()).contains("Ignoring settlement_detail_report_batch_1 (1).csv")
                .contains("Ignoring STL-20261111.02.009.CSV.part");
        assertThat(Folders.read(reports.resolve("reconciliation.html")))
                .contains("settlement_detail_report_batch_1 (1).csv").contains("STL-20261111.02.009.CSV.part");
        assertThat(Folders.read(reports.resolve("manifest.csv")))
                .contains("input," + DAY2 + "/processor/settlement_detail_report_batch_1.csv,")
                .contains("input," + DAY2 + "/processor/STL-20261111.01.009.CSV,")
                .doesNotContain("(1).csv").doesNotContain(".part");
    }

    private static Path processor() throws IOException {
        return Files.createDirectories(work.resolve("inbox").resolve(DAY2).resolve("processor"));
    }

    private static void report(String name, String text) throws IOException {
        Files.writeString(processor().resolve(name), text);
    }

    private static String runMessage() {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            return String.join("\n", db.strings("SELECT coalesce(message, '') FROM nightly_run WHERE business_date = ?::date",
                    DAY2));
        }
    }
}
