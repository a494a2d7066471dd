package com.marketplace.refunds.refund.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.action.RequestStatus;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Applies the approved actions (docs/actions.md) after the reconciliation and before the night's
 * decisions, in the order they were requested, in one transaction with the record that it did: an
 * action is applied once, whatever is stopped or killed when. A request nobody decided expires once
 * the run's cut-off is more than 14 days after it; each approved one is applied, or found STALE, by
 * {@link ApprovedActions}, and settled. A reissue's decision comes first in the night's decisions.
 */
public class ApplyActionsTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ApplyActionsTasklet.class);
    static final String STEP = "applyActionsStep";

    private static final String EXPIRE = """
            UPDATE action_request SET status = %s, settled_on = :d, job_execution_id = :job,
                   detail = 'neither approved nor rejected within 14 days of the request'
             WHERE status = %s AND requested_at < CAST(:cutOff AS timestamptz) - interval '14 days'
            """.formatted(RequestStatus.EXPIRED.sql(), RequestStatus.REQUESTED.sql());

    private static final String APPROVED = """
            SELECT request_id, action, refund_id, held_on, payment_method, reason, payment_reference,
                   outside_reference, requested_by, decided_by
              FROM action_request WHERE status = %s ORDER BY request_id
            """.formatted(RequestStatus.APPROVED.sql());

    private static final String SETTLE = """
            UPDATE action_request SET status = :outcome, settled_on = :d, job_execution_id = :job,
                   new_refund_id = :newRefundId, detail = :detail
             WHERE request_id = :requestId AND status = %s
            """.formatted(RequestStatus.APPROVED.sql());

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
        ApprovedActions actions = new ApprovedActions(jdbc, run);
        int expired = jdbc.sql(EXPIRE).param("d", d).param("job", run.jobExecutionId())
                .param("cutOff", OffsetDateTime.ofInstant(run.cutOff(), ZoneOffset.UTC)).update();
        List<ApprovedRequest> approved = jdbc.sql(APPROVED).query(ApprovedRequest.class).list();
        int applied = 0;
        int stale = 0;
        for (ApprovedRequest request : approved) {
            ApprovedActions.Applied result = actions.apply(request);
            jdbc.sql(SETTLE).param("outcome", result.outcome().name()).param("d", d).param("job", run.jobExecutionId())
                    .param("newRefundId", result.newRefundId()).param("detail", result.detail())
                    .param("requestId", request.requestId()).update();
            CrashPoints.reach(STEP + ":settled-" + (applied + stale + 1));
            if (result.outcome() == RequestStatus.APPLIED) {
                applied++;
                log.info("Request {} ({} {}) applied: {}", request.requestId(), request.action(), request.subject(),
                        result.detail());
            }
            else {
                stale++;
                log.warn("Request {} ({} {}) is STALE: {}", request.requestId(), request.action(), request.subject(),
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
}
