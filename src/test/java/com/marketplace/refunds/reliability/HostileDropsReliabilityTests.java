package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static com.marketplace.refunds.reliability.Rows.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Drops that cannot be used as delivered (a truncated file, a wrong header, bytes that are not
 * UTF-8, a control file that lies): a clean failure before anything is decided, naming the file,
 * and a date that waits for its fixed drop. Also: the same event in two drops is decided once.
 */
class HostileDropsReliabilityTests {

    private static final String DATE = "2026-11-10";

    /** A drop spoiled after it was written; a processor report is read after the drop's orders are stored. */
    record Unusable(String name, String file, String problem, long ordersStored, Consumer<Path> spoil) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Unusable> unusableDrops() {
        return Stream.of(
                new Unusable("a file truncated after control.csv was written", "orders.csv", "control.csv", 0,
                        drop -> RawDrop.truncateToHalf(drop.resolve("orders.csv"))),
                new Unusable("a required column missing from the header", "orders.csv", "order_id", 0,
                        drop -> RawDrop.rewriteTruthfully(drop, "orders.csv",
                                text -> text.replaceFirst("order_id", "order_no"))),
                new Unusable("a column named twice in the header", "cancellations.csv", "twice", 0,
                        drop -> RawDrop.rewriteTruthfully(drop, "cancellations.csv",
                                text -> text.replaceFirst("seller_confirmed_at", "requested_at"))),
                new Unusable("bytes that are not UTF-8", "dispute_resolutions.csv", "UTF-8", 0,
                        drop -> RawDrop.appendTruthfully(drop, "dispute_resolutions.csv", RawDrop.concat(
                                "D-2,O-1,2026-11-05T10:00:00Z,2026-11-09T11:00:00Z,RECEIVED,caf",
                                new byte[] {(byte) 0xC3, (byte) 0x28}, ",5.00,SELLER_ACCEPTED,,false,\n"))),
                new Unusable("a processor report without its Type column", "settlement_detail_report_batch_1.csv",
                        "Type", 3, drop -> RawDrop.writeFile(drop.resolve("processor").resolve(
                                "settlement_detail_report_batch_1.csv"), "Company Account,Merchant Account,Psp Reference,"
                                + "Gross Currency,Gross Debit (GC),Gross Credit (GC),Modification Merchant Reference\n"
                                + "MarketplaceCompany,MarketplaceUS,psp-O-1,USD,10.00,,RF-0000000000000000000A\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableDrops")
    void aDropThatCannotBeUsedFailsTheRunNamingTheFileBeforeAnythingIsStored(Unusable input, @TempDir Path work) {
        Path drop = smallValidDrop().write(work.resolve("inbox"), DATE);
        input.spoil().accept(drop);
        String database = TestDatabase.fresh("rel_unusable_" + Math.abs(input.name().hashCode()));

        Result result = new ChildRun(database).run(nightly(work, DATE));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.outcome()).contains(input.file()).contains(input.problem());
        assertThat(result.output()).as("a clean failure, no stack trace").doesNotContain("\tat ");
        assertNothingDecided(database, work, input.ordersStored());
    }

    @Test
    void aControlFileThatLiesFailsItsDateAndHoldsBackLaterDatesUntilTheDropIsFixed(@TempDir Path work) {
        Path lying = smallValidDrop().write(work.resolve("inbox"), DATE);
        RawDrop.rewrite(lying, "free_returns.csv", text -> text.replace("R-1", "R-9"));
        smallValidDrop().write(work.resolve("inbox"), "2026-11-11");
        String database = TestDatabase.fresh("rel_lying_control");
        ChildRun child = new ChildRun(database);

        Result failed = child.run(nightly(work, DATE));
        Map<String, List<String>> afterFailure = everything(database);
        Result refused = child.run(nightly(work, "2026-11-11"));
        Map<String, List<String>> afterRefusal = everything(database);
        RawDrop.writeControl(lying);
        Result repaired = child.run(nightly(work, DATE));

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.outcome()).contains("free_returns.csv").contains("SHA-256");
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.outcome()).as("names the date to run").contains("--business-date=" + DATE);
        assertThat(afterRefusal).as("the refused run changed nothing").isEqualTo(afterFailure);
        assertThat(repaired.exitCode()).as(repaired.output()).isZero();
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT refund_key FROM refund")).containsExactly("CANCEL:C-1");
        }
    }

    @Test
    void theSameEventInTwoDropsIsDecidedOnce(@TempDir Path work) {
        String[] orders = {order("O-1", "USD", "10.00", "0.00", ""), order("O-2", "USD", "20.00", "0.00", "")};
        String cancellation = "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z";
        String dispute = "D-1,O-2,2026-11-05T10:00:00Z,2026-11-09T11:00:00Z,RECEIVED,Broken,9.00,PLATFORM_BUYER,5.00,false,";
        new RawDrop().lines("orders.csv", orders).lines("cancellations.csv", cancellation)
                .lines("dispute_resolutions.csv", dispute).write(work.resolve("inbox"), DATE);
        new RawDrop().lines("orders.csv", orders)
                .lines("cancellations.csv", cancellation, "C-2,O-2,2026-11-10T10:00:00Z,")
                .lines("dispute_resolutions.csv", dispute).write(work.resolve("inbox"), "2026-11-11");
        String database = TestDatabase.fresh("rel_same_event_twice");
        ChildRun child = new ChildRun(database);

        Result first = child.run(nightly(work, DATE));
        Result second = child.run(nightly(work, "2026-11-11"));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(Folders.read(reports(work).resolve("decisions.csv"))).as("decided on the first day").contains(
                "CANCEL:C-1," + refundId("CANCEL:C-1") + ",O-1,CANCELLATION,APPROVED,,USD,10.00,10.00",
                "DISPUTE:D-1," + refundId("DISPUTE:D-1") + ",O-2,DISPUTE,APPROVED,,USD,5.00,5.00");
        assertThat(Folders.read(work.resolve("reports").resolve("2026-11-11").resolve("decisions.csv")))
                .as("not decided again, not listed").isEqualTo("""
                        refund_key,refund_id,order_id,trigger,decision,reason,currency,amount_asked,amount_approved
                        CANCEL:C-2,,O-2,CANCELLATION,PENDING,AWAITING_SELLER_CONFIRMATION,USD,,
                        """);
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT refund_key || ' ' || amount_minor FROM refund ORDER BY refund_key"))
                    .containsExactly("CANCEL:C-1 1000", "DISPUTE:D-1 500");
            assertThat(db.strings("SELECT refund_key || ' ' || count(*) FROM decision GROUP BY refund_key ORDER BY 1"))
                    .containsExactly("CANCEL:C-1 1", "CANCEL:C-2 1", "DISPUTE:D-1 1");
        }
        assertThat(Folders.contents(work.resolve("outbox").resolve("2026-11-11")).values())
                .as("nothing sent again").allSatisfy(content -> assertThat(content.lines()
                        .filter(line -> line.startsWith("RF-"))).isEmpty());
    }

    private static RawDrop smallValidDrop() {
        return new RawDrop()
                .lines("orders.csv", order("O-1", "USD", "10.00", "0.00", ""), order("O-2", "USD", "20.00", "0.00", ""),
                        order("O-3", "USD", "30.00", "0.00", ""))
                .lines("cancellations.csv", "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z")
                .lines("dispute_resolutions.csv",
                        "D-1,O-2,2026-11-05T10:00:00Z,2026-11-09T11:00:00Z,RECEIVED,fine,5.00,PLATFORM_SELLER,,false,")
                .lines("free_returns.csv", "R-1,O-3,2026-11-09T09:00:00Z,");
    }

    private static void assertNothingDecided(String database, Path work, long ordersStored) {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("""
                    SELECT 'orders ' || (SELECT count(*) FROM orders)
                           || ', report lines ' || (SELECT count(*) FROM processor_report_line)
                           || ', triggers ' || (SELECT count(*) FROM refund_trigger)
                           || ', decisions ' || (SELECT count(*) FROM decision)
                           || ', refunds ' || (SELECT count(*) FROM refund)
                           || ', files ' || (SELECT count(*) FROM settlement_file)
                    """)).containsExactly("orders " + ordersStored
                    + ", report lines 0, triggers 0, decisions 0, refunds 0, files 0");
            assertThat(db.strings("SELECT status FROM nightly_run")).containsExactly("FAILED");
        }
        assertThat(reports(work).resolve("decisions.csv")).doesNotExist();
        assertThat(work.resolve("outbox").resolve(DATE)).doesNotExist();
    }

    private static Path reports(Path work) {
        return work.resolve("reports").resolve(DATE);
    }

    private static Map<String, List<String>> everything(String database) {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            return db.everything();
        }
    }
}
