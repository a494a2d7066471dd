package com.marketplace.refunds.stuck.internal;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;
import com.marketplace.refunds.stuck.StuckReason;

/**
 * Flags the stuck refunds as of the run's date, set-based: newly stuck ones get the date first
 * flagged, still-stuck ones keep it (their reason follows their status), completed ones leave the
 * list. Running it again for the same date gives the same list. Both read what is open only
 * (open_refund and the open rows of stuck_refund), never every refund ever paid.
 */
public class FlagStuckTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(FlagStuckTasklet.class);

    private static final String FLAG = """
            INSERT INTO stuck_refund AS s (refund_id, reason, first_flagged_on, last_flagged_on)
            SELECT x.refund_id,
                   %s,
                   :d, :d
              FROM open_refund x
             WHERE x.approved_on < CAST(:d AS date) - :days
            ON CONFLICT (refund_id) DO UPDATE
               SET reason = EXCLUDED.reason, last_flagged_on = EXCLUDED.last_flagged_on, cleared_on = NULL,
                   first_flagged_on = CASE WHEN s.cleared_on IS NULL THEN s.first_flagged_on
                                           ELSE EXCLUDED.first_flagged_on END
            """.formatted(StuckReason.sql("x.status"));

    private static final String CLEAR_COMPLETED = """
            UPDATE stuck_refund s SET cleared_on = :d
             WHERE s.cleared_on IS NULL AND NOT EXISTS (SELECT 1 FROM open_refund x WHERE x.refund_id = s.refund_id)
            """;

    private final JdbcClient jdbc;
    private final int stuckAfterDays;

    public FlagStuckTasklet(JdbcClient jdbc, int stuckAfterDays) {
        this.jdbc = jdbc;
        this.stuckAfterDays = stuckAfterDays;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        contribution.incrementWriteCount(flag(RunParameters.of(chunkContext).businessDate()));
        CrashPoints.reach("flagStuckStep");
        return RepeatStatus.FINISHED;
    }

    /** Flags the refunds stuck as of the date and clears the ones that completed; returns how many are stuck. */
    public int flag(LocalDate d) {
        int flagged = Timed.rows(log, "stuck refunds flagged",
                () -> jdbc.sql(FLAG).param("d", d).param("days", stuckAfterDays).update());
        Timed.rows(log, "stuck refunds completed and cleared",
                () -> ByKey.rows(jdbc, () -> jdbc.sql(CLEAR_COMPLETED).param("d", d).update()));
        // the stuck list (the report, the command, the support site) plans on these two small tables
        jdbc.sql("ANALYZE open_refund, stuck_refund").update();
        return flagged;
    }
}
