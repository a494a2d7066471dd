package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

/**
 * kill -9 in each step of {@code nightlyRefundJob} (the settlement step has its own crash tests),
 * then the same command again: the dead run is recognised and recovered, and the date ends exactly
 * as an uninterrupted run ends it. Also: completed dates run again change nothing, and a date
 * before them is refused. Each crash hits 2026-11-24 (decisions of every kind, processor reports to
 * reconcile), in a copy of the database as the uninterrupted run left it after 2026-11-23.
 */
class NightlyCrashReliabilityTests {

    /** Every date of sample-data/, in order. */
    private static final List<String> DATES = sampleDates();
    private static final String CRASHED_DATE = "2026-11-24";
    private static final String NEXT_DATE = "2026-11-25";

    @TempDir
    static Path baseline;

    private static String baselineDatabase;
    private static String afterFirstDate;
    private static Map<String, List<String>> baselineStateAfterCrashedDate;
    private static Map<String, List<String>> baselineStateAfterNextDate;

    @BeforeAll
    static void uninterruptedRun() {
        baselineDatabase = TestDatabase.fresh("rel_nightly_baseline");
        ChildRun child = new ChildRun(baselineDatabase);
        assertThat(DATES).startsWith("2026-11-23", CRASHED_DATE, NEXT_DATE);
        assertCompleted(child.run(nightly(DATES.get(0), baseline)));
        afterFirstDate = TestDatabase.copyOf(baselineDatabase, "rel_nightly_after_first_date");
        assertCompleted(child.run(nightly(CRASHED_DATE, baseline)));
        try (DatabaseSession db = DatabaseSession.open(baselineDatabase)) {
            baselineStateAfterCrashedDate = db.businessState();
        }
        assertCompleted(child.run(nightly(NEXT_DATE, baseline)));
        try (DatabaseSession db = DatabaseSession.open(baselineDatabase)) {
            baselineStateAfterNextDate = db.businessState();
        }
        for (String date : DATES.subList(3, DATES.size())) {
            assertCompleted(child.run(nightly(date, baseline)));
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"verifyDropStep", "load-orders.csv", "load-cancellations.csv",
            "load-dispute_resolutions.csv", "load-store_blocks.csv", "load-free_returns.csv", "checkDropStep", "mergeDropStep",
            "reconcileStep", "collectTriggersStep", "decideRefundsStep", "recordApprovalsStep", "holdStep", "flagStuckStep",
            "writeDecisionsReportStep",
            "writeReconciliationReportsStep", "writeStuckReportStep"})
    void aRunKilledInAnyStepIsRecoveredByTheSameCommandAndEndsAsAnUninterruptedRun(String crashPoint,
                                                                                 @TempDir Path work) throws Exception {
        String database = TestDatabase.copyOf(afterFirstDate, "rel_nightly_killed_at_" + crashPoint);
        ChildRun child = new ChildRun(database);

        child.killAt(crashPoint, nightly(CRASHED_DATE, work));
        List<String> statusesOfTheDeadRun = statuses(database);
        ChildRun.Result again = child.run(nightly(CRASHED_DATE, work));

        assertThat(statusesOfTheDeadRun).as("the killed run still looks alive").containsExactly("STARTED", "RUNNING");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).as("the dead run was recognised as dead and recovered")
                .contains("died without finishing");
        assertThat(Folders.contents(work.resolve("outbox").resolve(CRASHED_DATE)))
                .as("settlement files, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("outbox").resolve(CRASHED_DATE)))
                .isNotEmpty();
        assertThat(Folders.contents(work.resolve("reports").resolve(CRASHED_DATE)))
                .as("decisions and rejects, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("reports").resolve(CRASHED_DATE)))
                .containsKey("decisions.csv");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.businessState()).as("refunds, decisions, history, orders, files and sequences")
                    .isEqualTo(baselineStateAfterCrashedDate);
            assertThat(db.executionStatuses(CRASHED_DATE)).as("the killed execution marked failed, then completed")
                    .containsExactly("FAILED", "COMPLETED");
            assertThat(db.unfinishedExecutions()).as("nothing left looking alive").isEmpty();
        }
    }

    /**
     * The decisions and refunds a part spools before copying them in (payment references among them)
     * are killed with the run: nothing of them stays in the temporary folder, which no restart reads
     * and nobody cleans, night after night of a dense drop.
     */
    @Test
    void aRunKilledWhileDecidingLeavesNothingItSpooledInTheTemporaryFolder(@TempDir Path work) throws Exception {
        String database = TestDatabase.copyOf(afterFirstDate, "rel_nightly_spools_of_killed_run");
        Path temporary = Files.createDirectories(work.resolve("tmp"));

        new ChildRun(database, "-Djava.io.tmpdir=" + temporary).killAt("decideRefundsStep", nightly(CRASHED_DATE, work));

        assertThat(Folders.everyFile(temporary).keySet()).as("files left in the run's temporary folder").isEmpty();
    }

    @Test
    void aRunStoppedBySigtermWhileReconcilingEndsAsAnUninterruptedRunWhenTheSameCommandCompletesIt(
            @TempDir Path work) throws Exception {
        String database = TestDatabase.copyOf(afterFirstDate, "rel_nightly_sigterm_reconciling");
        Path release = work.resolve("release");
        ChildRun.Result stopped;
        try (RunningChild running = new ChildRun(database)
                .pausedAt("reconcileStep", release, nightly(CRASHED_DATE, work));
             DatabaseSession db = DatabaseSession.open(database)) {
            running.sigterm();
            db.awaitLatestExecutionLeaves("STARTED", Duration.ofSeconds(30));
            ChildRun.release(release);
            stopped = running.awaitExit(ChildRun.RUN_LIMIT);
        }
        ChildRun.Result again = new ChildRun(database).run(nightly(CRASHED_DATE, work));

        assertThat(stopped.exitCode()).as(stopped.output()).isNotZero();
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(Folders.contents(work.resolve("reports").resolve(CRASHED_DATE)))
                .as("reconciliation reports, decisions and rejects, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("reports").resolve(CRASHED_DATE)));
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.businessState()).isEqualTo(baselineStateAfterCrashedDate);
        }
    }

    @Test
    void aDeadRunHoldsBackTheNextDateUntilTheSameCommandCompletesIt(@TempDir Path work) throws Exception {
        String database = TestDatabase.copyOf(afterFirstDate, "rel_nightly_dead_run_then_next_date");
        ChildRun child = new ChildRun(database);
        child.killAt("mergeDropStep", nightly(CRASHED_DATE, work));

        ChildRun.Result nextDate = child.run(nightly(NEXT_DATE, work));
        ChildRun.Result again = child.run(nightly(CRASHED_DATE, work));
        ChildRun.Result nextDateAgain = child.run(nightly(NEXT_DATE, work));

        assertThat(nextDate.exitCode()).as(nextDate.output()).isEqualTo(2);
        assertThat(nextDate.outcome()).as("names the date to run first")
                .contains("--business-date=" + CRASHED_DATE);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(nextDateAgain.exitCode()).as(nextDateAgain.output()).isZero();
        for (String date : List.of(CRASHED_DATE, NEXT_DATE)) {
            assertThat(Folders.contents(work.resolve("outbox").resolve(date))).as("outbox of " + date)
                    .isEqualTo(Folders.contents(baseline.resolve("outbox").resolve(date)));
            assertThat(Folders.contents(work.resolve("reports").resolve(date))).as("reports of " + date)
                    .isEqualTo(Folders.contents(baseline.resolve("reports").resolve(date)));
        }
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.businessState()).isEqualTo(baselineStateAfterNextDate);
            assertThat(db.unfinishedExecutions()).isEmpty();
        }
    }

    @Test
    void rerunningEveryCompletedDateSaysSoAndChangesNoFileAndNoTable() throws Exception {
        Map<String, List<String>> tablesBefore;
        try (DatabaseSession db = DatabaseSession.open(baselineDatabase)) {
            tablesBefore = db.everything();
        }
        Map<String, String> filesBefore = Folders.contents(baseline);
        Map<String, String> stampsBefore = Folders.stamps(baseline);
        ChildRun child = new ChildRun(baselineDatabase);

        for (String date : DATES) {
            ChildRun.Result again = child.run(nightly(date, baseline));

            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("The nightly run for " + date + " has already completed; nothing was done.");
        }

        try (DatabaseSession db = DatabaseSession.open(baselineDatabase)) {
            assertThat(db.everything()).as("every table, the job repository included").isEqualTo(tablesBefore);
        }
        assertThat(Folders.contents(baseline)).isEqualTo(filesBefore);
        assertThat(Folders.stamps(baseline)).as("no file written again").isEqualTo(stampsBefore);
    }

    @Test
    void aDropForADateBeforeTheCompletedOnesIsRefusedWithTwoAndChangesNothing(@TempDir Path inbox) throws Exception {
        Drops.write(inbox, "2026-11-22", Map.of("orders.csv", List.of("O-2201,S-1,B-1,CARD,psp-2201,USD,10.00,0.00,"
                + "2026-11-20T10:00:00Z,2026-11-21T10:00:00Z,,,,false,2027-01-01T00:00:00Z")));
        Map<String, List<String>> tablesBefore;
        try (DatabaseSession db = DatabaseSession.open(baselineDatabase)) {
            tablesBefore = db.everything();
        }
        Map<String, String> filesBefore = Folders.contents(baseline);

        ChildRun.Result refused = new ChildRun(baselineDatabase).run("nightly", "--business-date=2026-11-22",
                "--inbox=" + inbox, "--outbox=" + baseline.resolve("outbox"), "--reports=" + baseline.resolve("reports"));

        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.outcome()).as("names the date and the latest completed date")
                .contains("2026-11-22").contains(DATES.get(DATES.size() - 1));
        try (DatabaseSession db = DatabaseSession.open(baselineDatabase)) {
            assertThat(db.everything()).isEqualTo(tablesBefore);
        }
        assertThat(Folders.contents(baseline)).isEqualTo(filesBefore);
    }

    /** The job execution of the crashed date and its nightly_run row, as the killed process left them. */
    private static List<String> statuses(String database) {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            List<String> statuses = new ArrayList<>(db.executionStatuses(CRASHED_DATE));
            statuses.addAll(db.strings("SELECT status FROM nightly_run WHERE business_date = ?::date", CRASHED_DATE));
            return statuses;
        }
    }

    private static void assertCompleted(ChildRun.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static List<String> sampleDates() {
        try (Stream<Path> folders = Files.list(Path.of("sample-data"))) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString())
                    .filter(name -> name.matches("\\d{4}-\\d{2}-\\d{2}")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String[] nightly(String date, Path work) {
        return new String[] {"nightly", "--business-date=" + date, "--inbox=sample-data",
                "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports")};
    }
}
