package com.marketplace.refunds.reconciliation.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.PgCopy;
import com.marketplace.refunds.shared.PgCopy.CopyRows;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;

/**
 * The date's processor reports read in full into stage_report_line (an unreadable one fails the run before
 * anything is applied), each event counted once however often it is delivered, and every line kept in
 * processor_report_line.
 */
final class StagedReportLines {

    private static final Logger log = LoggerFactory.getLogger(StagedReportLines.class);

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

    /** What the staging read: every line, and those counting for the first time. */
    record Staged(long lines, long counted) {
    }

    private StagedReportLines() {
    }

    static Staged stage(DataSource dataSource, JdbcClient jdbc, RunParameters run) throws IOException {
        LocalDate d = run.businessDate();
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
        return new Staged(lines, counted);
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
