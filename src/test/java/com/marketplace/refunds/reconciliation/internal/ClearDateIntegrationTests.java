package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * The clearing each reconciliation starts with reads only its own date, however long the history of
 * processor events and report lines: by each table's index on the date, never a scan of the table.
 */
class ClearDateIntegrationTests {

    @Test
    void clearsTheDateThroughItsIndexNeverScanningTheHistory() {
        try (SingleConnectionDataSource dataSource = TestDatabase.migrated("reconcile_clear_date")) {
            // given three hundred nights of processor events and report lines, with fresh statistics
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("""
                    INSERT INTO processor_event (payment_method, event_key, business_date, read_seq, report_file, line_no)
                    SELECT 'CARD', md5(n::text)::uuid, DATE '2026-01-01' + (n % 300), n, 'card-report.csv', n
                      FROM generate_series(1, 300000) n
                    """).update();
            jdbc.sql("""
                    INSERT INTO processor_report_line (business_date, payment_method, report_file, line_no, refund_id,
                           kind, currency, amount)
                    SELECT DATE '2026-01-01' + (n % 300), 'CARD', 'card-report.csv', n, 'R-' || n, 'CONFIRMED',
                           'EUR', '1.00'
                      FROM generate_series(1, 300000) n
                    """).update();
            jdbc.sql("ANALYZE processor_event").update();
            jdbc.sql("ANALYZE processor_report_line").update();
            for (String clear : ReconcileTasklet.CLEAR_DATE) {
                // when
                String plan = String.join("\n", jdbc.sql("EXPLAIN " + clear)
                        .param("d", LocalDate.parse("2026-10-28")).query(String.class).list());
                // then
                assertThat(plan).as(clear).doesNotContain("Seq Scan");
            }
        }
    }
}
