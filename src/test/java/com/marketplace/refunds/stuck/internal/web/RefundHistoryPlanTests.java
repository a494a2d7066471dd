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
 * per date, never by reading the whole history. Since V38 a night's approvals are shown from their
 * decisions, and since V39 a file's sendings from its claim: the page reaches a refund's approval through
 * its key and its sending through the file it names, never by reading the decisions or the refunds.
 */
class RefundHistoryPlanTests {

    @Test
    void findsOneRefundsHistoryThroughTheIndexOfEveryDate() {
        try (SingleConnectionDataSource dataSource = TestDatabase.migrated("refund_history_plan")) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            // given sixty nights of history, a thousand refunds' rows a night, and one refund's rows on three of them
            jdbc.sql("""
                    INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, why)
                    SELECT 'RF-' || night || '-' || n, NULL, 'WAITING_REFUND', DATE '2027-01-01' + night, 'approved'
                      FROM generate_series(0, 59) night, generate_series(1, 1000) n
                    """).update();
            jdbc.sql("""
                    INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, why)
                    VALUES ('RF-X', NULL, 'WAITING_REFUND', '2027-01-05', 'approved'),
                           ('RF-X', 'WAITING_REFUND', 'REFUND_PROCESSING', '2027-01-06', 'sent'),
                           ('RF-X', 'REFUND_PROCESSING', 'REFUNDED', '2027-02-20', 'confirmed')
                    """).update();
            jdbc.sql("ANALYZE refund_status_change").update();

            // when the refund page asks for it
            List<String> rows = jdbc.sql(RefundDetails.HISTORY).param("refundId", "RF-X")
                    .query((row, n) -> row.getString("business_date") + " " + row.getString("to_status")).list();
            String plan = String.join("\n", jdbc.sql("EXPLAIN " + RefundDetails.HISTORY).param("refundId", "RF-X")
                    .query(String.class).list());

            // then
            assertThat(rows).containsExactly("2027-01-05 WAITING_REFUND", "2027-01-06 REFUND_PROCESSING",
                    "2027-02-20 REFUNDED");
            assertThat(plan).contains("refund_status_history_date_refund_idx on refund_status_change")
                    .doesNotContain("Seq Scan on refund_status_change");
        }
    }

    @Test
    void findsARefundsApprovalThroughItsDecisionsKeyAndItsSendingThroughItsFile() {
        try (SingleConnectionDataSource dataSource = TestDatabase.migrated("refund_history_plan_derived")) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            // given sixty nights of a thousand approvals each and a file a night, recorded as the nights record
            // them (V38, V39), one of them RF-Y's, which was then confirmed, and whose refund is now archived
            jdbc.sql("""
                    INSERT INTO decision (business_date, seq, refund_key, refund_id, order_id, trigger_type, decision,
                           currency, amount_asked_minor, amount_approved_minor)
                    SELECT DATE '2027-01-01' + night, n, 'CANCEL:C-' || night || '-' || n,
                           CASE WHEN night = 4 AND n = 7 THEN 'RF-Y' ELSE 'RF-' || night || '-' || n END,
                           'O-' || night || '-' || n, 'CANCELLATION', 'APPROVED', 'USD', 100, 100
                      FROM generate_series(0, 59) night, generate_series(1, 1000) n
                    """).update();
            jdbc.sql("""
                    INSERT INTO approvals_recorded (business_date, history_id, job_execution_id, changed_at)
                    SELECT DATE '2027-01-01' + night, nextval(pg_get_serial_sequence('refund_status_change', 'id')),
                           100 + night, TIMESTAMPTZ '2027-01-01 02:00Z' + night * interval '1 day'
                      FROM generate_series(0, 59) night ORDER BY night
                    """).update();
            jdbc.sql("""
                    INSERT INTO settlement_claim (file_name, business_date, history_id, job_execution_id, changed_at)
                    SELECT 'card-' || night || '.csv', DATE '2027-01-01' + night,
                           nextval(pg_get_serial_sequence('refund_status_change', 'id')), 100 + night,
                           TIMESTAMPTZ '2027-01-01 02:01Z' + night * interval '1 day'
                      FROM generate_series(0, 59) night ORDER BY night
                    """).update();
            jdbc.sql("""
                    INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, job_execution_id, why)
                    VALUES ('RF-Y', 'REFUND_PROCESSING', 'REFUNDED', '2027-02-20', 150, 'confirmed')
                    """).update();
            jdbc.sql("""
                    INSERT INTO archived_refund (refund_key, refund_id, order_id, trigger_type, payment_method,
                           payment_reference, currency, amount_minor, status, approved_on, status_changed_on,
                           settlement_file, archived_on)
                    VALUES ('CANCEL:C-4-7', 'RF-Y', 'O-4-7', 'CANCELLATION', 'CARD', 'psp_1', 'USD', 100, 'REFUNDED',
                            '2027-01-05', '2027-02-20', 'card-4.csv', '2027-04-01')
                    """).update();
            jdbc.sql("ANALYZE decision").update();
            jdbc.sql("ANALYZE settlement_claim").update();
            jdbc.sql("ANALYZE refund_status_change").update();

            // when the refund page asks for it
            List<String> rows = jdbc.sql(RefundDetails.HISTORY).param("refundId", "RF-Y")
                    .query((row, n) -> row.getString("business_date") + " " + row.getString("from_status") + " "
                            + row.getString("to_status") + " " + row.getLong("job_execution_id") + " " + row.getString("why"))
                    .list();
            String plan = String.join("\n", jdbc.sql("EXPLAIN " + RefundDetails.HISTORY).param("refundId", "RF-Y")
                    .query(String.class).list());

            // then its approval first, as the night that decided it used to write it, then its sending, then the rest
            assertThat(rows).containsExactly("2027-01-05 null WAITING_REFUND 104 APPROVED CANCELLATION CANCEL:C-4-7",
                    "2027-01-05 WAITING_REFUND REFUND_PROCESSING 104 sent in card-4.csv",
                    "2027-02-20 REFUND_PROCESSING REFUNDED 150 confirmed");
            assertThat(plan).contains("decision_final_once on decision").doesNotContain("Seq Scan on decision")
                    .contains("archived_refund_refund_id_key on archived_refund")
                    .doesNotContain("Seq Scan on archived_refund").doesNotContain("Seq Scan on refund ");
        }
    }
}
