package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/**
 * kill -9 in a run that carries a late drop, then the same command again (the catch-up, as a
 * scheduler calls it): the date ends exactly as an uninterrupted carrying run ends it. The story:
 * 2026-11-22 (an empty drop) and the sample's 2026-11-24 complete while 2026-11-23's drop has not
 * come (11-24's events on its orders are UNKNOWN_ORDER, its reports' lines UNKNOWN_REFERENCE); then
 * 2026-11-23 arrives with 2026-11-25, whose run carries it: its orders, its events, the unknown-order
 * events decided again, all with 11-25's own. The same crash points as
 * {@link NightlyCrashReliabilityTests}; the settlement step's own (a file claimed, written,
 * published) do for a carrying run what they do for any run, and its crash tests kill them.
 */
class LateDropCrashReliabilityTests {

    private static final String CARRYING_DATE = "2026-11-25";

    @TempDir
    static Path baseline;

    private static String afterTheLateDate;
    private static Map<String, List<String>> baselineState;
    private static List<String> baselineRuns;

    @BeforeAll
    static void uninterruptedRun() throws IOException {
        String database = TestDatabase.fresh("rel_late_baseline");
        ChildRun child = new ChildRun(database);
        Path inbox = baseline.resolve("inbox");
        Drops.write(inbox, "2026-11-22", Map.of());
        copyDrop("2026-11-24", inbox);
        assertCompleted(child.run(catchUp(baseline)));
        afterTheLateDate = TestDatabase.copyOf(database, "rel_late_after_11_24");
        arrive(inbox);
        ChildRun.Result carrying = child.run(catchUp(baseline));
        assertCompleted(carrying);
        assertThat(carrying.output()).contains("late drops 2026-11-23: carried by this run");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            baselineState = db.businessState();
            baselineRuns = runs(db);
        }
        assertThat(baselineRuns).containsExactly("2026-11-22 COMPLETED", "2026-11-23 CARRIED 2026-11-25",
                "2026-11-24 COMPLETED", "2026-11-25 COMPLETED");
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"verifyDropStep", "load-orders.csv", "load-cancellations.csv",
            "load-dispute_resolutions.csv", "load-store_blocks.csv", "load-free_returns.csv", "checkDropStep", "mergeDropStep",
            "reconcileStep", "collectTriggersStep", "decideRefundsStep", "recordApprovalsStep", "flagStuckStep",
            "writeDecisionsReportStep", "writeReconciliationReportsStep", "writeStuckReportStep"})
    void aCarryingRunKilledAnywhereIsRecoveredByTheSameCommandAndEndsAsAnUninterruptedOne(String crashPoint,
                                                                                         @TempDir Path work)
            throws Exception {
        String database = TestDatabase.copyOf(afterTheLateDate, "rel_late_killed_at_" + crashPoint);
        ChildRun child = new ChildRun(database);
        Drops.write(work.resolve("inbox"), "2026-11-22", Map.of());
        copyDrop("2026-11-24", work.resolve("inbox"));
        arrive(work.resolve("inbox"));

        child.killAt(crashPoint, catchUp(work));
        ChildRun.Result again = child.run(catchUp(work));

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("died without finishing").contains("late drops 2026-11-23");
        assertThat(Folders.contents(work.resolve("outbox").resolve(CARRYING_DATE))).as("settlement files, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("outbox").resolve(CARRYING_DATE))).isNotEmpty();
        assertThat(Folders.contents(work.resolve("reports").resolve(CARRYING_DATE)))
                .as("decisions, rejects of both drops, reconciliation, manifest, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("reports").resolve(CARRYING_DATE)))
                .containsKeys("decisions.csv", "manifest.csv");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.businessState()).as("refunds, decisions, history, orders, files and sequences")
                    .isEqualTo(baselineState);
            assertThat(runs(db)).isEqualTo(baselineRuns);
            assertThat(db.unfinishedExecutions()).as("nothing left looking alive").isEmpty();
        }
    }

    /** 2026-11-23's drop comes late, with 2026-11-25's. */
    private static void arrive(Path inbox) {
        copyDrop("2026-11-23", inbox);
        copyDrop(CARRYING_DATE, inbox);
    }

    private static void copyDrop(String date, Path inbox) {
        Path from = Path.of("sample-data", date);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path to = inbox.resolve(date).resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                }
                else {
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> runs(DatabaseSession db) {
        return db.strings("SELECT business_date || ' ' || status || coalesce(' ' || carried_by, '') FROM nightly_run "
                + "ORDER BY business_date");
    }

    private static void assertCompleted(ChildRun.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String[] catchUp(Path work) {
        return new String[] {"nightly", "--inbox=" + work.resolve("inbox"), "--outbox=" + work.resolve("outbox"),
                "--reports=" + work.resolve("reports")};
    }
}
