package com.marketplace.refunds.refund.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.refund.OrderFacts;
import com.marketplace.refunds.refund.RefundId;
import com.marketplace.refunds.refund.RefundRules;
import com.marketplace.refunds.refund.Trigger;
import com.marketplace.refunds.refund.Verdict;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Applies the approved actions (docs/actions.md) after the reconciliation and before the night's
 * decisions, in the order they were requested, in one transaction with the record that it did: an
 * action is applied once, whatever is stopped or killed when. A request nobody decided expires once
 * the run's cut-off is more than 14 days after it; an approved one whose refund no longer fits it
 * (the database's {@code action_unfit}, the same rule that refused unfit requests) is STALE, saying why.
 * A reissue is decided here, by the same rules as every trigger, and its decision comes first in the
 * night's decisions.
 */
public class ApplyActionsTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ApplyActionsTasklet.class);
    static final String STEP = "applyActionsStep";

    private static final String EXPIRE = """
            UPDATE action_request SET status = 'EXPIRED', settled_on = :d, job_execution_id = :job,
                   detail = 'neither approved nor rejected within 14 days of the request'
             WHERE status = 'REQUESTED' AND requested_at < CAST(:cutOff AS timestamptz) - interval '14 days'
            """;

    private static final String APPROVED = """
            SELECT request_id, action, refund_id, held_on, payment_method, reason, payment_reference,
                   outside_reference, requested_by, decided_by
              FROM action_request WHERE status = 'APPROVED' ORDER BY request_id
            """;

    private static final String UNFIT = "SELECT action_unfit(:action, :refundId, :heldOn, :method, :d)";

    private static final String REFUND = """
            SELECT r.refund_id, r.order_id, r.status, r.amount_minor, r.currency, r.payment_method,
                   o.total_minor, o.committed_minor, o.payment_reference, o.shipped_at,
                   o.tracking_number IS NOT NULL AS tracked, o.delivered_at, o.free_return, o.protection_expires_at
              FROM refund r JOIN orders o ON o.order_id = r.order_id
             WHERE r.refund_id = :refundId
               FOR UPDATE
            """;

    private static final String MOVE = """
            UPDATE refund SET status = :to, status_changed_on = :d WHERE refund_id = :refundId AND status = :from
            """;

    private static final String HISTORY = """
            INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, job_execution_id, why)
            VALUES (:refundId, :from, :to, :d, :job, :why)
            """;

    /** Where the run leaves a refund an action moved out of the outstanding ones, for the roll-forward. */
    private static final String OUTCOME = """
            INSERT INTO reconciliation_outcome (business_date, refund_id, payment_method, currency, amount_minor,
                   start_status, end_status)
            SELECT :d, refund_id, payment_method, currency, amount_minor, :from, :to FROM refund WHERE refund_id = :refundId
            ON CONFLICT (business_date, refund_id) DO UPDATE SET end_status = EXCLUDED.end_status
            """;

    private static final String NEXT_REISSUE = "SELECT coalesce(max(n), 0) + 1 FROM refund_reissue WHERE refund_id = :refundId";

    private static final String DECISION = """
            INSERT INTO decision (business_date, seq, refund_key, refund_id, order_id, trigger_type, decision, reason,
                                  currency, amount_asked_minor, amount_approved_minor)
            VALUES (:d, :seq, :key, :refundId, :orderId, 'REISSUE', :decision, :reason, :currency, :asked, :approved)
            """;

    private static final String NEW_REFUND = """
            INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference, currency,
                                amount_minor, status, approved_on, status_changed_on)
            VALUES (:key, :refundId, :orderId, 'REISSUE', :method, :reference, :currency, :amount, 'WAITING_REFUND', :d, :d)
            """;

    private static final String REISSUED = """
            INSERT INTO refund_reissue (refund_id, n, new_refund_id, request_id, business_date)
            VALUES (:refundId, :n, :newRefundId, :requestId, :d)
            """;

    /** Touches the reissued refund so the triggers on refund take it out of the open ones. */
    private static final String TOUCH = "UPDATE refund SET status_changed_on = :d WHERE refund_id = :refundId";

    private static final String RELEASE = """
            WITH released AS (
                UPDATE refund r SET status = 'WAITING_REFUND', status_changed_on = :d
                  FROM open_refund x
                 WHERE x.status = 'HELD' AND x.approved_on = :heldOn AND x.payment_method = :method
                   AND r.refund_id = x.refund_id AND r.status = 'HELD'
                RETURNING r.refund_id)
            INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, job_execution_id, why)
            SELECT refund_id, 'HELD', 'WAITING_REFUND', :d, :job, :why FROM released ORDER BY refund_id COLLATE "C"
            """;

    private static final String SETTLE = """
            UPDATE action_request SET status = :outcome, settled_on = :d, job_execution_id = :job,
                   new_refund_id = :newRefundId, detail = :detail
             WHERE request_id = :requestId AND status = 'APPROVED'
            """;

    record Request(long requestId, String action, String refundId, LocalDate heldOn, String paymentMethod,
                   String reason, String paymentReference, String outsideReference, String requestedBy,
                   String decidedBy) {

        String because() {
            return "request " + requestId + " of " + requestedBy + ", approved by " + decidedBy + ": " + reason;
        }
    }

    private record Applied(String outcome, String newRefundId, String detail) {

        static Applied stale(String why) {
            return new Applied("STALE", null, why);
        }

        static Applied done(String detail) {
            return new Applied("APPLIED", null, detail);
        }
    }

    private final JdbcClient jdbc;

    public ApplyActionsTasklet(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunParameters run = RunParameters.of(chunkContext);
        LocalDate d = run.businessDate();
        if (OncePerDate.alreadyDone(jdbc, d, STEP)) {
            log.info("The actions of {} were applied by an earlier attempt; nothing to apply again", d);
            return RepeatStatus.FINISHED;
        }
        Night night = new Night(run);
        int expired = jdbc.sql(EXPIRE).param("d", d).param("job", night.job())
                .param("cutOff", OffsetDateTime.ofInstant(run.cutOff(), ZoneOffset.UTC)).update();
        List<Request> approved = jdbc.sql(APPROVED).query(Request.class).list();
        int applied = 0;
        int stale = 0;
        for (Request request : approved) {
            Applied result = apply(night, request);
            jdbc.sql(SETTLE).param("outcome", result.outcome()).param("d", d).param("job", night.job())
                    .param("newRefundId", result.newRefundId()).param("detail", result.detail())
                    .param("requestId", request.requestId()).update();
            CrashPoints.reach(STEP + ":settled-" + (applied + stale + 1));
            if (result.outcome().equals("APPLIED")) {
                applied++;
                log.info("Request {} ({} {}) applied: {}", request.requestId(), request.action(), subject(request),
                        result.detail());
            }
            else {
                stale++;
                log.warn("Request {} ({} {}) is STALE: {}", request.requestId(), request.action(), subject(request),
                        result.detail());
            }
        }
        OncePerDate.recordDone(jdbc, d, STEP);
        contribution.incrementWriteCount(applied + stale);
        if (applied + stale + expired > 0) {
            log.info("Actions for {}: {} applied, {} stale, {} expired", d, applied, stale, expired);
        }
        CrashPoints.reach(STEP);
        return RepeatStatus.FINISHED;
    }

    private static String amount(long minor, String currency) {
        return Money.format(minor, Currencies.exponent(currency));
    }

    private static String subject(Request request) {
        return request.refundId() != null ? request.refundId()
                : request.paymentMethod() + " held on " + request.heldOn();
    }

    /** The run, and how many reissues it decided so far (their place in the decisions). */
    private static final class Night {
        final RunParameters run;
        int reissues;

        Night(RunParameters run) {
            this.run = run;
        }

        LocalDate d() {
            return run.businessDate();
        }

        long job() {
            return run.jobExecutionId();
        }
    }

    private Applied apply(Night night, Request request) {
        String unfit = jdbc.sql(UNFIT).param("action", request.action()).param("refundId", request.refundId())
                .param("heldOn", request.heldOn()).param("method", request.paymentMethod()).param("d", night.d())
                .query(String.class).optional().orElse(null);
        if (unfit != null) {
            return Applied.stale(unfit);
        }
        return switch (request.action()) {
            case "reissue" -> reissue(night, request);
            case "paid-outside" -> paidOutside(night, request);
            case "cancel" -> cancel(night, request);
            case "release" -> release(night, request);
            default -> throw new IllegalStateException("unknown action " + request.action());
        };
    }

    private record Held(String refundId, String orderId, String status, long amountMinor, String currency,
                        String paymentMethod, long totalMinor, long committedMinor, String paymentReference,
                        OrderFacts order) {
    }

    private Held lock(String refundId) {
        return jdbc.sql(REFUND).param("refundId", refundId).query((row, n) -> new Held(row.getString("refund_id"),
                row.getString("order_id"), row.getString("status"), row.getLong("amount_minor"),
                row.getString("currency"), row.getString("payment_method"), row.getLong("total_minor"),
                row.getLong("committed_minor"), row.getString("payment_reference"), TriggerRows.order(row))).single();
    }

    private void move(Night night, Held refund, String to, String why) {
        jdbc.sql(MOVE).param("to", to).param("d", night.d()).param("refundId", refund.refundId())
                .param("from", refund.status()).update();
        history(night, refund.refundId(), refund.status(), to, why);
        if (List.of("WAITING_REFUND", "HELD", "REFUND_PROCESSING").contains(refund.status())) {
            jdbc.sql(OUTCOME).param("d", night.d()).param("refundId", refund.refundId()).param("from", refund.status())
                    .param("to", to).update();
        }
    }

    private void history(Night night, String refundId, String from, String to, String why) {
        jdbc.sql(HISTORY).param("refundId", refundId).param("from", from).param("to", to).param("d", night.d())
                .param("job", night.job()).param("why", why).update();
    }

    private Applied reissue(Night night, Request request) {
        Held failed = lock(request.refundId());
        if (failed.status().equals("REFUND_PROCESSING")) {
            move(night, failed, "FAILED", "reversed and never confirmed: failed for its reissue, " + request.because());
            failed = lock(request.refundId());
        }
        int n = jdbc.sql(NEXT_REISSUE).param("refundId", failed.refundId()).query(Integer.class).single();
        Trigger.Reissue trigger = new Trigger.Reissue(failed.refundId(), n, failed.orderId(), night.run.cutOff(),
                failed.amountMinor());
        Verdict verdict = RefundRules.decide(trigger, failed.order(), failed.totalMinor() - failed.committedMinor());
        boolean approved = verdict.decision().approved();
        String newRefundId = approved ? RefundId.of(trigger.refundKey()) : null;
        night.reissues++;
        jdbc.sql(DECISION).param("d", night.d()).param("seq", night.reissues).param("key", trigger.refundKey())
                .param("refundId", newRefundId).param("orderId", failed.orderId())
                .param("decision", verdict.decision().name())
                .param("reason", Optional.ofNullable(verdict.reason()).map(Enum::name).orElse(null))
                .param("currency", failed.currency()).param("asked", verdict.askedMinor())
                .param("approved", verdict.approvedMinor()).update();
        if (!approved) {
            return Applied.done(verdict.decision() + " " + verdict.reason() + ": the order's refundable balance "
                    + "holds nothing more, so nothing is sent and " + failed.refundId() + " stays FAILED");
        }
        String reference = request.paymentReference() != null ? request.paymentReference() : failed.paymentReference();
        jdbc.sql(NEW_REFUND).param("key", trigger.refundKey()).param("refundId", newRefundId)
                .param("orderId", failed.orderId()).param("method", failed.paymentMethod()).param("reference", reference)
                .param("currency", failed.currency()).param("amount", verdict.approvedMinor()).param("d", night.d())
                .update();
        jdbc.sql(REISSUED).param("refundId", failed.refundId()).param("n", n).param("newRefundId", newRefundId)
                .param("requestId", request.requestId()).param("d", night.d()).update();
        jdbc.sql(TOUCH).param("d", night.d()).param("refundId", failed.refundId()).update();
        history(night, failed.refundId(), "FAILED", "FAILED", "reissued as " + newRefundId + ", " + request.because());
        return new Applied("APPLIED", newRefundId, verdict.decision() + " " + trigger.refundKey() + " for "
                + amount(verdict.approvedMinor(), failed.currency()) + " " + failed.currency()
                + (request.paymentReference() != null ? ", to the payment reference given with the request" : ""));
    }

    private Applied paidOutside(Night night, Request request) {
        Held refund = lock(request.refundId());
        long balance = refund.totalMinor() - refund.committedMinor();
        if (refund.status().equals("FAILED") && balance < refund.amountMinor()) {
            return Applied.stale("the order's refundable balance (" + amount(balance, refund.currency())
                    + " " + refund.currency() + ") no longer holds the refund's amount: it was paid again since it failed");
        }
        move(night, refund, "PAID_OUTSIDE", "paid outside (" + request.outsideReference() + "), " + request.because());
        return Applied.done(refund.status() + " to PAID_OUTSIDE: " + request.outsideReference());
    }

    private Applied cancel(Night night, Request request) {
        Held refund = lock(request.refundId());
        move(night, refund, "CANCELLED", "cancelled, " + request.because());
        return Applied.done(refund.status() + " to CANCELLED");
    }

    private Applied release(Night night, Request request) {
        int released = jdbc.sql(RELEASE).param("d", night.d()).param("heldOn", request.heldOn())
                .param("method", request.paymentMethod()).param("job", night.job())
                .param("why", "released, " + request.because()).update();
        return Applied.done(released + " refund" + (released == 1 ? "" : "s") + " released");
    }
}
