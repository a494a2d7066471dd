package com.marketplace.refunds.stuck.internal.web;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.stuck.OrderRefunds;

/**
 * A refund as support looks it up: what it is, whether it is stuck and why, its status history, and
 * the other refunds of its order; found whether its order is hot or in the archive.
 */
@Component
class RefundDetails {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    private static final String REFUND = """
            SELECT r.refund_id, r.refund_key, r.order_id, o.store_id, o.buyer_id, r.trigger_type, r.payment_method,
                   r.currency, r.amount_minor, r.status, r.approved_on,
                   s.reason AS stuck_reason, s.first_flagged_on, s.cleared_on
              FROM any_refund r
              JOIN any_order o ON o.order_id = r.order_id
              LEFT JOIN stuck_refund s ON s.refund_id = r.refund_id
             WHERE r.refund_id = :refundId
            """;

    private static final String ACTIONS = """
            SELECT request_id, action, status, requested_by, requested_at, reason, decided_by, decided_at,
                   decision_reason, settled_on, new_refund_id, detail
              FROM action_request
             WHERE refund_id = :refundId OR new_refund_id = :refundId
             ORDER BY request_id
            """;

    /**
     * Its history, from each of the places the view keeps it (V38, V39), each asked only for what it
     * holds: the rows kept in refund_status_change through the index led by the business date (V28), one
     * lookup for each date from the first to the last it holds, so nothing depends on which dates the
     * refund's rows hold; its approval from its decision, reached by the refund's key; its sending from
     * the claim of the file it names.
     */
    static final String HISTORY = """
            SELECT id, business_date, changed_at, from_status, to_status, job_execution_id, why
              FROM refund_status_history
             WHERE kept_in = 'refund_status_change'
               AND business_date = ANY (ARRAY(
                       SELECT generate_series(
                                  (SELECT min(business_date) FROM refund_status_history WHERE kept_in = 'refund_status_change'),
                                  (SELECT max(business_date) FROM refund_status_history WHERE kept_in = 'refund_status_change'),
                                  interval '1 day')::date))
               AND refund_id = :refundId
            UNION ALL
            SELECT id, business_date, changed_at, from_status, to_status, job_execution_id, why
              FROM refund_status_history
             WHERE kept_in = 'decision'
               AND refund_key = (SELECT refund_key FROM any_refund WHERE refund_id = :refundId)
               AND refund_id = :refundId
            UNION ALL
            SELECT id, business_date, changed_at, from_status, to_status, job_execution_id, why
              FROM refund_status_history
             WHERE kept_in = 'settlement_claim' AND refund_id = :refundId
             ORDER BY id
            """;

    record Refund(String refundId, String refundKey, String orderId, String storeId, String buyerId, String trigger,
                  String paymentMethod, String currency, String amount, String status, String approvedOn,
                  String stuckReason, String firstFlaggedOn, String clearedOn, List<Change> history,
                  List<OrderRefunds.OtherRefund> otherRefunds, long moreOtherRefunds, List<Action> actions) {

        Refund withOtherRefunds(OrderRefunds.Others others) {
            return new Refund(refundId, refundKey, orderId, storeId, buyerId, trigger, paymentMethod, currency, amount,
                    status, approvedOn, stuckReason, firstFlaggedOn, clearedOn, history, others.shown(), others.more(),
                    actions);
        }
    }

    /** An action requested on the refund, or the reissue that made it: who asked and why, who decided, what the run did. */
    record Action(long requestId, String action, String status, String requestedBy, String requestedAt, String reason,
                  String decidedBy, String decidedAt, String decisionReason, String settledOn, String newRefundId,
                  String detail) {
    }

    /** One change of status: in which nightly run (business date, job execution), when, and why. */
    record Change(String businessDate, String changedAt, String fromStatus, String toStatus, Long jobExecutionId,
                  String why) {
    }

    private final JdbcClient jdbc;
    private final OrderRefunds orderRefunds;

    RefundDetails(JdbcClient jdbc, OrderRefunds orderRefunds) {
        this.jdbc = jdbc;
        this.orderRefunds = orderRefunds;
    }

    private List<Action> actions(String refundId) {
        return jdbc.sql(ACTIONS).param("refundId", refundId).query((row, n) -> new Action(row.getLong("request_id"),
                row.getString("action"), row.getString("status"), row.getString("requested_by"),
                when(row.getObject("requested_at", OffsetDateTime.class)), row.getString("reason"),
                row.getString("decided_by"), when(row.getObject("decided_at", OffsetDateTime.class)),
                row.getString("decision_reason"), row.getString("settled_on"), row.getString("new_refund_id"),
                row.getString("detail"))).list();
    }

    private static String when(OffsetDateTime at) {
        return at == null ? null : at.withOffsetSameInstant(ZoneOffset.UTC).format(WHEN);
    }

    Optional<Refund> find(String refundId) {
        // each query on its own: a query inside another's row mapping would hold two connections at once
        List<Action> actions = actions(refundId);
        List<Change> history = jdbc.sql(HISTORY).param("refundId", refundId).query((row, n) -> new Change(
                row.getObject("business_date", java.time.LocalDate.class).toString(),
                row.getObject("changed_at", OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC).format(WHEN),
                row.getString("from_status"), row.getString("to_status"),
                (Long) row.getObject("job_execution_id"), row.getString("why"))).list();
        return jdbc.sql(REFUND).param("refundId", refundId).query((row, n) -> new Refund(row.getString("refund_id"),
                row.getString("refund_key"), row.getString("order_id"), row.getString("store_id"),
                row.getString("buyer_id"), row.getString("trigger_type"), row.getString("payment_method"),
                row.getString("currency"), Money.format(row.getLong("amount_minor"),
                        Currencies.exponent(row.getString("currency"))), row.getString("status"),
                row.getString("approved_on"), row.getString("stuck_reason"), row.getString("first_flagged_on"),
                row.getString("cleared_on"), history, List.of(), 0, actions)).optional()
                .map(refund -> refund.withOtherRefunds(orderRefunds.othersOf(refund.orderId(), refund.refundId())));
    }
}
