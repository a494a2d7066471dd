package com.marketplace.refunds.archive;

import static com.marketplace.refunds.support.Nights.confirms;
import static com.marketplace.refunds.support.Nights.dispute;
import static com.marketplace.refunds.support.Nights.refundId;
import static com.marketplace.refunds.support.Nights.reverses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.cli.Cli;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Nights;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Orders that can no longer change leave the hot tables with their refunds, and every later night
 * that names one finds it as if it had never left: a late dispute is capped by everything the order
 * ever committed, a fraud block reaches it, a processor line confirms or fails its refund, a changed
 * fixed field is still a bad row, and a failed refund shows in the stuck list. Nothing is ever in
 * both places, nothing is lost.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // one database, business dates in order
class ArchiveIntegrationTests {

    private static final LocalDate DAY1 = LocalDate.parse("2026-11-10");
    private static final LocalDate DAY2 = DAY1.plusDays(1);
    private static final LocalDate DAY3 = DAY1.plusDays(2);

    private static final Nights nights = new Nights("archive", "--refunds.stuck-after-days=1");

    @AfterAll
    static void close() {
        nights.close();
    }

    /** A 20.00 USD card order paid on 20 Oct, shipped with tracking, delivered or not, protected until 8 Nov. */
    private static String order(String id, String store, String items, boolean delivered) {
        return String.join(",", id, store, "B-1", "CARD", "psp-" + id, "USD", items, "0.00", "2026-10-20T10:00:00Z",
                "2026-10-24T10:00:00Z", "2026-10-21T10:00:00Z", "1ZTRACK" + id.replace("-", ""),
                delivered ? "2026-10-25T10:00:00Z" : "", "false", "2026-11-08T00:00:00Z");
    }

    private static String key(String dispute) {
        return "DISPUTE:" + dispute;
    }

    private List<String> where(String table) {
        return nights.jdbc().sql("SELECT order_id FROM " + table + " ORDER BY order_id").query(String.class).list();
    }

    private List<String> archive() {
        List<String> progress = new ArrayList<>();
        nights.bean(Archiver.class).archive(0, progress::add);
        return progress;
    }

    private long amount(String refundKey) {
        return nights.jdbc().sql("SELECT amount_minor FROM refund WHERE refund_key = :k").param("k", refundKey)
                .query(Long.class).single();
    }

