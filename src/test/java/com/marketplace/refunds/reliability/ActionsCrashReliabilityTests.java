package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * kill -9 at every point of applying actions (docs/actions.md), then the same command again: each
 * approved action is applied exactly once, and the date ends as an uninterrupted run ends it, files,
 * reports and tables alike. The sample's first three dates leave two refunds FAILED; one is reissued
 * and the other marked paid outside, each requested by one person and approved by another, and
 * 2026-12-16 applies them.
 */
class ActionsCrashReliabilityTests {

    private static final List<String> FIRST_DATES = List.of("2026-11-23", "2026-11-24", "2026-11-25");
    private static final String ACTING_DATE = "2026-12-16";
    private static final String REISSUED = "RF-9D1E5BA706501EBCA860";
    private static final String PAID_OUTSIDE = "RF-DCEE4708623B970EE645";

    @TempDir
    static Path baseline;

    private static String beforeActions;
    private static Map<String, List<String>> baselineState;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        String database = TestDatabase.fresh("rel_actions_baseline");
        ChildRun child = new ChildRun(database);
        for (String date : FIRST_DATES) {
            assertCompleted(child.run(nightly(date, baseline)));
        }
        try (DatabaseSession db = DatabaseSession.open(database)) {
            db.strings("INSERT INTO person (name, role) VALUES ('alice', 'SUPPORT'), ('bob', 'FINANCE') RETURNING name");
            db.strings("SELECT request_action('alice', 'reissue', ?, NULL, NULL, 'the bank sent it back', NULL, NULL)::text",
                    REISSUED);
            db.strings("SELECT request_action('alice', 'paid-outside', ?, NULL, NULL, 'paid by transfer', NULL, "
                    + "'BT-42')::text", PAID_OUTSIDE);
            db.strings("SELECT decide_action('bob', request_id, true, 'checked') FROM action_request ORDER BY request_id");
        }
        beforeActions = TestDatabase.copyOf(database, "rel_actions_before");
        assertCompleted(child.run(nightly(ACTING_DATE, baseline)));
        try (DatabaseSession db = DatabaseSession.open(database)) {
            baselineState = db.businessState();
            assertThat(db.strings("SELECT status || ' ' || coalesce(new_refund_id, '-') FROM action_request ORDER BY request_id"))
                    .as("the uninterrupted run applies both").hasSize(2).allSatisfy(s -> assertThat(s).startsWith("APPLIED"));
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"applyActionsStep:settled-1", "applyActionsStep:settled-2", "applyActionsStep",
            "collectTriggersStep", "decideRefundsStep", "writeDecisionsReportStep"})
    void actionsKilledAtAnyPointAreAppliedOnceByTheSameCommand(String crashPoint, @TempDir Path work) throws Exception {
        String database = TestDatabase.copyOf(beforeActions, "rel_actions_killed_" + crashPoint.replace(':', '_'));
        ChildRun child = new ChildRun(database);

        child.killAt(crashPoint, nightly(ACTING_DATE, work));
        ChildRun.Result again = child.run(nightly(ACTING_DATE, work));

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(Folders.contents(work.resolve("outbox").resolve(ACTING_DATE))).as("settlement files, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("outbox").resolve(ACTING_DATE)));
        assertThat(Folders.contents(work.resolve("reports").resolve(ACTING_DATE))).as("reports, byte for byte")
                .isEqualTo(Folders.contents(baseline.resolve("reports").resolve(ACTING_DATE)))
                .containsKeys("actions.csv", "decisions.csv");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.businessState()).as("refunds, decisions, history, actions").isEqualTo(baselineState);
            assertThat(db.strings("SELECT count(*)::text FROM refund WHERE trigger_type = 'REISSUE'"))
                    .as("one reissue, never two").containsExactly("1");
            assertThat(db.strings("SELECT count(*)::text FROM refund_status_history WHERE to_status = 'PAID_OUTSIDE'"))
                    .containsExactly("1");
        }
    }

    private static void assertCompleted(ChildRun.Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static String[] nightly(String date, Path work) {
        return new String[] {"nightly", "--business-date=" + date, "--inbox=sample-data",
                "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports")};
    }
}
