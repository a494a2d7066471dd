package com.marketplace.refunds.reconciliation.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Break;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Refund;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Result;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Transition;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.OncePerDate;
import com.marketplace.refunds.shared.PgCopy;
import com.marketplace.refunds.shared.PgCopy.CopyRows;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;

/**
 * Reconciles the processor reports of the date, in one transaction, before the day's triggers are
 * decided (so a reversal frees its balance first): every report read in full (an unreadable one
 * fails the run before anything is applied), the lines streamed by refund through
 * {@link RefundReconciliation}, statuses moved and breaks stored set-based.
 */
public class ReconcileTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(ReconcileTasklet.class);
    private static final String STEP = "reconcileStep";

    private static final String OUTSTANDING_AT_START = """
            INSERT INTO reconciliation_opening (business_date, payment_method, currency, refund_count, amount_minor)
            SELECT :d, payment_method, currency, count(*), sum(amount_minor)
              FROM refund WHERE status IN ('WAITING_REFUND', 'REFUND_PROCESSING')
             GROUP BY payment_method, currency
            """;

    private static final String KEEP_LINES = """
            INSERT INTO processor_report_line (business_date, payment_method, report_file, line_no, refund_id, kind,
                   currency, amount)
            SELECT :d, payment_method, report_file, line_no, refund_id, kind, currency, amount FROM stage_report_line
            """;

    private static final String LINES_BY_REFUND = """
            SELECT l.payment_method, l.report_file, l.line_no, l.refund_id, l.kind, l.currency, l.amount,
                   r.refund_id IS NOT NULL AS known, r.payment_method AS refund_method, r.currency AS refund_currency,
                   r.amount_minor, r.status
              FROM stage_report_line l LEFT JOIN refund r USING (refund_id)
             ORDER BY l.refund_id COLLATE "C", l.read_seq
            """;

    private static final String APPLY_OUTCOMES = """
            UPDATE refund r SET status = o.end_status, status_changed_on = o.business_date
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
            SELECT :d, :firstSeq + row_number() OVER (ORDER BY r.refund_id COLLATE "C"), 'MISSING_CONFIRMATION',
                   r.payment_method, r.refund_id, r.currency,
                   round(r.amount_minor::numeric / power(10::numeric, c.exponent), c.exponent)::text,
                   r.settlement_file, 'sent on ' || f.business_date || ', ' || (:d - f.business_date) || ' days ago'
              FROM refund r
              JOIN settlement_file f ON f.file_name = r.settlement_file
              JOIN currency c ON c.code = r.currency
             WHERE r.status = 'REFUND_PROCESSING' AND f.business_date < :d - :days
            """;

    /** What an attempt that failed before its commit cannot have left, cleared all the same. */
    private static final List<String> CLEAR_DATE = List.of(
            "DELETE FROM processor_report_line WHERE business_date = :d",
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
        long lines = Timed.rows(log, "processor report lines read", () -> (int) PgCopy.copyIn(dataSource,
                "stage_report_line (read_seq, payment_method, report_file, line_no, refund_id, kind, currency, amount)",
                rows -> ProcessorReports.readAll(run.drop().resolve("processor"), line -> copy(rows, line))));
        jdbc.sql("ANALYZE stage_report_line").update();
        jdbc.sql(KEEP_LINES).param("d", d).update();

        Path decided = Files.createTempDirectory("reconciled-");
        try {
            Stream stream = new Stream(d, decided);
            streaming.query(LINES_BY_REFUND, stream);
            stream.close();
            stream.copyInto(dataSource);
            // fresh statistics: without them the planner joins a million outcomes row by row
            jdbc.sql("ANALYZE reconciliation_outcome").update();
            jdbc.sql("ANALYZE stage_transition").update();
            Timed.rows(log, "refunds confirmed or failed",
                    () -> jdbc.sql(APPLY_OUTCOMES).param("d", d).update());
            jdbc.sql(RECORD_TRANSITIONS).param("d", d).param("execution", run.jobExecutionId()).update();
            int missing = jdbc.sql(MISSING_CONFIRMATIONS).param("d", d).param("firstSeq", stream.breaks)
                    .param("days", missingAfterDays).update();
            OncePerDate.recordDone(jdbc, d, STEP);
            contribution.incrementWriteCount(lines);
            log.info("{} report lines reconciled: {} breaks, {} refunds missing a confirmation", lines, stream.breaks,
                    missing);
        }
        finally {
            try (var files = Files.list(decided)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(decided);
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
                    line.currency(), line.amount().toPlainString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Groups the streamed lines by refund and writes what reconciling each refund gives. */
    private static final class Stream implements RowCallbackHandler {

        private final LocalDate businessDate;
        private final Path folder;
        private final BufferedWriter outcomeFile;
        private final BufferedWriter transitionFile;
        private final BufferedWriter breakFile;
        private final CopyRows outcomes;
        private final CopyRows transitions;
        private final CopyRows breakRows;
        private final List<ReportLine> lines = new ArrayList<>();
        private Refund refund;
        private int breaks;
        private int transitionCount;

        Stream(LocalDate businessDate, Path folder) throws IOException {
            this.businessDate = businessDate;
            this.folder = folder;
            this.outcomeFile = Files.newBufferedWriter(folder.resolve("outcomes"), StandardCharsets.UTF_8);
            this.transitionFile = Files.newBufferedWriter(folder.resolve("transitions"), StandardCharsets.UTF_8);
            this.breakFile = Files.newBufferedWriter(folder.resolve("breaks"), StandardCharsets.UTF_8);
            this.outcomes = new CopyRows(outcomeFile);
            this.transitions = new CopyRows(transitionFile);
            this.breakRows = new CopyRows(breakFile);
        }

        @Override
        public void processRow(ResultSet row) throws SQLException {
            ReportLine line = new ReportLine(row.getString("payment_method"), row.getString("report_file"),
                    row.getInt("line_no"), row.getString("refund_id"), Kind.valueOf(row.getString("kind")),
                    row.getString("currency"), row.getBigDecimal("amount"));
            if (!lines.isEmpty() && !lines.get(0).refundId().equals(line.refundId())) {
                flush();
            }
            if (lines.isEmpty()) {
                refund = row.getBoolean("known") ? new Refund(line.refundId(), row.getString("refund_method"),
                        row.getString("refund_currency"), row.getLong("amount_minor"), row.getString("status")) : null;
            }
            lines.add(line);
        }

        private void flush() {
            Result result = RefundReconciliation.reconcile(refund, lines);
            try {
                if (refund != null && !result.endStatus().equals(result.startStatus())) {
                    outcomes.row(businessDate, refund.refundId(), refund.paymentMethod(), refund.currency(),
                            refund.amountMinor(), result.startStatus(), result.endStatus());
                }
                for (Transition transition : result.transitions()) {
                    transitions.row(++transitionCount, transition.refundId(), transition.from(), transition.to(),
                            transition.why());
                }
                for (Break broken : result.breaks()) {
                    breakRows.row(businessDate, ++breaks, broken.type(), broken.paymentMethod(), broken.refundId(),
                            broken.currency(), broken.expectedAmount(), broken.reportedAmount(), broken.reportFile(),
                            broken.reportLine(), broken.detail());
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines.clear();
        }

        void close() throws IOException {
            if (!lines.isEmpty()) {
                flush();
            }
            outcomeFile.close();
            transitionFile.close();
            breakFile.close();
        }

        void copyInto(DataSource dataSource) throws IOException {
            copy(dataSource, "outcomes", "reconciliation_outcome (business_date, refund_id, payment_method, currency, "
                    + "amount_minor, start_status, end_status)");
            copy(dataSource, "transitions", "stage_transition (seq, refund_id, from_status, to_status, why)");
            copy(dataSource, "breaks", "reconciliation_break (business_date, seq, break_type, payment_method, refund_id, "
                    + "currency, expected_amount, reported_amount, report_file, report_line, detail)");
        }

        private void copy(DataSource dataSource, String file, String table) throws IOException {
            try (InputStream in = Files.newInputStream(folder.resolve(file))) {
                PgCopy.copyIn(dataSource, table, in);
            }
        }
    }
}
