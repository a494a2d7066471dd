package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Dates in order, as the scheduler meets them: a complete drop that arrived for an earlier date is
 * never skipped by naming a later one. The real command line in a child JVM, its exit codes.
 */
class RunOrderReliabilityTests {

    private static final String ORDER = "O-1,S-1,B-1,CARD,psp_1,USD,10.00,0.00,2026-11-01T10:00:00Z,"
            + "2026-12-30T10:00:00Z,,,,false,2027-01-01T00:00:00Z";
    private static final String CANCELLATION = "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T12:00:00Z";

    @TempDir
    Path work;

    @Test
    void aLaterDateIsRefusedWithTwoWhileAnEarlierCompleteDropWaitsAndTheWaitingDateIsNotSkipped() {
        String database = TestDatabase.fresh("rel_run_order");
        ChildRun child = new ChildRun(database);
        Drops.write(work.resolve("inbox"), "2026-11-10", Map.of("orders.csv", List.of(ORDER)));
        Result first = child.run(nightly("2026-11-10"));
        Drops.write(work.resolve("inbox"), "2026-11-11", Map.of("cancellations.csv", List.of(CANCELLATION)));
        Drops.write(work.resolve("inbox"), "2026-11-12", Map.of());

        Result skipping = child.run(nightly("2026-11-12"));
        List<String> recordedAfterRefusal;
        try (DatabaseSession db = DatabaseSession.open(database)) {
            recordedAfterRefusal = db.strings("SELECT business_date || ' ' || status FROM nightly_run ORDER BY 1");
        }
        boolean reportsAfterRefusal = work.resolve("reports").resolve("2026-11-12").toFile().exists();
        Result waiting = child.run(nightly("2026-11-11"));
        Result next = child.run(nightly("2026-11-12"));

        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(skipping.exitCode()).as(skipping.output()).isEqualTo(2);
        assertThat(skipping.outcome()).contains("2026-11-12").contains("2026-11-11 has a complete drop waiting")
                .contains("run it first, or run `").contains(" nightly` to catch up");
        assertThat(recordedAfterRefusal).as("the refused date left no trace").containsExactly("2026-11-10 COMPLETED");
        assertThat(reportsAfterRefusal).as("no reports for the refused date").isFalse();
        assertThat(waiting.exitCode()).as(waiting.output()).isZero();
        assertThat(next.exitCode()).as(next.output()).isZero();
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT refund_key || ' ' || status FROM refund"))
                    .as("the waiting date's cancellation became a refund").containsExactly("CANCEL:C-1 REFUND_PROCESSING");
        }
    }

    private String[] nightly(String date) {
        return new String[] {"nightly", "--business-date=" + date, "--inbox=" + work.resolve("inbox"),
                "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports")};
    }
}
