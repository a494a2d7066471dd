package com.marketplace.refunds.support;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Empties the business tables and the job repository between tests that share a database, and reads
 * what the money guards keep.
 */
public final class Databases {

    private Databases() {
    }

    /** A hot order's committed total (V25: in order_commitment, 0 before its first refund). */
    public static long committed(JdbcClient jdbc, String orderId) {
        return jdbc.sql("""
                SELECT coalesce(c.committed_minor, 0) FROM orders o
                  LEFT JOIN order_commitment c ON c.order_id = o.order_id WHERE o.order_id = :o
                """).param("o", orderId).query(Long.class).single();
    }

    public static void reset(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // replica mode skips the triggers that guard refunds and history in production
            statement.execute("SET session_replication_role = replica");
            statement.execute("""
                    TRUNCATE refund_status_change, approvals_recorded, settlement_claim, refund, settlement_file, decision, stuck_refund, step_done,
                             processor_report_line, reconciliation_outcome, reconciliation_break,
                             reconciliation_opening, stage_report_line, stage_transition, refund_trigger, orders,
                             order_commitment, nightly_run, stage_orders, stage_cancellations,
                             stage_dispute_resolutions, stage_store_blocks, stage_free_returns, stage_file,
                             stage_reject, event_delivery, open_refund, open_ship_deadline, archived_order, archived_refund, run_approvals, run_hold,
                             refund_approved_total,
                             batch_step_execution_context, batch_job_execution_context, batch_step_execution,
                             batch_job_execution_params, batch_job_execution, batch_job_instance
                    """);
            statement.execute("UPDATE settlement_sequence SET last_sequence = 0");
            statement.execute("UPDATE run_lock SET run_token = NULL, taken_at = NULL");
            statement.execute("SET session_replication_role = origin");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
