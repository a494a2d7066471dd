package com.marketplace.refunds.reconciliation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.archive.HotRows;
import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.PgCopy.CopyRows;
import com.marketplace.refunds.shared.PgCopy;
import com.marketplace.refunds.shared.RefundStatus;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;

/**
 * Reconciles the processor reports of the date, in one transaction, before the day's triggers are
 * decided (so a reversal frees its balance first): every report read in full (an unreadable one
 * fails the run before anything is applied), each event counted once however often it is
 * delivered, the new lines streamed by order through {@link RefundReconciliation}, statuses moved
 * and breaks stored set-based.
 */
public class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);
    private static final String STEP = "reconcileStep";

    private static final String OUTSTANDING_AT_START = """
            INSERT INTO reconciliation_opening (business_date, payment_method, currency, refund_count, amount_minor)
            SELECT :d, payment_method, currency, count(*), sum(amount_minor)
              FROM open_refund WHERE status IN (%s)
             GROUP BY payment_method, currency
            """.formatted(RefundStatus.outstandingSqlList());

    /**
     * Each event once, whichever report carries it: the first line read with a key never seen before
     * is recorded and marked counted in the staging, by key through processor_event's primary key
     * only, so the cost follows the night's lines and never the history of events.
     */
    private static final String COUNT_NEW_EVENTS = """
            WITH first_reads AS (
                SELECT DISTINCT ON (event_key, payment_method) payment_method, event_key, read_seq, report_file, line_no
                  FROM stage_report_line ORDER BY event_key, payment_method, read_seq),
            new_events AS (
                INSERT INTO processor_event (payment_method, event_key, business_date, read_seq, report_file, line_no)
                SELECT payment_method, event_key, :d, read_seq, report_file, line_no FROM first_reads
                ON CONFLICT DO NOTHING
                RETURNING read_seq)
            UPDATE stage_report_line l SET counted = true FROM new_events n WHERE l.read_seq = n.read_seq
            """;

    private static final String KEEP_LINES = """
            INSERT INTO processor_report_line (business_date, payment_method, report_file, line_no, refund_id, kind,
                   processor_type, event_key, currency, amount, delivered_again)
            SELECT :d, payment_method, report_file, line_no, refund_id, kind, processor_type, event_key, currency, amount,
                   NOT counted
              FROM stage_report_line
            """;

    /** The lines counted this run, by order (the balance is per order), each order's lines in reading order. */
    private static final String NEW_LINES_BY_ORDER = """
            SELECT l.payment_method, l.report_file, l.line_no, l.refund_id, l.kind, l.processor_type, l.event_key,
                   l.currency, l.amount, r.refund_id IS NOT NULL AS known, r.order_id, r.payment_method AS refund_method,
                   r.currency AS refund_currency, r.amount_minor, r.status, r.confirmations, r.reversals,
                   r.status = %s AND EXISTS (SELECT 1 FROM refund_reissue i WHERE i.refund_id = r.refund_id)
                       AS reissued,
                   o.total_minor, o.committed_minor
              FROM stage_report_line l
              LEFT JOIN refund r ON r.refund_id = l.refund_id
              LEFT JOIN orders o ON o.order_id = r.order_id
             WHERE l.counted
             ORDER BY r.order_id COLLATE "C" NULLS FIRST, l.read_seq
            """.formatted(RefundStatus.FAILED.sql());

    private static final String APPLY_OUTCOMES = """
            UPDATE refund r SET status = o.end_status, confirmations = o.end_confirmations, reversals = o.end_reversals,
                   status_changed_on = CASE WHEN r.status = o.end_status THEN r.status_changed_on ELSE o.business_date END
              FROM reconciliation_outcome o
             WHERE o.business_date = :d AND o.refund_id = r.refund_id
            """;

    private static final String RECORD_TRANSITIONS = """
            INSERT INTO refund_status_history (refund_id, from_status, to_status, business_date, job_execution_id, why)
            SELECT refund_id, from_status, to_status, :d, :execution, why FROM stage_transition ORDER BY seq
            """;

    private static final String MISSING_CONFIRMATIONS = """
            INSERT INTO reconciliation_break (business_date, seq, break_type, payment_method, refund_id, currency,
                   expected_amount, report_file, detail)
            SELECT :d, :firstSeq + row_number() OVER (ORDER BY r.refund_id COLLATE "C"), '%1$s',
                   r.payment_method, r.refund_id, r.currency,
                   round(r.amount_minor::numeric / power(10::numeric, c.exponent), c.exponent)::text,
                   r.settlement_file, 'sent on ' || f.business_date || ', ' || (:d - f.business_date) || ' days ago'
              FROM open_refund x
              JOIN refund r ON r.refund_id = x.refund_id
              JOIN settlement_file f ON f.file_name = r.settlement_file
              JOIN currency c ON c.code = r.currency
             WHERE x.status = %2$s AND f.business_date < :d - :days
            """.formatted(BreakType.MISSING_CONFIRMATION, RefundStatus.REFUND_PROCESSING.sql());

    /** What an attempt that failed before its commit cannot have left, cleared all the same. */
    private static final List<String> CLEAR_DATE = List.of(
            "DELETE FROM processor_report_line WHERE business_date = :d",
            "DELETE FROM processor_event WHERE business_date = :d",
            "DELETE FROM reconciliation_outcome WHERE business_date = :d",
            "DELETE FROM reconciliation_break WHERE business_date = :d",
            "DELETE FROM reconciliation_opening WHERE business_date = :d");

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final int missingAfterDays;

    public ReconcileTasklet(DataSource dataSource, int missingAfterDays) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(10_000);
        this.missingAfterDays = missingAfterDays;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
        RunParameters run = RunParameters.of(chunkContext);
        LocalDate d = run.businessDate();
        if (OncePerDate.alreadyDone(jdbc, d, STEP)) {
            log.info("The processor reports of {} were reconciled by an earlier attempt; nothing to do again", d);
            return RepeatStatus.FINISHED;
        }
        clear(d);
        jdbc.sql(OUTSTANDING_AT_START).param("d", d).update();
        ProcessorReports.Scan scan = ProcessorReports.scan(run);
        scan.ignored().forEach(ignored -> log.warn("Ignoring {} in the processor reports of {}: {}", ignored.name(), d,
                ignored.why()));
        long lines = Timed.rows(log, "processor report lines read", () -> (int) PgCopy.copyIn(dataSource,
                "stage_report_line (read_seq, payment_method, report_file, line_no, refund_id, kind, processor_type, "
                        + "event_key, currency, amount)",
                rows -> ProcessorReports.readAll(scan, line -> copy(rows, line))));
        jdbc.sql("ANALYZE stage_report_line").update();
        long counted = Timed.rows(log, "events counted for the first time",
                () -> jdbc.sql(COUNT_NEW_EVENTS).param("d", d).update());
        jdbc.sql("ANALYZE stage_report_line").update();
        Timed.rows(log, "report lines kept", () -> jdbc.sql(KEEP_LINES).param("d", d).update());
        long again = lines - counted;
        if (again > 0) {
            log.warn("{} report lines of {} were read before (the same event delivered again): each counts once",
                    again, d);
        }

        // a line for a refund whose order is archived finds it back in the hot tables, with its order
        HotRows.restoreNamedByReportLines(jdbc);

        try (ReconciledOrders stream = new ReconciledOrders(d)) {
            Timed.rows(log, "report lines reconciled by order", () -> {
                ByKey.run(jdbc, () -> streaming.query(NEW_LINES_BY_ORDER, stream));
                return (int) counted;
            });
            stream.copyInto(dataSource);
            // fresh statistics: without them the planner joins a million outcomes row by row
            jdbc.sql("ANALYZE reconciliation_outcome").update();
            jdbc.sql("ANALYZE stage_transition").update();
            Timed.rows(log, "refunds confirmed or failed",
                    () -> ByKey.rows(jdbc, () -> jdbc.sql(APPLY_OUTCOMES).param("d", d).update()));
            Timed.rows(log, "status changes recorded in the history", () -> jdbc.sql(RECORD_TRANSITIONS).param("d", d)
                    .param("execution", run.jobExecutionId()).update());
            int missing = ByKey.rows(jdbc, () -> jdbc.sql(MISSING_CONFIRMATIONS).param("d", d)
                    .param("firstSeq", stream.breaks()).param("days", missingAfterDays).update());
            OncePerDate.recordDone(jdbc, d, STEP);
            contribution.incrementWriteCount(lines);
            log.info("{} report lines reconciled: {} breaks, {} refunds missing a confirmation", lines, stream.breaks(),
                    missing);
        }
        CrashPoints.reach("reconcileStep");
        return RepeatStatus.FINISHED;
    }

    private void clear(LocalDate d) {
        jdbc.sql("TRUNCATE stage_report_line, stage_transition").update();
        for (String statement : CLEAR_DATE) {
            jdbc.sql(statement).param("d", d).update();
        }
    }

    /** One line, numbered in reading order: reports by batch number, then lines as written. */
    private static void copy(CopyRows rows, ReportLine line) {
        try {
            rows.row(rows.count() + 1, line.paymentMethod(), line.reportFile(), line.line(), line.refundId(), line.kind(),
                    line.processorType(), line.eventKey(), line.currency(), line.reportedAmount());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
