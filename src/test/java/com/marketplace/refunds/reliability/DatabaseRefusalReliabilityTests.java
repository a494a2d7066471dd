package com.marketplace.refunds.reliability;

import static com.marketplace.refunds.reliability.Rows.nightly;
import static com.marketplace.refunds.reliability.Rows.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Should PostgreSQL ever refuse a value that the row checks let through, the run fails naming the
 * step and the SQLSTATE, never the value: PostgreSQL's own message would quote the failing row (a
 * tracking number may be a card number) in stderr, the log and nightly_run. The refusal is staged
 * here with a constraint the product does not have.
 */
class DatabaseRefusalReliabilityTests {

    private static final String CARD = "4111111111111111";

    @Test
    void aValueTheDatabaseRefusesFailsTheRunWithoutQuotingTheRow(@TempDir Path work) {
        new RawDrop().lines("orders.csv", order("O-1", "USD", "10.00", "0.00", "")).write(work.resolve("inbox"), "2026-11-10");
        new RawDrop().lines("orders.csv", order("O-9", "USD", "10.00", "0.00", CARD)).write(work.resolve("inbox"), "2026-11-11");
        String database = TestDatabase.fresh("rel_database_refusal");
        ChildRun child = new ChildRun(database);
        Result migrated = child.run(nightly(work, "2026-11-10"));
        try (DatabaseSession db = DatabaseSession.open(database)) {
            // a check constraint the product does not have: the database refuses this order, whatever the row checks said
            db.execute("ALTER TABLE orders ADD CONSTRAINT staged_refusal CHECK (order_id <> 'O-9')");
        }

        Result refused = child.run(nightly(work, "2026-11-11"));

        assertThat(migrated.exitCode()).as(migrated.output()).isZero();
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).as("the console and the log").doesNotContain(CARD, "psp-O-9", "Failing row");
        assertThat(refused.outcome()).contains("mergeDropStep", "SQLSTATE 23514");
        try (DatabaseSession db = DatabaseSession.open(database)) {
            assertThat(db.strings("SELECT message FROM nightly_run WHERE business_date = '2026-11-11'"))
                    .singleElement().asString().contains("SQLSTATE 23514").doesNotContain(CARD, "psp-O-9");
            assertThat(db.strings("SELECT exit_message FROM batch_step_execution")).as("the job repository")
                    .allSatisfy(message -> assertThat(message).doesNotContain(CARD, "psp-O-9"));
        }
    }
}