    @Test
    @Order(1)
    void anArchivedOrderComesBackWheneverANightNamesItAndItsRefundsKeepEveryGuard() throws IOException {
        // day 1: five orders, a 5.00 dispute refund each, sent; day 2: all but O-K's confirmed
        nights.run(DAY1, Map.of("orders.csv", List.of(order("O-A", "S-1", "20.00", true),
                        order("O-C", "S-1", "20.00", true), order("O-F", "S-F", "20.00", false),
                        order("O-K", "S-1", "20.00", true), order("O-R", "S-1", "20.00", true),
                        order("O-U", "S-1", "20.00", true)),
                "dispute_resolutions.csv", List.of(dispute("D-A1", "O-A", "2026-11-09T10:00:00Z", "5.00"),
                        dispute("D-C1", "O-C", "2026-11-09T10:00:00Z", "5.00"),
                        dispute("D-F1", "O-F", "2026-11-09T10:00:00Z", "5.00"),
                        dispute("D-K1", "O-K", "2026-11-09T10:00:00Z", "5.00"),
                        dispute("D-R1", "O-R", "2026-11-09T10:00:00Z", "5.00"),
                        dispute("D-U1", "O-U", "2026-11-09T10:00:00Z", "5.00"))));
        nights.cardReport(DAY2, "settlement_detail_report_batch_1.csv", List.of("A1", "C1", "F1", "R1", "U1").stream()
                .map(d -> confirms("M-" + d, refundId(key("D-" + d)), "5.00")).toList());
        nights.run(DAY2, Map.of());

        List<String> moved = archive();

        assertThat(moved).containsExactly("orders first seen on 2026-11-10: 5 orders and 5 refunds archived in "
                + moved.get(0).substring(moved.get(0).lastIndexOf(" in ") + 4));
        assertThat(where("archived_order")).containsExactly("O-A", "O-C", "O-F", "O-R", "O-U");
        assertThat(where("archived_refund")).containsExactly("O-A", "O-C", "O-F", "O-R", "O-U");
        assertThat(where("orders")).as("its refund is still open").containsExactly("O-K");
        assertThat(nights.jdbc().sql("SELECT sum(committed_minor) FROM archived_order").query(Long.class).single())
                .isEqualTo(2500);
        assertThat(archive()).as("run again, nothing is left to move").isEmpty();
        assertThatThrownBy(() -> nights.jdbc().sql("DELETE FROM archived_refund").update())
                .hasMessageContaining("never deleted");

        // day 3: a late dispute of O-A, a fraud block of O-F's store, a changed fixed field of O-U; the
        // card report fails O-R's refund and confirms O-C's a second time
        nights.cardReport(DAY3, "settlement_detail_report_batch_2.csv", List.of(
                reverses("M-R1-BACK", refundId(key("D-R1")), "5.00"), confirms("M-C1-AGAIN", refundId(key("D-C1")), "5.00")));
        nights.run(DAY3, Map.of(
                "orders.csv", List.of(order("O-U", "S-1", "25.00", true)),
                "dispute_resolutions.csv", List.of(dispute("D-A2", "O-A", "2026-11-12T08:00:00Z", "18.00")),
                "store_blocks.csv", List.of("S-F,2026-11-01T10:00:00Z,CONFIRMED_FRAUD,2026-11-12T09:00:00Z")));

        assertThat(nights.decision(DAY3, key("D-A2"))).isEqualTo("APPROVED_CAPPED CAPPED_TO_BALANCE");
        assertThat(amount(key("D-A2"))).as("20.00 less the 5.00 paid before the archive").isEqualTo(1500);
        assertThat(nights.decision(DAY3, "FRAUD:S-F:O-F")).isEqualTo("APPROVED");
        assertThat(amount("FRAUD:S-F:O-F")).isEqualTo(1500);
        assertThat(nights.status(key("D-R1"))).isEqualTo("FAILED");
        assertThat(nights.committed("O-R")).isZero();
        assertThat(nights.status(key("D-C1"))).isEqualTo("REFUNDED");
        assertThat(nights.committed("O-C")).isEqualTo(500);
        assertThat(nights.breaks(DAY3)).containsExactlyInAnyOrder("REVERSED " + refundId(key("D-R1")),
                "DUPLICATE_CONFIRMATION " + refundId(key("D-C1")));
        assertThat(Files.readString(nights.reports(DAY3).resolve("rejects").resolve("orders.csv.rejects.csv")))
                .contains("O-U");
        assertThat(nights.committed("O-A")).isEqualTo(2000);
        assertThat(nights.committed("O-F")).isEqualTo(2000);
        assertThat(nights.committed("O-U")).isEqualTo(500);
        assertThat(nights.bean(StuckRefunds.class).list(StuckFilter.all(DAY3)))
                .extracting(s -> s.refundId() + " " + s.reason())
                .contains(refundId(key("D-R1")) + " FAILED");
        assertThat(where("archived_order")).isEmpty();
        assertThat(nights.jdbc().sql("""
                SELECT count(*) FROM refund r JOIN archived_refund a USING (refund_key)
                """).query(Long.class).single()).as("never in both places").isZero();

        // what can no longer change leaves again: O-C and O-U, whose refunds are all REFUNDED
        archive();
        assertThat(where("archived_order")).containsExactly("O-C", "O-U");
        assertThat(where("orders")).containsExactly("O-A", "O-F", "O-K", "O-R");
        assertThat(nights.jdbc().sql("SELECT count(*) FROM any_refund").query(Long.class).single())
                .as("six disputes and a fraud block, none lost").isEqualTo(8);

        // day 4: O-F's fraud refund is confirmed, so O-F leaves again; day 5: its store is blocked once more,
        // which reaches O-F but has decided it finally already: it stays in the archive, decided once
        LocalDate day4 = DAY3.plusDays(1);
        LocalDate day5 = DAY3.plusDays(2);
        nights.cardReport(day4, "settlement_detail_report_batch_3.csv",
                List.of(confirms("M-F-FRAUD", refundId("FRAUD:S-F:O-F"), "15.00")));
        nights.run(day4, Map.of());
        archive();
        assertThat(where("archived_order")).containsExactly("O-C", "O-F", "O-U");
        nights.run(day5, Map.of("store_blocks.csv",
                List.of("S-F,2026-11-01T10:00:00Z,CONFIRMED_FRAUD,2026-11-14T09:00:00Z")));
        assertThat(where("archived_order")).containsExactly("O-C", "O-F", "O-U");
        assertThat(nights.jdbc().sql("SELECT count(*) FROM decision WHERE refund_key = 'FRAUD:S-F:O-F'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theArchiveCommandMovesNothingWhileANightlyRunHoldsTheLockAndRunsOnceItIsFree(@TempDir Path folder)
            throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(RefundSettlementApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String url = TestDatabase.fresh("archive_command");
        System.setProperty("spring.datasource.url", url);
        try {
            Path inbox = folder.resolve("inbox");
            Drops.write(inbox, DAY1.toString(), Map.of("orders.csv", List.of(order("O-1", "S-1", "20.00", true))));
            assertThat(cli.run("nightly", "--business-date=" + DAY1, "--inbox=" + inbox,
                    "--outbox=" + folder.resolve("outbox"), "--reports=" + folder.resolve("reports")))
                    .as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCode.COMPLETED.code());
            try (Connection nightly = DriverManager.getConnection(url, TestDatabase.USER, "")) {
                nightly.setAutoCommit(false);
                nightly.createStatement().execute("SELECT row_name FROM run_lock WHERE row_name = 'LOCK' FOR UPDATE");

                assertThat(cli.run("archive", "--after-days=0")).isEqualTo(ExitCode.BUSY.code());
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("in progress; nothing was moved");
                nightly.rollback();
            }

            assertThat(cli.run("archive", "--after-days=0")).as(err.toString(StandardCharsets.UTF_8))
                    .isEqualTo(ExitCode.COMPLETED.code());
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                    "Archived 0 orders and 0 refunds that could no longer change as of the run for " + DAY1);
        }
        finally {
            System.clearProperty("spring.datasource.url");
            TestDatabase.drop(url);
        }
    }
}
