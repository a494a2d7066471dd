package com.marketplace.refunds.refund.internal;

import java.math.BigDecimal;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.NightlyRunStatus;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.RunParameters;

/**
 * The hold (docs/hold.md; contract section 9), after the night's decisions and before its settlement
 * files, once per date in one transaction: records what the run approved per payment method and
 * currency (reissues left out), and when that is more than {@code factor} times the median of the
 * last 14 completed runs that approved any (in count or in amount), with at least {@code minRefunds}
 * refunds and at least 5 such earlier runs, turns the night's refunds of that method and currency
 * HELD, each with a history row saying why. HELD refunds are left out of the files until a release.
 */
public class HoldTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(HoldTasklet.class);
    private static final String STEP = "holdStep";
    static final int EARLIER_RUNS = 14;
    static final int FEWEST_EARLIER_RUNS = 5;

    /** A reissue is never held nor counted (CONTRACT section 8): known by refund_reissue, for an open_refund x. */
    private static final String NOT_A_REISSUE =
            "NOT EXISTS (SELECT 1 FROM refund_reissue i WHERE i.new_refund_id = x.refund_id)";

    private static final String RECORD_APPROVALS = """
            INSERT INTO run_approvals (business_date, payment_method, currency, refunds, amount_minor)
            SELECT :d, x.payment_method, x.currency, count(*), sum(x.amount_minor)
              FROM open_refund x
             WHERE x.approved_on = :d AND %s
             GROUP BY x.payment_method, x.currency
            ON CONFLICT (payment_method, currency, business_date)
            DO UPDATE SET refunds = EXCLUDED.refunds, amount_minor = EXCLUDED.amount_minor
            """.formatted(NOT_A_REISSUE);

    /**
     * Tonight beside the medians of the earlier completed runs that approved any in the same method and
     * currency: the middle one, or the mean of the middle two, in exact numbers (never floating point).
     */
    private static final String UNUSUAL = """
            WITH tonight AS (
                SELECT payment_method, currency, refunds, amount_minor FROM run_approvals WHERE business_date = :d
            ), earlier AS (
                SELECT * FROM (
                    SELECT a.payment_method, a.currency, a.refunds, a.amount_minor,
                           row_number() OVER (PARTITION BY a.payment_method, a.currency ORDER BY a.business_date DESC) AS k
                      FROM run_approvals a
                      JOIN nightly_run n ON n.business_date = a.business_date AND n.status = %s
                     WHERE a.business_date < :d
                       AND (a.payment_method, a.currency) IN (SELECT payment_method, currency FROM tonight)) latest
                 WHERE k <= :earlierRuns
            ), ranked AS (
                SELECT payment_method, currency, refunds, amount_minor,
                       row_number() OVER (PARTITION BY payment_method, currency ORDER BY refunds) AS by_refunds,
                       row_number() OVER (PARTITION BY payment_method, currency ORDER BY amount_minor) AS by_amount,
                       count(*) OVER (PARTITION BY payment_method, currency) AS runs
                  FROM earlier
            ), medians AS (
                SELECT payment_method, currency, runs,
                       avg(refunds) FILTER (WHERE by_refunds IN ((runs + 1) / 2, (runs + 2) / 2)) AS median_refunds,
                       avg(amount_minor) FILTER (WHERE by_amount IN ((runs + 1) / 2, (runs + 2) / 2)) AS median_amount
                  FROM ranked GROUP BY payment_method, currency, runs
            )
            SELECT t.payment_method, t.currency, t.refunds, t.amount_minor, m.runs, m.median_refunds, m.median_amount
              FROM tonight t JOIN medians m USING (payment_method, currency)
             WHERE m.runs >= :fewestRuns AND t.refunds >= :minRefunds
               AND (t.refunds > :factor * m.median_refunds OR t.amount_minor > :factor * m.median_amount)
             ORDER BY t.payment_method, t.currency
            """.formatted(NightlyRunStatus.COMPLETED.sql());

    /**
     * The night's refunds of the method and currency: those the decisions wrote into the date's reserved
     * settlement file (V24), taken out of it, and any still waiting. Their history says what it says of
     * every refund not yet claimed: approved (WAITING_REFUND), then held.
     */
    private static final String HOLD = """
            WITH held AS (
                UPDATE refund r SET status = %2$s, status_changed_on = :d, settlement_file = NULL
                  FROM open_refund x
                 WHERE x.approved_on = :d AND x.payment_method = :method AND x.currency = :currency
                   AND (x.status = %1$s
                        OR x.status = %4$s AND x.settlement_file IN (SELECT f.file_name FROM settlement_file f
                                                                     WHERE f.business_date = :d AND f.status = 'RESERVED'))
                   AND r.refund_id = x.refund_id AND r.status = x.status
                   AND %3$s
                RETURNING r.refund_id)
            INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, job_execution_id, why)
            SELECT refund_id, %1$s, %2$s, :d, :job, :why FROM held ORDER BY refund_id COLLATE "C"
            """.formatted(RefundStatus.WAITING_REFUND.sql(), RefundStatus.HELD.sql(), NOT_A_REISSUE,
                    RefundStatus.REFUND_PROCESSING.sql());

    private static final String RECORD_HOLD = """
            INSERT INTO run_hold (business_date, payment_method, currency, refunds, amount_minor, median_refunds,
                                  median_amount, earlier_runs, factor, held)
            VALUES (:d, :method, :currency, :refunds, :amount, :medianRefunds, :medianAmount, :runs, :factor, :held)
            ON CONFLICT (business_date, payment_method, currency) DO NOTHING
            """;

    private final JdbcClient jdbc;
    private final boolean enabled;
    private final BigDecimal factor;
    private final int minRefunds;

    public HoldTasklet(JdbcClient jdbc, boolean enabled, BigDecimal factor, int minRefunds) {
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.factor = factor;
        this.minRefunds = minRefunds;
    }

    private record Unusual(String method, String currency, long refunds, BigDecimal amount, int runs,
                           BigDecimal medianRefunds, BigDecimal medianAmount) {
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunParameters run = RunParameters.of(chunkContext);
        if (OncePerDate.alreadyDone(jdbc, run.businessDate(), STEP)) {
            return RepeatStatus.FINISHED;
        }
        jdbc.sql(RECORD_APPROVALS).param("d", run.businessDate()).update();
        List<Unusual> unusual = !enabled ? List.of() : jdbc.sql(UNUSUAL).param("d", run.businessDate())
                .param("earlierRuns", EARLIER_RUNS).param("fewestRuns", FEWEST_EARLIER_RUNS)
                .param("minRefunds", minRefunds).param("factor", factor)
                .query((row, n) -> new Unusual(row.getString("payment_method"), row.getString("currency"),
                        row.getLong("refunds"), row.getBigDecimal("amount_minor"), row.getInt("runs"),
                        row.getBigDecimal("median_refunds"), row.getBigDecimal("median_amount"))).list();
        for (Unusual night : unusual) {
            // every refund of the night in that method and currency is held: the figures' count is the held count
            Holds.Held figures = new Holds.Held(run.businessDate(), night.method(), night.currency(), night.refunds(),
                    night.amount(), night.medianRefunds(), night.medianAmount(), night.runs(), factor, night.refunds());
            int held = ByKey.rows(jdbc, () -> jdbc.sql(HOLD).param("d", run.businessDate())
                    .param("method", night.method()).param("currency", night.currency())
                    .param("job", run.jobExecutionId()).param("why", "held for review: " + figures.describe())
                    .update());
            jdbc.sql(RECORD_HOLD).param("d", run.businessDate()).param("method", night.method())
                    .param("currency", night.currency()).param("refunds", night.refunds()).param("amount", night.amount())
                    .param("medianRefunds", night.medianRefunds()).param("medianAmount", night.medianAmount())
                    .param("runs", night.runs()).param("factor", factor).param("held", held).update();
            log.warn("Held for review: {}", figures.describe());
            contribution.incrementWriteCount(held);
        }
        OncePerDate.recordDone(jdbc, run.businessDate(), STEP);
        CrashPoints.reach(STEP);
        return RepeatStatus.FINISHED;
    }
}
