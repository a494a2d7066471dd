package com.marketplace.refunds.refund.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.refund.RefundId;
import com.marketplace.refunds.refund.RefundRules;
import com.marketplace.refunds.refund.Trigger;
import com.marketplace.refunds.refund.TriggerType;
import com.marketplace.refunds.refund.Verdict;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.RunParameters;

/**
 * A failed refund reissued by an approved request: decided by the same rules as every trigger, its
 * decision first in the night's decisions, and when approved a new refund waiting to be sent.
 */
final class Reissues {

    private static final String NEXT_REISSUE = "SELECT coalesce(max(n), 0) + 1 FROM refund_reissue WHERE refund_id = :refundId";

    private static final String DECISION = """
            INSERT INTO decision (business_date, seq, refund_key, refund_id, order_id, trigger_type, decision, reason,
                                  currency, amount_asked_minor, amount_approved_minor)
            VALUES (:d, :seq, :key, :refundId, :orderId, %s, :decision, :reason, :currency, :asked, :approved)
            """.formatted(TriggerType.REISSUE.sql());

    private static final String NEW_REFUND = """
            INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference, currency,
                                amount_minor, status, approved_on, status_changed_on)
            VALUES (:key, :refundId, :orderId, %s, :method, :reference, :currency, :amount, %s, :d, :d)
            """.formatted(TriggerType.REISSUE.sql(), RefundStatus.WAITING_REFUND.sql());

    private static final String REISSUED = """
            INSERT INTO refund_reissue (refund_id, n, new_refund_id, request_id, business_date)
            VALUES (:refundId, :n, :newRefundId, :requestId, :d)
            """;

    /** Touches the reissued refund so the triggers on refund take it out of the open ones. */
    private static final String TOUCH = "UPDATE refund SET status_changed_on = :d WHERE refund_id = :refundId";

    private final JdbcClient jdbc;
    private final RefundMoves moves;
    private final RunParameters run;
    /** How many reissues the run decided so far: their place in the decisions. */
    private int decided;

    Reissues(JdbcClient jdbc, RefundMoves moves, RunParameters run) {
        this.jdbc = jdbc;
        this.moves = moves;
        this.run = run;
    }

    ApprovedActions.Applied reissue(ApprovedRequest request) {
        RefundMoves.Locked failed = moves.lock(request.refundId());
        if (failed.status() == RefundStatus.REFUND_PROCESSING) {
            moves.move(failed, RefundStatus.FAILED, "reversed and never confirmed: failed for its reissue, "
                    + request.because());
            failed = moves.lock(request.refundId());
        }
        int n = jdbc.sql(NEXT_REISSUE).param("refundId", failed.refundId()).query(Integer.class).single();
        Trigger.Reissue trigger = new Trigger.Reissue(failed.refundId(), n, failed.orderId(), run.cutOff(),
                failed.amountMinor());
        Verdict verdict = RefundRules.decide(trigger, failed.order(), failed.totalMinor() - failed.committedMinor());
        boolean approved = verdict.decision().approved();
        String newRefundId = approved ? RefundId.of(trigger.refundKey()) : null;
        decided++;
        jdbc.sql(DECISION).param("d", run.businessDate()).param("seq", decided).param("key", trigger.refundKey())
                .param("refundId", newRefundId).param("orderId", failed.orderId())
                .param("decision", verdict.decision().name())
                .param("reason", Optional.ofNullable(verdict.reason()).map(Enum::name).orElse(null))
                .param("currency", failed.currency()).param("asked", verdict.askedMinor())
                .param("approved", verdict.approvedMinor()).update();
        if (!approved) {
            return ApprovedActions.Applied.done(verdict.decision() + " " + verdict.reason() + ": the order's refundable "
                    + "balance holds nothing more, so nothing is sent and " + failed.refundId() + " stays "
                    + RefundStatus.FAILED);
        }
        String reference = request.paymentReference() != null ? request.paymentReference() : failed.paymentReference();
        jdbc.sql(NEW_REFUND).param("key", trigger.refundKey()).param("refundId", newRefundId)
                .param("orderId", failed.orderId()).param("method", failed.paymentMethod()).param("reference", reference)
                .param("currency", failed.currency()).param("amount", verdict.approvedMinor())
                .param("d", run.businessDate()).update();
        jdbc.sql(REISSUED).param("refundId", failed.refundId()).param("n", n).param("newRefundId", newRefundId)
                .param("requestId", request.requestId()).param("d", run.businessDate()).update();
        jdbc.sql(TOUCH).param("d", run.businessDate()).param("refundId", failed.refundId()).update();
        moves.history(failed.refundId(), RefundStatus.FAILED, RefundStatus.FAILED, "reissued as " + newRefundId + ", "
                + request.because());
        return new ApprovedActions.Applied(RequestStatus.APPLIED, newRefundId, verdict.decision() + " " + trigger.refundKey()
                + " for " + failed.amount(verdict.approvedMinor()) + " " + failed.currency()
                + (request.paymentReference() != null ? ", to the payment reference given with the request" : ""));
    }
}
