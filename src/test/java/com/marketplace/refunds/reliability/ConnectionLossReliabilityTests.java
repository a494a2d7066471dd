package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

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
 * The database connection lost in the middle of a run: every session of the child terminated with
 * pg_terminate_backend while the run is held at a pause point, then the run let go. It must fail
 * with one clear line, leave nothing half-applied, and a later run must complete the date as an
 * uninterrupted run does. Also: losing only the session that holds the run lock must not let a
 * second run in.
 */
class ConnectionLossReliabilityTests {

    @TempDir
    Path work;

    @Test
    void connectionsLostBetweenTransactionsFailTheRunClearlyAndALaterRunCompletesIt() {
        connectionLossScenario("settlement-claimed");
    }

    @ParameterizedTest(name = "connections lost while held at {0}")
    @ValueSource(strings = {"checkDropStep", "mergeDropStep", "decideRefundsStep"})
    void connectionsLostInsideAStepTransactionFailTheRunClearlyAndALaterRunCompletesIt(String point) {
        connectionLossScenario(point);
    }

    @Test
    void aRunThatLostTheSessionHoldingItsLockStillKeepsASecondRunOut() {
        String database = TestDatabase.fresh("rel_lock_session_lost");
        ChildRun child = new ChildRun(database);
        Path release = work.resolve("release");
        try (RunningChild first = child.pausedAt("decideRefundsStep", release, FirstSampleDate.nightly(work));
             DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(TestDatabase.cutOffLockHolder(database)).as("the lock's session terminated").isEqualTo(1);

            Optional<Result> second;
            long executionsWhileSecondRan;
            try (RunningChild secondRun = child.start(FirstSampleDate.nightly(work))) {
                second = secondRun.exitWithin(Duration.ofSeconds(30));
                executionsWhileSecondRan = db.count("SELECT count(*) FROM batch_job_execution");
            }
            ChildRun.release(release);
            first.awaitExit(ChildRun.RUN_LIMIT);

            assertThat(second).as("the second run exits at once instead of running beside the first").isPresent();
            assertThat(second.get().exitCode()).as(second.get().output()).isEqualTo(3);
            assertThat(executionsWhileSecondRan).as("no execution started by the second run").isEqualTo(1);
        }

        Result again = child.run(FirstSampleDate.nightly(work));

        assertThat(again.exitCode()).as(again.output()).isZero();
        try (DatabaseSession db = DatabaseSession.open(database)) {
            FirstSampleDate.assertEndedAsAnUninterruptedRun(db, work);
        }
    }

    private void connectionLossScenario(String point) {
        String database = TestDatabase.fresh("rel_connection_lost_" + point);
        ChildRun child = new ChildRun(database);
        Path release = work.resolve("release");
        Result failed;
        try (RunningChild running = child.pausedAt(point, release, FirstSampleDate.nightly(work))) {
            assertThat(TestDatabase.cutOff(database)).as("sessions of the child terminated").isPositive();
            ChildRun.release(release);
            failed = running.awaitExit(ChildRun.RUN_LIMIT);
        }

        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
        assertThat(failed.outcome()).as("one clear line, no stack trace")
                .containsIgnoringCase("database")
                .doesNotContain("\tat ", "Caused by", "Exception:");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            FirstSampleDate.assertNothingHalfApplied(db, work);
        }

        Result again = child.run(FirstSampleDate.nightly(work));

        assertThat(again.exitCode()).as(again.output()).isZero();
        try (DatabaseSession db = DatabaseSession.open(database)) {
            FirstSampleDate.assertEndedAsAnUninterruptedRun(db, work);
        }
    }
}
