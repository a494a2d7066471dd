package com.marketplace.refunds.reconciliation.internal;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.Timed;

/**
 * What the reconciliation decided, applied set-based: the refunds' new statuses and counts, their history
 * rows, and the breaks for refunds sent long ago and never confirmed.
 */
final class ReconciliationOutcomes {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationOutcomes.class);

    private static final String APPLY_OUTCOMES = """
            UPDATE refund r SET status = o.end_status, confirmations = o.end_confirmations, reversals = o.end_reversals,
                   status_changed_on = CASE WHEN r.status = o.end_status THEN r.status_changed_on ELSE o.business_date END
              FROM reconciliation_outcome o
             WHERE o.business_date = :d AND o.refund_id = r.refund_id
            """;

    /** In the history index's order within a date (V28), each refund's own changes in the order of its lines. */
    private static final String RECORD_TRANSITIONS = """
            INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, job_execution_id, why)
            SELECT refund_id, from_status, to_status, :d, :execution, why FROM stage_transition ORDER BY refund_id COLLATE "C", seq
            """;

    /**
     * From open_refund alone: it mirrors each open refund's method, currency, amount and file (V14, kept by
     * refund's triggers). Looking each up in refund as well read a page of refund at random per refund
     * still in flight, the list every night's run reports (night 30 of thirty usual nights, 107,151 refunds:
     * 1.34 s in three processes against 0.27 s in one).
     */
    static final String MISSING_CONFIRMATIONS = """
            INSERT INTO reconciliation_break (business_date, seq, break_type, payment_method, refund_id, currency,
                   expected_amount, report_file, detail)
            SELECT :d, :firstSeq + row_number() OVER (ORDER BY x.refund_id COLLATE "C"), '%1$s',
                   x.payment_method, x.refund_id, x.currency,
                   round(x.amount_minor::numeric / power(10::numeric, c.exponent), c.exponent)::text,
                   x.settlement_file, 'sent on ' || f.business_date || ', ' || (:d - f.business_date) || ' days ago'
              FROM open_refund x
              JOIN settlement_file f ON f.file_name = x.settlement_file
              JOIN currency c ON c.code = x.currency
             WHERE x.status = %2$s AND f.business_date < :d - :days
            """.formatted(BreakType.MISSING_CONFIRMATION, RefundStatus.REFUND_PROCESSING.sql());

    private final JdbcClient jdbc;

    ReconciliationOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The outcomes of the date onto the refunds, and each status change into the history. */
    void apply(LocalDate d, long jobExecutionId) {
        Timed.rows(log, "refunds confirmed or failed",
                () -> ByKey.rows(jdbc, () -> jdbc.sql(APPLY_OUTCOMES).param("d", d).update()));
        Timed.rows(log, "status changes recorded in the history", () -> jdbc.sql(RECORD_TRANSITIONS).param("d", d)
                .param("execution", jobExecutionId).update());
    }

    /** A MISSING_CONFIRMATION break, numbered after {@code breaksSoFar}, for each refund sent more than {@code days} ago. */
    int recordMissingConfirmations(LocalDate d, long breaksSoFar, int days) {
        return ByKey.rows(jdbc, () -> jdbc.sql(MISSING_CONFIRMATIONS).param("d", d).param("firstSeq", breaksSoFar)
                .param("days", days).update());
    }
}
