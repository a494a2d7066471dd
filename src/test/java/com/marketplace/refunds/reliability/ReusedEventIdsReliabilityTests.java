package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.dispute;
import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static com.marketplace.refunds.reliability.Rows.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * A cancellation, dispute or return id delivered on a later day for another order is a bad row
 * with why, whether its first delivery was decided finally or is still pending; the same event
 * delivered again for the same order is a normal re-delivery.
 */
class ReusedEventIdsReliabilityTests {

    private static final String FIRST = "2026-11-10";
    private static final String SECOND = "2026-11-11";
    private static final String THIRD = "2026-11-12";
    private static final String HEADER =
            "refund_key,refund_id,order_id,trigger,decision,reason,currency,amount_asked,amount_approved\n";

    @TempDir
    static Path work;

    private static String database;
    private static final List<Result> runs = new ArrayList<>();

    @BeforeAll
    static void runThreeNightsReusingIds() {
        new RawDrop()
                .lines("orders.csv", order("O-1", "USD", "10.00", "0.00", ""), order("O-2", "USD", "20.00", "0.00", ""),
                        order("O-3", "USD", "30.00", "0.00", ""), order("O-4", "USD", "40.00", "0.00", ""))
                .lines("cancellations.csv",
                        "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T10:30:00Z",          // approved
                        "C-2,O-3,2026-11-09T10:00:00Z,")                               // pending
                .lines("dispute_resolutions.csv", dispute("D-1", "O-2", "fine", "5.00", "PLATFORM_SELLER"))
                .lines("free_returns.csv", "R-1,O-4,2026-11-09T09:00:00Z,")              // not a free return
                .write(work.resolve("inbox"), FIRST);
        new RawDrop()
                .lines("cancellations.csv",
                        "C-1,O-2,2026-11-10T10:00:00Z,2026-11-10T10:30:00Z",          // 2 reused, was approved
                        "C-2,O-4,2026-11-10T10:00:00Z,2026-11-10T10:30:00Z",          // 3 reused, was pending
                        "C-5,O-2,2026-11-10T11:00:00Z,")                               // 4 new
                .lines("dispute_resolutions.csv",
                        dispute("D-1", "O-3", "other", "5.00", "SELLER_ACCEPTED"))     // 2 reused, was rejected
                .lines("free_returns.csv",
                        "R-1,O-4,2026-11-09T09:00:00Z,2026-11-10T09:00:00Z",           // 2 re-delivered, same order
                        "R-2,O-1,2026-11-10T09:00:00Z,")                               // 3 new
                .write(work.resolve("inbox"), SECOND);
        new RawDrop()
                .lines("cancellations.csv", "C-2,O-3,2026-11-09T10:00:00Z,2026-11-11T08:00:00Z") // re-delivered
                .write(work.resolve("inbox"), THIRD);
        database = TestDatabase.fresh("rel_reused_event_ids");
        ChildRun child = new ChildRun(database);
        for (String date : List.of(FIRST, SECOND, THIRD)) {
            runs.add(child.run(nightly(work, date)));
        }
    }

    @Test
    void everyNightCompletes() {
        assertThat(runs).allSatisfy(run -> assertThat(run.exitCode()).as(run.output()).isZero());
    }

    @Test
    void anIdDeliveredEarlierForAnotherOrderIsABadRowSayingWhy() {
        assertThat(rejects(SECOND, "cancellations.csv")).containsExactly(
                "2 cancellation_id was delivered for another order on " + FIRST
                        + "; an id names one event of one order, ask upstream for a new id",
                "3 cancellation_id was delivered for another order on " + FIRST
                        + "; an id names one event of one order, ask upstream for a new id");
        assertThat(rejects(SECOND, "dispute_resolutions.csv")).containsExactly(
                "2 dispute_id was delivered for another order on " + FIRST
                        + "; an id names one event of one order, ask upstream for a new id");
        assertThat(reports(SECOND).resolve("rejects").resolve("free_returns.csv.rejects.csv"))
                .as("the same return again for its order is a re-delivery").doesNotExist();
    }

    @Test
    void aReusedIdIsNeverDecidedForTheOtherOrder() {
        assertThat(Folders.read(reports(SECOND).resolve("decisions.csv"))).isEqualTo(HEADER
                + "RETURN:R-2,,O-1,FREE_RETURN,REJECTED,NOT_FREE_RETURN,USD,,\n"
                + "CANCEL:C-5,,O-2,CANCELLATION,PENDING,AWAITING_SELLER_CONFIRMATION,USD,,\n");
        assertThat(Folders.read(reports(THIRD).resolve("decisions.csv"))).as("the pending event, for its own order")
                .isEqualTo(HEADER + "CANCEL:C-2," + refundId("CANCEL:C-2") + ",O-3,CANCELLATION,APPROVED,,USD,30.00,30.00\n");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT refund_key || ' ' || order_id || ' ' || amount_minor FROM refund ORDER BY 1"))
                    .containsExactly("CANCEL:C-1 O-1 1000", "CANCEL:C-2 O-3 3000");
        }
    }

    private static Path reports(String date) {
        return work.resolve("reports").resolve(date);
    }

    /** "line reason" of each row of a rejects file. */
    private static List<String> rejects(String date, String extract) {
        List<String[]> rows = new ArrayList<>(Folders.csv(reports(date).resolve("rejects").resolve(extract + ".rejects.csv")));
        assertThat(rows.remove(0)).containsExactly("line", "reason", "raw");
        return rows.stream().map(row -> row[0] + " " + row[1]).toList();
    }
}
