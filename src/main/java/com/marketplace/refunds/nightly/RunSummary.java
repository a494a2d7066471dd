package com.marketplace.refunds.nightly;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.settlement.PublishedFiles;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.RunParameters;

/**
 * The few lines a person reads first when a run completes: decisions by outcome, the refunds approved
 * per payment method and currency, the settlement files written, bad rows, breaks by type, stuck
 * refunds, and where the reports are. Read from what the run recorded, so it agrees with the reports.
 */
final class RunSummary {

    private static final String DECISIONS = """
            SELECT decision AS name, count(*) AS n FROM decision WHERE business_date = :d
             GROUP BY decision ORDER BY decision
            """;
    private static final String APPROVED = """
            SELECT payment_method, currency, count(*) AS n, sum(amount_minor) AS amount_minor
              FROM refund WHERE approved_on = :d
             GROUP BY payment_method, currency ORDER BY payment_method, currency
            """;
    /** A late drop's files named under their date, after the run's own. */
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

    /** Where the text of each line starts, after its label. */
    private static final int INDENT = 13;

    private record Count(String name, long n) {
    }

    private record Approved(String paymentMethod, String currency, long n, BigInteger amountMinor) {
    }

    private RunSummary() {
    }

    static String of(JdbcClient jdbc, RunParameters run) {
        LocalDate businessDate = run.businessDate();
        Path outbox = run.outbox();
        Path reportsOfDay = run.reportsOfDay().toAbsolutePath();
        List<Count> badRows = counts(jdbc, BAD_ROWS, businessDate);
        StringBuilder summary = new StringBuilder("The nightly run for " + businessDate + " completed.");
        if (run.carries()) {
            line(summary, "late drops", dates(run.carried()) + ": carried by this run, read before its own");
        }
        if (!run.withoutDrop().isEmpty()) {
            line(summary, "no drop", dates(run.withoutDrop()) + ": passed over; a drop that comes for "
                    + (run.withoutDrop().size() == 1 ? "it" : "one of them") + " is carried by a later run");
        }
        line(summary, "decisions", listed(counts(jdbc, DECISIONS, businessDate), "no trigger to decide"));
        line(summary, "refunds", approved(jdbc, businessDate));
        line(summary, "files", PublishedFiles.of(jdbc, businessDate).stream()
                .map(file -> file.fileName() + " (" + refunds(file.recordCount()) + ")").collect(Collectors.joining(", "))
                + " in " + outbox.resolve(businessDate.toString()).toAbsolutePath());
        line(summary, "bad rows", badRows.isEmpty() ? "none"
                : badRows.stream().map(file -> file.name() + ": " + file.n()).collect(Collectors.joining(", "))
                        + "; kept in " + reportsOfDay.resolve("rejects"));
        line(summary, "breaks", listed(counts(jdbc, BREAKS, businessDate), "none"));
        line(summary, "stuck", listed(counts(jdbc, STUCK, businessDate), "none"));
        line(summary, "reports", reportsOfDay + " (start with reconciliation.html)");
        return summary.toString();
    }

    private static List<Count> counts(JdbcClient jdbc, String sql, LocalDate businessDate) {
        return jdbc.sql(sql).param("d", businessDate).query(Count.class).list();
    }

    /** One line per payment method: how many refunds were approved, then the amount and count per currency. */
    private static String approved(JdbcClient jdbc, LocalDate businessDate) {
        List<Approved> approved = jdbc.sql(APPROVED).param("d", businessDate).query(Approved.class).list();
        if (approved.isEmpty()) {
            return "none approved";
        }
        return approved.stream().collect(Collectors.groupingBy(Approved::paymentMethod, java.util.TreeMap::new,
                        Collectors.toList())).entrySet().stream()
                .map(method -> method.getKey() + " " + refunds(method.getValue().stream().mapToLong(Approved::n).sum())
                        + " approved: " + method.getValue().stream().map(group -> Money.format(group.amountMinor(),
                                Currencies.exponent(group.currency())) + " " + group.currency() + " (" + group.n() + ")")
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n" + " ".repeat(INDENT)));
    }

    private static String dates(List<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).collect(Collectors.joining(", "));
    }

    private static String listed(List<Count> counts, String none) {
        return counts.isEmpty() ? none
                : counts.stream().map(count -> count.n() + " " + count.name()).collect(Collectors.joining(", "));
    }

    private static String refunds(long n) {
        return n + (n == 1 ? " refund" : " refunds");
    }

    private static void line(StringBuilder summary, String label, String text) {
        summary.append("\n  ").append(label).append(" ".repeat(INDENT - 2 - label.length())).append(text);
    }
}
