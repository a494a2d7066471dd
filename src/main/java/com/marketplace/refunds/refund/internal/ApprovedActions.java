package com.marketplace.refunds.refund.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.action.ActionKind;
import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Applies one approved request to the refunds (docs/actions.md): STALE, saying why, when its refund no
 * longer fits it (the database's {@code action_unfit}, the same rule that refused unfit requests);
 * otherwise the reissue ({@link Reissues}), the payment outside, the cancellation or the release.
 */
final class ApprovedActions {

    private static final String UNFIT = "SELECT action_unfit(:action, :refundId, :heldOn, :method, :d)";

    private static final String RELEASE = """
            WITH released AS (
                UPDATE refund r SET status = %2$s, status_changed_on = :d
                  FROM open_refund x
                 WHERE x.status = %1$s AND x.approved_on = :heldOn AND x.payment_method = :method
                   AND r.refund_id = x.refund_id AND r.status = %1$s
                RETURNING r.refund_id)
            INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, job_execution_id, why)
            SELECT refund_id, %1$s, %2$s, :d, :job, :why FROM released ORDER BY refund_id COLLATE "C"
            """.formatted(RefundStatus.HELD.sql(), RefundStatus.WAITING_REFUND.sql());

    /** What became of the request: APPLIED or STALE, the refund a reissue made, and what was done or why not. */
    record Applied(RequestStatus outcome, String newRefundId, String detail) {

        static Applied stale(String why) {
            return new Applied(RequestStatus.STALE, null, why);
        }

        static Applied done(String detail) {
            return new Applied(RequestStatus.APPLIED, null, detail);
        }
    }

    private final JdbcClient jdbc;
    private final RunParameters run;
    private final RefundMoves moves;
    private final Reissues reissues;

    /** The actions of one run: its reissues are counted from the first. */
    ApprovedActions(JdbcClient jdbc, RunParameters run) {
        this.jdbc = jdbc;
        this.run = run;
        this.moves = new RefundMoves(jdbc, run);
        this.reissues = new Reissues(jdbc, moves, run);
    }

    Applied apply(ApprovedRequest request) {
        String unfit = jdbc.sql(UNFIT).param("action", request.action()).param("refundId", request.refundId())
                .param("heldOn", request.heldOn()).param("method", request.paymentMethod())
                .param("d", run.businessDate()).query(String.class).optional().orElse(null);
        if (unfit != null) {
            return Applied.stale(unfit);
        }
        ActionKind action = ActionKind.of(request.action())
                .orElseThrow(() -> new IllegalStateException("unknown action " + request.action()));
        return switch (action) {
            case REISSUE -> reissues.reissue(request);
            case PAID_OUTSIDE -> paidOutside(request);
            case CANCEL -> cancel(request);
            case RELEASE -> release(request);
        };
    }

    private Applied paidOutside(ApprovedRequest request) {
        RefundMoves.Locked refund = moves.lock(request.refundId());
        long balance = refund.totalMinor() - refund.committedMinor();
        if (refund.status() == RefundStatus.FAILED && balance < refund.amountMinor()) {
            return Applied.stale("the order's refundable balance (" + refund.amount(balance) + " " + refund.currency()
                    + ") no longer holds the refund's amount: it was paid again since it failed");
        }
        moves.move(refund, RefundStatus.PAID_OUTSIDE, "paid outside (" + request.outsideReference() + "), "
                + request.because());
        return Applied.done(refund.status() + " to " + RefundStatus.PAID_OUTSIDE + ": " + request.outsideReference());
    }

    private Applied cancel(ApprovedRequest request) {
        RefundMoves.Locked refund = moves.lock(request.refundId());
        moves.move(refund, RefundStatus.CANCELLED, "cancelled, " + request.because());
        return Applied.done(refund.status() + " to " + RefundStatus.CANCELLED);
    }

    private Applied release(ApprovedRequest request) {
        int released = jdbc.sql(RELEASE).param("d", run.businessDate()).param("heldOn", request.heldOn())
                .param("method", request.paymentMethod()).param("job", run.jobExecutionId())
                .param("why", "released, " + request.because()).update();
        return Applied.done(released + " refund" + (released == 1 ? "" : "s") + " released");
    }
}
