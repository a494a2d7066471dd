package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Runs that meet: a second launch while a run is held at a pause point (so the overlap is
 * certain), and SIGTERM to a run in flight. Each test in a database of its own, on the first
 * sample date, compared with what an uninterrupted run gives.
 */
class ConcurrencyReliabilityTests {

    @TempDir
    Path work;

    @Test
    void aSecondRunForTheSameDateOrAnotherExitsThreeAtOnceAndChangesNothing() {
        String database = TestDatabase.fresh("rel_second_run");
        ChildRun child = new ChildRun(database);
        Path release = work.resolve("release");
        try (RunningChild first = child.pausedAt("decideRefundsStep", release, FirstSampleDate.nightly(work))) {
            Map<String, List<String>> before = everything(database);
            long started = System.nanoTime();

            Result sameDate = child.run(FirstSampleDate.nightly(work));
            Result otherDate = child.run("nightly", "--business-date=2026-11-24", "--inbox=sample-data",
                    "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports"));

            Duration bothSecondRuns = Duration.ofNanos(System.nanoTime() - started);
            Map<String, List<String>> after = everything(database);
            boolean firstStillHeld = first.isAlive();
            ChildRun.release(release);
            Result firstResult = first.awaitExit(ChildRun.RUN_LIMIT);

            for (Result second : List.of(sameDate, otherDate)) {
                assertThat(second.exitCode()).as(second.output()).isEqualTo(3);
                assertThat(second.outcome()).contains("another nightly run is in progress")
                        .contains("nothing was changed");
            }
            assertThat(after).as("every table, the job repository included, unchanged by the second runs")
                    .isEqualTo(before);
            assertThat(firstStillHeld).as("the second runs did not wait for the first").isTrue();
            assertThat(bothSecondRuns).as("at once: JVM start and a refusal, twice").isLessThan(Duration.ofSeconds(60));
            assertThat(work.resolve("reports").resolve("2026-11-24")).doesNotExist();
            assertThat(firstResult.exitCode()).as(firstResult.output()).isZero();
            try (DatabaseSession db = DatabaseSession.open(database)) {
                FirstSampleDate.assertEndedAsAnUninterruptedRun(db, work);
            }
        }
    }

    @ParameterizedTest(name = "SIGTERM while held at {0}")
    @ValueSource(strings = {"load-orders.csv", "settlement-claimed"})
    void sigtermStopsTheRunCleanlyAndTheSameCommandCompletesIt(String point) {
        sigtermScenario(point);
    }

    @Test
    void sigtermWhileDecidingStopsTheRunCleanlyAndTheSameCommandCompletesIt() {
        sigtermScenario("decideRefundsStep");
    }

    private void sigtermScenario(String point) {
        String database = TestDatabase.fresh("rel_sigterm_" + point);
        ChildRun child = new ChildRun(database);
        Path release = work.resolve("release");
        Result stopped;
        try (RunningChild running = child.pausedAt(point, release, FirstSampleDate.nightly(work));
             DatabaseSession db = DatabaseSession.open(database)) {
            running.sigterm();
            db.awaitLatestExecutionLeaves("STARTED", Duration.ofSeconds(30));
            ChildRun.release(release);
            stopped = running.awaitExit(ChildRun.RUN_LIMIT);

            assertThat(stopped.exitCode()).as(stopped.output()).isNotZero();
            assertThat(stopped.outcome()).contains(FirstSampleDate.DATE).contains("stopped");
            assertThat(db.unfinishedExecutions()).as("nothing left STARTED, STOPPING or UNKNOWN").isEmpty();
            assertThat(db.strings("SELECT status FROM nightly_run")).containsExactly("FAILED");
            FirstSampleDate.assertNothingHalfApplied(db, work);
        }

        Result again = child.run(FirstSampleDate.nightly(work));

        assertThat(again.exitCode()).as(again.output()).isZero();
        try (DatabaseSession db = DatabaseSession.open(database)) {
            FirstSampleDate.assertEndedAsAnUninterruptedRun(db, work);
        }
    }

    private static Map<String, List<String>> everything(String database) {
        try (DatabaseSession db = DatabaseSession.open(database)) {
            return db.everything();
        }
    }
}
