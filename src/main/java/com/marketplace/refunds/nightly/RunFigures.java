package com.marketplace.refunds.nightly;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.settlement.PublishedFiles;

/**
 * What a run for a date recorded, counted: decisions by outcome, refunds approved per payment method
 * and currency, bad rows per file (a late drop's under its date), breaks by type, stuck refunds by
 * reason, the settlement files. The console summary, {@code run-summary.json} and the metrics all read
 * them here, so they agree with each other and with the reports.
 */
record RunFigures(List<Count> decisions, List<Approved> approved, List<Count> badRows, List<Count> breaks,
                  List<Count> stuck, List<PublishedFiles.Published> files) {

    record Count(String name, long n) {
    }

    record Approved(String paymentMethod, String currency, long n, BigInteger amountMinor) {
    }

    private static final String DECISIONS = """
            SELECT decision AS name, count(*) AS n FROM decision WHERE business_date = :d
             GROUP BY decision ORDER BY decision
            """;
    /** Counted as the refunds are written (V40): those of the run's date are all hot while it runs. */
    private static final String APPROVED = """
            SELECT payment_method, currency, refunds AS n, amount_minor
              FROM refund_approved_total WHERE approved_on = :d AND refunds > 0
             ORDER BY payment_method, currency
            """;
    /** Staging holds the last run's bad rows; a late drop's files named under their date, after the run's own. */
    private static final String BAD_ROWS = """
            SELECT CASE WHEN drop_date = :d THEN file ELSE to_char(drop_date, 'YYYY-MM-DD') || '/' || file END AS name,
                   count(*) AS n
              FROM stage_reject GROUP BY drop_date, file ORDER BY drop_date = :d DESC, drop_date, file COLLATE "C"
            """;
    private static final String BREAKS = """
            SELECT break_type AS name, count(*) AS n FROM reconciliation_break WHERE business_date = :d
             GROUP BY break_type ORDER BY break_type
            """;
    private static final String STUCK = """
            SELECT reason AS name, count(*) AS n FROM stuck_refund WHERE cleared_on IS NULL AND last_flagged_on = :d
             GROUP BY reason ORDER BY reason
            """;

    static RunFigures of(JdbcClient jdbc, LocalDate businessDate) {
        return new RunFigures(counts(jdbc, DECISIONS, businessDate),
                jdbc.sql(APPROVED).param("d", businessDate).query(Approved.class).list(),
                counts(jdbc, BAD_ROWS, businessDate), counts(jdbc, BREAKS, businessDate),
                counts(jdbc, STUCK, businessDate), PublishedFiles.of(jdbc, businessDate));
    }

    private static List<Count> counts(JdbcClient jdbc, String sql, LocalDate businessDate) {
        return jdbc.sql(sql).param("d", businessDate).query(Count.class).list();
    }
}
