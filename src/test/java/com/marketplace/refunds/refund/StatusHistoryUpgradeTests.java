package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * V38 keeps a night's approvals in its decisions, V39 a file's sendings in its claim, and
 * refund_status_history, now a view, shows them. A database upgraded to them shows every row it held
 * before, once, and the nights after them the same way a night used to write them; whoever could read
 * the history before can read it still.
 */
class StatusHistoryUpgradeTests {

    private static final String READER = TestDatabase.nameFor("history_reader");

    private static final String HISTORY = """
            SELECT business_date || ' ' || coalesce(from_status, '-') || ' > ' || to_status || ' run ' || job_execution_id
                   || ' ' || why || ' (' || kept_in || ')'
              FROM refund_status_history ORDER BY id, refund_id COLLATE "C"
            """;

    @Test
    void showsTheHistoryKeptBeforeOnceAndTheApprovalsAfterFromTheirDecisions() {
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                TestDatabase.fresh("status_history_upgrade"), TestDatabase.USER, "", true)) {
            // given a database before V38 with a night approved, recorded and sent as that version did it,
            // and a role that reads the history
            flyway(dataSource).target("37").load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            approval(jdbc, "2026-11-10", 1, "CANCEL:C-1", "RF-1");
            approval(jdbc, "2026-11-10", 2, "CANCEL:C-2", "RF-2");
            jdbc.sql("""
                    INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, job_execution_id, why)
                    SELECT refund_id, NULL, 'WAITING_REFUND', business_date, 1, decision || ' ' || trigger_type || ' ' || refund_key
                      FROM decision ORDER BY refund_id
                    """).update();
            jdbc.sql("""
                    INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, job_execution_id, why)
                    VALUES ('RF-1', 'WAITING_REFUND', 'REFUND_PROCESSING', '2026-11-10', 1, 'sent in card-1.csv')
                    """).update();
            archived("RF-1", "CANCEL:C-1", "card-1.csv", jdbc);
            archived("RF-3", "CANCEL:C-3", "card-2.csv", jdbc);
            TestDatabase.madeRole(READER);
            jdbc.sql("DO $$ BEGIN CREATE ROLE " + READER + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")
                    .update();
            jdbc.sql("GRANT SELECT ON refund_status_history TO " + READER).update();

            // when it is upgraded, then a night decides, records its approvals and claims its file as this version
            // does (its refund archived since, as the first night's)
            flyway(dataSource).load().migrate();
            approval(jdbc, "2026-11-11", 1, "CANCEL:C-3", "RF-3");
            jdbc.sql("""
                    INSERT INTO decision (business_date, seq, refund_key, order_id, trigger_type, decision, reason)
                    VALUES ('2026-11-11', 2, 'CANCEL:C-4', 'O-4', 'CANCELLATION', 'REJECTED', 'UNKNOWN_ORDER')
                    """).update();
            jdbc.sql("""
                    INSERT INTO approvals_recorded (business_date, history_id, job_execution_id)
                    VALUES ('2026-11-11', nextval(pg_get_serial_sequence('refund_status_change', 'id')), 2)
                    """).update();
            jdbc.sql("""
                    INSERT INTO settlement_claim (file_name, business_date, history_id, job_execution_id)
                    VALUES ('card-2.csv', '2026-11-11', nextval(pg_get_serial_sequence('refund_status_change', 'id')), 2)
                    """).update();

            // then
            assertThat(jdbc.sql(HISTORY).query(String.class).list()).containsExactly(
                    "2026-11-10 - > WAITING_REFUND run 1 APPROVED CANCELLATION CANCEL:C-1 (refund_status_change)",
                    "2026-11-10 - > WAITING_REFUND run 1 APPROVED CANCELLATION CANCEL:C-2 (refund_status_change)",
                    "2026-11-10 WAITING_REFUND > REFUND_PROCESSING run 1 sent in card-1.csv (refund_status_change)",
                    "2026-11-11 - > WAITING_REFUND run 2 APPROVED CANCELLATION CANCEL:C-3 (decision)",
                    "2026-11-11 WAITING_REFUND > REFUND_PROCESSING run 2 sent in card-2.csv (settlement_claim)");
            assertThat(jdbc.sql("SELECT has_table_privilege(:role, 'refund_status_history', 'SELECT')")
                    .param("role", READER).query(Boolean.class).single()).as("the reader reads the view").isTrue();
        }
    }

    private static void approval(JdbcClient jdbc, String date, int seq, String key, String refundId) {
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, refund_id, order_id, trigger_type, decision,
                       currency, amount_asked_minor, amount_approved_minor)
                VALUES (CAST(:d AS date), :seq, :key, :id, 'O-' || :seq, 'CANCELLATION', 'APPROVED', 'USD', 100, 100)
                """).param("d", date).param("seq", seq).param("key", key).param("id", refundId).update();
    }

    private static void archived(String refundId, String key, String file, JdbcClient jdbc) {
        jdbc.sql("""
                INSERT INTO archived_refund (refund_key, refund_id, order_id, trigger_type, payment_method,
                       payment_reference, currency, amount_minor, status, approved_on, status_changed_on,
                       settlement_file, archived_on)
                VALUES (:key, :id, 'O-1', 'CANCELLATION', 'CARD', 'psp_1', 'USD', 100, 'REFUNDED',
                        '2026-11-10', '2026-11-12', :file, '2027-01-01')
                """).param("key", key).param("id", refundId).param("file", file).update();
    }

    private static FluentConfiguration flyway(SingleConnectionDataSource dataSource) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration");
    }
}
