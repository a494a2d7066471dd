package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The record of delivered event ids behind "an id reused for another order is a bad row": filled
 * from the decisions of the events delivered before it existed, and looked up for the ids of one
 * drop only, by primary key, however long the history.
 */
class EventDeliveryIntegrationTests {

    @Test
    void startsWithTheEventsDecidedBeforeItExisted() {
        try (SingleConnectionDataSource dataSource = database("event_delivery_backfill")) {
            // given a database as it was before the record existed, with decisions of every kind
            flyway(dataSource).target("8").load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            decision(jdbc, "2026-11-10", 1, "CANCEL:C-1", "O-1", "CANCELLATION");
            decision(jdbc, "2026-11-11", 1, "CANCEL:C-1", "O-1", "CANCELLATION");
            decision(jdbc, "2026-11-11", 2, "DISPUTE:D-1", "O-2", "DISPUTE");
            decision(jdbc, "2026-11-12", 1, "RETURN:R-1", "O-3", "FREE_RETURN");
            decision(jdbc, "2026-11-12", 2, "AUTOCANCEL:O-4", "O-4", "AUTO_CANCELLATION");
            decision(jdbc, "2026-11-12", 3, "FRAUD:S-1:O-5", "O-5", "FRAUD_BLOCK");
            // when
            flyway(dataSource).load().migrate();
            // then
            assertThat(jdbc.sql("""
                    SELECT extract || ' ' || event_id || ' ' || order_id || ' ' || first_delivered_on
                      FROM event_delivery ORDER BY 1
                    """).query(String.class).list()).containsExactly(
                    "CANCELLATIONS C-1 O-1 2026-11-10",
                    "DISPUTE_RESOLUTIONS D-1 O-2 2026-11-11",
                    "FREE_RETURNS R-1 O-3 2026-11-12");
        }
    }

    @Test
    void looksUpTheIdsOfOneDropByPrimaryKeyNeverScanningTheHistory() {
        try (SingleConnectionDataSource dataSource = database("event_delivery_lookup")) {
            // given a long history and a big drop, with fresh statistics (a join would hash the whole history)
            flyway(dataSource).load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("""
                    INSERT INTO event_delivery (extract, event_id, order_id, first_delivered_on)
                    SELECT 'CANCELLATIONS', 'C-' || n, 'O-' || n, DATE '2026-01-01' + (n % 300)
                      FROM generate_series(1, 300000) n
                    """).update();
            jdbc.sql("""
                    INSERT INTO stage_cancellations (drop_date, line_no, cancellation_id, order_id, requested_at)
                    SELECT DATE '2026-12-01', n + 1, 'C-' || (n * 3), 'O-' || n, now() FROM generate_series(1, 100000) n
                    """).update();
            jdbc.sql("ANALYZE event_delivery").update();
            jdbc.sql("ANALYZE stage_cancellations").update();
            // when
            List<String> plan = jdbc.sql("EXPLAIN " + CrossRowChecks.reusedEventIds(Extract.CANCELLATIONS))
                    .param("file", "cancellations.csv").param("extract", "CANCELLATIONS")
                    .param("businessDate", LocalDate.parse("2026-12-01")).query(String.class).list();
            // then
            assertThat(String.join("\n", plan)).contains("Index Scan using event_delivery_pkey on event_delivery")
                    .doesNotContain("Seq Scan on event_delivery", "Bitmap Heap Scan on event_delivery");
        }
    }

    private static SingleConnectionDataSource database(String name) {
        return new SingleConnectionDataSource(TestDatabase.fresh(name), TestDatabase.USER, "", true);
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(SingleConnectionDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }

    private static void decision(JdbcClient jdbc, String date, int seq, String key, String orderId, String trigger) {
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, order_id, trigger_type, decision, reason)
                VALUES (:date, :seq, :key, :orderId, :trigger, 'PENDING', 'AWAITING_RETURN')
                """).param("date", LocalDate.parse(date)).param("seq", seq).param("key", key)
                .param("orderId", orderId).param("trigger", trigger).update();
    }
}
