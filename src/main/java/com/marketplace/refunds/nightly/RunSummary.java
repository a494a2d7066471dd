package com.marketplace.refunds.nightly;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.nightly.RunFigures.Approved;
import com.marketplace.refunds.nightly.RunFigures.Count;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.DateRange;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.RunParameters;

/**
 * The few lines a person reads first when a run completes: decisions by outcome, the refunds approved
 * per payment method and currency, the settlement files written, bad rows, breaks by type, stuck
 * refunds, and where the reports are. Read from what the run recorded, so it agrees with the reports.
 */
final class RunSummary {

    /** Where the text of each line starts, after its label. */
    private static final int INDENT = 13;

    private RunSummary() {
    }

    static String of(JdbcClient jdbc, RunParameters run) {
        LocalDate businessDate = run.businessDate();
        Path outbox = run.outbox();
        Path reportsOfDay = run.reportsOfDay().toAbsolutePath();
        RunFigures figures = RunFigures.of(jdbc, businessDate);
        List<Count> badRows = figures.badRows();
        StringBuilder summary = new StringBuilder("The nightly run for " + businessDate + " completed.");
        if (run.carries()) {
            line(summary, "late drops", dates(run.carried()) + ": carried by this run, read before its own");
        }
        if (!run.withoutDrop().isEmpty()) {
            line(summary, "no drop", dates(run.withoutDrop()) + ": passed over; a drop that comes for "
                    + (run.withoutDrop().size() == 1 ? "it" : "one of them") + " is carried by a later run");
        }
        line(summary, "decisions", listed(figures.decisions(), "no trigger to decide"));
        line(summary, "refunds", approved(figures.approved()));
        line(summary, "files", figures.files().stream()
                .map(file -> file.fileName() + " (" + refunds(file.recordCount()) + ")").collect(Collectors.joining(", "))
                + " in " + outbox.resolve(businessDate.toString()).toAbsolutePath());
        line(summary, "bad rows", badRows.isEmpty() ? "none"
                : badRows.stream().map(file -> file.name() + ": " + file.n()).collect(Collectors.joining(", "))
                        + "; kept in " + reportsOfDay.resolve("rejects"));
        line(summary, "breaks", listed(figures.breaks(), "none"));
        line(summary, "stuck", listed(figures.stuck(), "none"));
        line(summary, "reports", reportsOfDay + " (start with reconciliation.html)");
        return summary.toString();
    }

    /** One line per payment method: how many refunds were approved, then the amount and count per currency. */
    private static String approved(List<Approved> approved) {
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

    /** The dates, consecutive ones as one range: {@code 2026-11-26 to 2026-12-15 (20 dates), 2026-12-17}. */
    static String dates(List<LocalDate> dates) {
        return DateRange.of(dates).stream().map(range -> switch ((int) Math.min(range.days(), 3)) {
            case 1 -> range.first().toString();
            case 2 -> range.first() + ", " + range.last();
            default -> range.first() + " to " + range.last() + " (" + range.days() + " dates)";
        }).collect(Collectors.joining(", "));
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
