package com.marketplace.refunds.settlement.internal;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Row;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Rows;
import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Written;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.shared.RefundStatus;

/** The settlement files as the database knows them: claims, their refunds in file order, publication. */
final class SettlementLedger {

    record Claim(PaymentMethod method, LocalDate businessDate, int sequence, String fileName, boolean published) {
    }

    private static final String CLAIM_OF_DAY = """
            SELECT sequence, file_name, status = 'PUBLISHED' AS published
              FROM settlement_file WHERE payment_method = :method AND business_date = :businessDate
            """;

    private static final String NEXT_SEQUENCE = """
            UPDATE settlement_sequence SET last_sequence = last_sequence + 1 WHERE payment_method = :method
            RETURNING last_sequence
            """;

    private static final String CLAIM_FILE = """
            INSERT INTO settlement_file (payment_method, sequence, business_date, file_name, status)
            VALUES (:method, :sequence, :businessDate, :fileName, 'CLAIMED')
            """;

    /**
     * The waiting refunds of the method, found in open_refund and each reached by key, in order_id
     * order: the order in which a night's refunds lie in refund, so consecutive ones share pages.
     */
    private static final String CLAIM_REFUNDS = """
            WITH sent AS (
                UPDATE refund r SET status = %2$s, settlement_file = :fileName,
                       status_changed_on = :businessDate
                  FROM (SELECT refund_id FROM open_refund
                         WHERE status = %1$s AND payment_method = :method
                         ORDER BY order_id, refund_id) x
                 WHERE r.refund_id = x.refund_id AND r.status = %1$s
                RETURNING r.refund_id)
            INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, job_execution_id, why)
            SELECT refund_id, %1$s, %2$s, :businessDate, :jobExecutionId, 'sent in ' || :fileName
              FROM sent ORDER BY refund_id COLLATE "C"
            """.formatted(RefundStatus.WAITING_REFUND.sql(), RefundStatus.REFUND_PROCESSING.sql());

    /**
     * A file is written the night it is claimed, when every refund in it is REFUND_PROCESSING and so
     * in open_refund, which names its file: that small table is read, and each refund reached by key.
     */
    private static final String ROWS_OF_FILE = """
            SELECT r.refund_id, r.order_id, r.payment_reference, r.currency, r.amount_minor, r.trigger_type
              FROM open_refund x
              JOIN refund r ON r.refund_id = x.refund_id
             WHERE x.settlement_file = ? AND r.settlement_file = x.settlement_file
             ORDER BY r.refund_id COLLATE "C"
            """;

    private static final String PUBLISH = """
            UPDATE settlement_file SET status = 'PUBLISHED', published_at = now(), record_count = :records, sha256 = :sha256
             WHERE file_name = :fileName AND status = 'CLAIMED'
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;

    SettlementLedger(JdbcClient jdbc, JdbcTemplate streaming) {
        this.jdbc = jdbc;
        this.streaming = streaming;
        this.streaming.setFetchSize(10_000);
    }

    /**
     * The date's file for the method: the one claimed before (a restart), or a new one that takes the
     * next sequence number and every refund still waiting. Call inside a transaction.
     */
    Claim claim(PaymentMethod method, LocalDate businessDate, long jobExecutionId) {
        Optional<Claim> earlier = jdbc.sql(CLAIM_OF_DAY).param("method", method.name())
                .param("businessDate", businessDate)
                .query((row, n) -> new Claim(method, businessDate, row.getInt("sequence"), row.getString("file_name"),
                        row.getBoolean("published")))
                .optional();
        if (earlier.isPresent()) {
            return earlier.get();
        }
        int sequence = jdbc.sql(NEXT_SEQUENCE).param("method", method.name()).query(Integer.class).single();
        String fileName = method.fileName(businessDate, sequence);
        jdbc.sql(CLAIM_FILE).param("method", method.name()).param("sequence", sequence)
                .param("businessDate", businessDate).param("fileName", fileName).update();
        ByKey.rows(jdbc, () -> jdbc.sql(CLAIM_REFUNDS).param("fileName", fileName).param("businessDate", businessDate)
                .param("method", method.name()).param("jobExecutionId", jobExecutionId).update());
        return new Claim(method, businessDate, sequence, fileName, false);
    }

    Rows rowsOf(Claim claim) {
        return row -> ByKey.run(jdbc, () -> streaming.query(ROWS_OF_FILE, result -> {
            row.accept(new Row(result.getString("refund_id"), result.getString("order_id"),
                    result.getString("payment_reference"), result.getString("currency"), result.getLong("amount_minor"),
                    result.getString("trigger_type")));
        }, claim.fileName()));
    }

    void publish(Written written) {
        int published = jdbc.sql(PUBLISH).param("records", written.recordCount()).param("sha256", written.sha256())
                .param("fileName", written.fileName()).update();
        if (published != 1) {
            throw new IllegalStateException(written.fileName() + " was not waiting to be published");
        }
    }
}
