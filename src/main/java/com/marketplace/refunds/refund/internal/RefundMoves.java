package com.marketplace.refunds.refund.internal;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.refund.OrderFacts;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.RunParameters;

/**
 * How an action moves a refund: the refund locked with its order, its status changed with a line of
 * history, and, when it leaves the outstanding refunds, where the run leaves it for the roll-forward.
 */
final class RefundMoves {

    private static final String REFUND = """
            SELECT r.refund_id, r.order_id, r.status, r.amount_minor, r.currency, r.payment_method,
                   o.total_minor, c.committed_minor, o.payment_reference, o.shipped_at,
                   o.tracking_number IS NOT NULL AS tracked, o.delivered_at, o.free_return, o.protection_expires_at
              FROM refund r JOIN orders o ON o.order_id = r.order_id
              JOIN order_commitment c ON c.order_id = r.order_id
             WHERE r.refund_id = :refundId
               FOR UPDATE
            """;

    private static final String MOVE = """
            UPDATE refund SET status = :to, status_changed_on = :d WHERE refund_id = :refundId AND status = :from
            """;

    private static final String HISTORY = """
            INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, job_execution_id, why)
            VALUES (:refundId, :from, :to, :d, :job, :why)
            """;

    /** The statuses the roll-forward counts as outstanding: an action that moves a refund out of them says where to. */
    private static final Set<RefundStatus> OUTSTANDING = EnumSet.of(RefundStatus.WAITING_REFUND, RefundStatus.HELD,
            RefundStatus.REFUND_PROCESSING);

    /** Where the run leaves a refund an action moved out of the outstanding ones, for the roll-forward. */
    private static final String OUTCOME = """
            INSERT INTO reconciliation_outcome (business_date, refund_id, payment_method, currency, amount_minor,
                   start_status, end_status)
            SELECT :d, refund_id, payment_method, currency, amount_minor, :from, :to FROM refund WHERE refund_id = :refundId
            ON CONFLICT (business_date, refund_id) DO UPDATE SET end_status = EXCLUDED.end_status
            """;

    /** A refund locked for the action, with its order's facts and balance. */
    record Locked(String refundId, String orderId, RefundStatus status, long amountMinor, String currency,
                  String paymentMethod, long totalMinor, long committedMinor, String paymentReference,
                  OrderFacts order) {

        /** An amount in the refund's currency, as the operator reads it. */
        String amount(long minor) {
            return Money.format(minor, Currencies.exponent(currency));
        }
    }

    private final JdbcClient jdbc;
    private final RunParameters run;

    RefundMoves(JdbcClient jdbc, RunParameters run) {
        this.jdbc = jdbc;
        this.run = run;
    }

    Locked lock(String refundId) {
        return jdbc.sql(REFUND).param("refundId", refundId).query((row, n) -> new Locked(row.getString("refund_id"),
                row.getString("order_id"), RefundStatus.valueOf(row.getString("status")), row.getLong("amount_minor"),
                row.getString("currency"), row.getString("payment_method"), row.getLong("total_minor"),
                row.getLong("committed_minor"), row.getString("payment_reference"), TriggerRows.order(row))).single();
    }

    void move(Locked refund, RefundStatus to, String why) {
        jdbc.sql(MOVE).param("to", to.name()).param("d", run.businessDate()).param("refundId", refund.refundId())
                .param("from", refund.status().name()).update();
        history(refund.refundId(), refund.status(), to, why);
        if (OUTSTANDING.contains(refund.status())) {
            jdbc.sql(OUTCOME).param("d", run.businessDate()).param("refundId", refund.refundId())
                    .param("from", refund.status().name()).param("to", to.name()).update();
        }
    }

    void history(String refundId, RefundStatus from, RefundStatus to, String why) {
        jdbc.sql(HISTORY).param("refundId", refundId).param("from", from.name()).param("to", to.name())
                .param("d", run.businessDate()).param("job", run.jobExecutionId()).param("why", why).update();
    }
}
