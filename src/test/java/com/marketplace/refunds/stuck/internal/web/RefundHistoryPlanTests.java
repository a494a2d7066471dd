package com.marketplace.refunds.stuck.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * The status history is indexed by business date first (V28), so a night's rows go into its own end of
 * the index; the support site's refund page still finds one refund's rows through that index, a lookup
 * per date, never by reading the whole history.
 */
class RefundHistoryPlanTests {

    @Test
    void findsOneRefundsHistoryThroughTheIndexOfEveryDate() {
        try (SingleConnectionDataSource dataSource = TestDatabase.migrated("refund_history_plan")) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            // given sixty nights of history, a thousand refunds' rows a night, and one refund's rows on three of them
            jdbc.sql("""
                    INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, why)
                    SELECT 'RF-' || night || '-' || n, NULL, 'WAITING_REFUND', DATE '2027-01-01' + night, 'approved'
                      FROM generate_series(0, 59) night, generate_series(1, 1000) n
                    """).update();
            jdbc.sql("""
                    INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, why)
                    VALUES ('RF-X', NULL, 'WAITING_REFUND', '2027-01-05', 'approved'),
                           ('RF-X', 'WAITING_REFUND', 'REFUND_PROCESSING', '2027-01-06', 'sent'),
                           ('RF-X', 'REFUND_PROCESSING', 'REFUNDED', '2027-02-20', 'confirmed')
                    """).update();
            jdbc.sql("ANALYZE refund_status_history").update();

            // when the refund page asks for it
            List<String> rows = jdbc.sql(RefundDetails.HISTORY).param("refundId", "RF-X")
                    .query((row, n) -> row.getString("business_date") + " " + row.getString("to_status")).list();
            String plan = String.join("\n", jdbc.sql("EXPLAIN " + RefundDetails.HISTORY).param("refundId", "RF-X")
                    .query(String.class).list());

            // then
            assertThat(rows).containsExactly("2027-01-05 WAITING_REFUND", "2027-01-06 REFUND_PROCESSING",
                    "2027-02-20 REFUNDED");
            assertThat(plan).contains("refund_status_history_date_refund_idx on refund_status_history")
                    .doesNotContain("Seq Scan on refund_status_history");
        }
    }
}
