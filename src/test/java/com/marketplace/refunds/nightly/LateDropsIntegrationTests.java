package com.marketplace.refunds.nightly;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.order;
import static com.marketplace.refunds.support.Nights.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Nights;

/**
 * Over time (CONTRACT section 7), whole runs on PostgreSQL: {@code nightly} without a date runs every
 * due date in order and stops at the first that does not complete; a date whose drop has not come is
 * passed over, and its drop, when it comes, is carried by the next run, so nothing delivered is lost.
 */
class LateDropsIntegrationTests {

    private static final LocalDate NOV_08 = LocalDate.parse("2026-11-08");
    private static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");
    private static final LocalDate NOV_11 = LocalDate.parse("2026-11-11");
    private static final LocalDate NOV_12 = LocalDate.parse("2026-11-12");
    private static final LocalDate NOV_13 = LocalDate.parse("2026-11-13");
    private static final LocalDate NOV_14 = LocalDate.parse("2026-11-14");

    @Test
    void aMissedNightIsCaughtUpOldestFirstThenNothingIsDueAndNothingChanges() {
        try (Nights nights = new Nights("late_catch_up")) {
            nights.drop(NOV_10, cancelled("O-1", "C-1", NOV_10));
            nights.drop(NOV_11, cancelled("O-2", "C-2", NOV_11));
            List<String> completed = new ArrayList<>();

            RunOutcome caughtUp = nights.catchUp(null, completed);
            long executions = executions(nights);
            RunOutcome nothingDue = nights.catchUp(null, new ArrayList<>());

            assertThat(caughtUp.exitCode()).as(caughtUp.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(caughtUp.message()).isEqualTo("Caught up: 2 dates completed (2026-11-10 to 2026-11-11); "
                    + "the last completed date is 2026-11-11.");
            assertThat(completed).hasSize(2);
            assertThat(completed.get(0)).startsWith("The nightly run for 2026-11-10 completed.");
            assertThat(completed.get(1)).startsWith("The nightly run for 2026-11-11 completed.");
            assertThat(nights.decision(NOV_10, "CANCEL:C-1")).isEqualTo("APPROVED");
            assertThat(nights.decision(NOV_11, "CANCEL:C-2")).isEqualTo("APPROVED");
            assertThat(nothingDue.exitCode()).isEqualTo(ExitCode.COMPLETED);
            assertThat(nothingDue.message()).startsWith("Nothing is due: the last completed date is 2026-11-11, and no "
                    + "complete drop after it is in ");
            assertThat(executions(nights)).as("nothing ran").isEqualTo(executions);
            assertThat(runs(nights)).containsExactly("2026-11-10 COMPLETED", "2026-11-11 COMPLETED");
        }
    }

    @Test
    void untilStopsTheCatchUpAtItsDate() {
        try (Nights nights = new Nights("late_until")) {
            nights.drop(NOV_10, Map.of());
            nights.drop(NOV_11, Map.of());
            nights.drop(NOV_12, Map.of());

            RunOutcome outcome = nights.catchUp(NOV_11, new ArrayList<>());

            assertThat(outcome.exitCode()).isEqualTo(ExitCode.COMPLETED);
            assertThat(runs(nights)).containsExactly("2026-11-10 COMPLETED", "2026-11-11 COMPLETED");
        }
    }

    @Test
    void aFailedDateStopsTheCatchUpWithItsExitCodeAndIsRunFirstOnceItsDropIsFixed() throws IOException {
        try (Nights nights = new Nights("late_failed_first")) {
            nights.run(NOV_10, Map.of());
            Path broken = nights.drop(NOV_11, cancelled("O-2", "C-2", NOV_11));
            Files.writeString(broken.resolve("orders.csv"), "\n", java.nio.file.StandardOpenOption.APPEND);
            nights.drop(NOV_12, cancelled("O-3", "C-3", NOV_12));

            RunOutcome failed = nights.catchUp(null, new ArrayList<>());
            List<String> afterFailure = runs(nights);
            Drops.writeControl(broken);
            RunOutcome fixed = nights.catchUp(null, new ArrayList<>());

            assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(failed.message()).contains("the nightly run for 2026-11-11 failed")
                    .endsWith("The catch-up stopped there; not run yet: [2026-11-12].");
            assertThat(afterFailure).containsExactly("2026-11-10 COMPLETED", "2026-11-11 FAILED");
            assertThat(fixed.exitCode()).as(fixed.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(runs(nights)).containsExactly("2026-11-10 COMPLETED", "2026-11-11 COMPLETED",
                    "2026-11-12 COMPLETED");
            assertThat(nights.decision(NOV_11, "CANCEL:C-2")).isEqualTo("APPROVED");
        }
    }

    @Test
    void aMissingDropIsPassedOverThenCarriedByTheNextRunWithItsTriggersFilesManifestAndRejects() throws IOException {
        try (Nights nights = new Nights("late_carried")) {
            nights.drop(NOV_10, cancelled("O-1", "C-1", NOV_10));
            // 11 Nov never comes in time; 12 Nov cancels an order only the late drop brings, and ships O-4
            nights.drop(NOV_12, Map.of("orders.csv", List.of(shipped("O-4")),
                    "cancellations.csv", List.of(cancellation("C-3", "O-3", "2026-11-12T09:00:00Z")),
                    "dispute_resolutions.csv", List.of(Nights.dispute("D-6", "O-6", "2026-11-12T08:00:00Z", "12.50"))));
            List<String> completed = new ArrayList<>();
            RunOutcome first = nights.catchUp(null, completed);
            String unknownOrder = nights.decision(NOV_12, "CANCEL:C-3");
            String unknownOrdersDispute = nights.decision(NOV_12, "DISPUTE:D-6");
            String page = Files.readString(nights.reports(NOV_12).resolve("reconciliation.html"));
            // then 11 Nov comes: a new order and its cancellation, the order 12 Nov's cancellation needed,
            // O-4 as it was before it shipped, a bad row, and O-1 with a changed amount
            nights.drop(NOV_11, Map.of("orders.csv", List.of(order("O-2", "20.00", "0.00"), order("O-3", "30.00", "0.00"),
                            order("O-4", "40.00", "0.00"), order("O-5", "abc", "0.00"), order("O-1", "99.00", "0.00"),
                            order("O-6", "40.00", "0.00")),
                    "cancellations.csv", List.of(cancellation("C-2", "O-2", "2026-11-11T09:00:00Z"))));
            // and the card report that came with it confirms 10 Nov's refund, 12 Nov's report reverses it
            nights.cardReport(NOV_11, "settlement_detail_report_batch_1.csv",
                    List.of(Nights.confirms("M-1", refundId("CANCEL:C-1"), "10.00")));
            RunOutcome lateOnItsOwn = nights.attempt(NOV_11);
            nights.drop(NOV_13, Map.of());
            nights.cardReport(NOV_13, "settlement_detail_report_batch_1.csv",
                    List.of(Nights.reverses("M-2", refundId("CANCEL:C-1"), "10.00")));
            RunOutcome carrying = nights.attempt(NOV_13);
            RunOutcome lateAfterwards = nights.attempt(NOV_11);

            assertThat(first.exitCode()).as(first.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(completed.get(1)).contains("no drop    2026-11-11: passed over");
            assertThat(page).contains("Dates without a drop: 1").contains("No complete drop had come for 2026-11-11");
            assertThat(unknownOrder).isEqualTo("REJECTED UNKNOWN_ORDER");
            assertThat(unknownOrdersDispute).isEqualTo("REJECTED UNKNOWN_ORDER");
            assertThat(lateOnItsOwn.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(lateOnItsOwn.message()).contains("2026-11-12 has already completed")
                    .contains("carried by the next run");

            assertThat(carrying.exitCode()).as(carrying.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(carrying.message()).contains("late drops 2026-11-11: carried by this run")
                    .contains("2026-11-11/orders.csv: 2");
            assertThat(nights.decision(NOV_13, "CANCEL:C-2")).isEqualTo("APPROVED");
            assertThat(nights.status("CANCEL:C-1")).as("the late report's confirmation read before the run's reversal")
                    .isEqualTo("FAILED");
            assertThat(nights.breaks(NOV_13)).isEmpty();
            assertThat(nights.decision(NOV_13, "CANCEL:C-3")).as("decided again now that its order came")
                    .isEqualTo("APPROVED");
            assertThat(nights.decision(NOV_13, "DISPUTE:D-6")).as("its paying amount kept, read in the order's currency")
                    .isEqualTo("APPROVED");
            assertThat(nights.jdbc().sql("SELECT amount_minor FROM refund WHERE refund_key = 'DISPUTE:D-6'")
                    .query(Long.class).single()).isEqualTo(1250L);
            assertThat(Files.readString(nights.reports(NOV_13).resolve("decisions.csv")))
                    .contains("CANCEL:C-2," + refundId("CANCEL:C-2") + ",O-2,CANCELLATION,APPROVED,,USD,20.00,20.00")
                    .contains("CANCEL:C-3," + refundId("CANCEL:C-3") + ",O-3,CANCELLATION,APPROVED,,USD,30.00,30.00");
            assertThat(cardFile(nights, NOV_13)).contains(refundId("CANCEL:C-2") + ",O-2,psp-O-2,USD,20.00,CANCELLATION")
                    .contains(refundId("CANCEL:C-3") + ",O-3,psp-O-3,USD,30.00,CANCELLATION");
            assertThat(Files.readString(nights.reports(NOV_13).resolve("manifest.csv")))
                    .contains("input,2026-11-11/orders.csv,").contains("input,2026-11-11/control.csv,")
                    .contains("input,2026-11-13/orders.csv,")
                    .contains("input,2026-11-11/processor/settlement_detail_report_batch_1.csv,")
                    .contains("output,2026-11-13/rejects/2026-11-11/orders.csv.rejects.csv,");
            assertThat(Files.readAllLines(nights.reports(NOV_13).resolve("rejects/2026-11-11/orders.csv.rejects.csv")))
                    .hasSize(3).anySatisfy(line -> assertThat(line).startsWith("5,").contains("items_amount"))
                    .anySatisfy(line -> assertThat(line).startsWith("6,changes fields fixed once an order is paid"));
            assertThat(nights.reports(NOV_13).resolve("rejects/orders.csv.rejects.csv")).doesNotExist();
            assertThat(nights.jdbc().sql("SELECT shipped_at IS NOT NULL FROM orders WHERE order_id = 'O-4'")
                    .query(Boolean.class).single()).as("the late row did not replace 12 Nov's").isTrue();
            assertThat(nights.jdbc().sql("SELECT items_minor FROM orders WHERE order_id = 'O-1'").query(Long.class)
                    .single()).isEqualTo(1000L);
            assertThat(runs(nights)).containsExactly("2026-11-10 COMPLETED", "2026-11-11 CARRIED by 2026-11-13",
                    "2026-11-12 COMPLETED", "2026-11-13 COMPLETED");
            assertThat(lateAfterwards.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(lateAfterwards.message()).contains("carried by the run for 2026-11-13");
        }
    }

    @Test
    void aLateDropThatFailsVerificationFailsTheCarryingRunUntilItIsMovedAwayAndIsCarriedWhenItComesBack()
            throws IOException {
        try (Nights nights = new Nights("late_unverified")) {
            nights.run(NOV_10, Map.of());
            nights.run(NOV_12, Map.of());
            Path late = nights.drop(NOV_11, cancelled("O-2", "C-2", NOV_11));
            Files.writeString(late.resolve("cancellations.csv"), "\n", java.nio.file.StandardOpenOption.APPEND);
            nights.drop(NOV_13, Map.of());

            RunOutcome failed = nights.catchUp(null, new ArrayList<>());
            Path awayFolder = Files.createTempDirectory("late-drop-away");
            Path away = awayFolder.resolve("2026-11-11");
            Files.move(late, away);
            RunOutcome without = nights.catchUp(null, new ArrayList<>());
            List<String> afterwards = runs(nights);
            Files.move(away, late);
            Files.delete(awayFolder);
            Drops.writeControl(late);
            nights.drop(NOV_14, Map.of());
            RunOutcome carrying = nights.catchUp(null, new ArrayList<>());

            assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
            assertThat(failed.message()).contains("the late drop of 2026-11-11, which this run carries, cannot be used")
                    .contains("move " + late.toAbsolutePath() + " out of the inbox");
            assertThat(without.exitCode()).as(without.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(afterwards).containsExactly("2026-11-10 COMPLETED", "2026-11-12 COMPLETED", "2026-11-13 COMPLETED");
            assertThat(carrying.exitCode()).as(carrying.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(nights.decision(NOV_14, "CANCEL:C-2")).isEqualTo("APPROVED");
            assertThat(runs(nights)).contains("2026-11-11 CARRIED by 2026-11-14");
        }
    }

    @Test
    void aDropOfADateBeforeTheFirstCompletedOneIsNeverCarried() {
        try (Nights nights = new Nights("late_before_first")) {
            nights.run(NOV_10, Map.of());
            nights.drop(NOV_08, cancelled("O-8", "C-8", NOV_08));
            nights.drop(NOV_11, Map.of());

            RunOutcome outcome = nights.catchUp(null, new ArrayList<>());
            RunOutcome early = nights.attempt(NOV_08);

            assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
            assertThat(runs(nights)).containsExactly("2026-11-10 COMPLETED", "2026-11-11 COMPLETED");
            assertThat(nights.jdbc().sql("SELECT count(*) FROM decision WHERE refund_key = 'CANCEL:C-8'")
                    .query(Long.class).single()).isZero();
            assertThat(early.exitCode()).isEqualTo(ExitCode.USAGE);
        }
    }

    private static Map<String, List<String>> cancelled(String orderId, String cancellationId, LocalDate date) {
        return Map.of("orders.csv", List.of(order(orderId, "10.00", "0.00")),
                "cancellations.csv", List.of(cancellation(cancellationId, orderId, date + "T09:00:00Z")));
    }

    /** O-4 shipped with tracking on 12 Nov. */
    private static String shipped(String id) {
        return String.join(",", id, "S-1", "B-1", "CARD", "psp-" + id, "USD", "40.00", "0.00", "2026-11-01T10:00:00Z",
                "2027-01-30T10:00:00Z", "2026-11-12T08:00:00Z", "TRACK-1", "", "false", "2027-03-01T00:00:00Z");
    }

    private static List<String> runs(Nights nights) {
        return nights.jdbc().sql("""
                SELECT business_date || ' ' || status || coalesce(' by ' || carried_by, '') FROM nightly_run ORDER BY 1
                """).query(String.class).list();
    }

    private static long executions(Nights nights) {
        return nights.jdbc().sql("SELECT count(*) FROM batch_job_execution").query(Long.class).single();
    }

    private static String cardFile(Nights nights, LocalDate date) throws IOException {
        try (Stream<Path> files = Files.list(nights.outbox().resolve(date.toString()))) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith("card-refunds-")
                    && f.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
            return Files.readString(file);
        }
    }
}
