package com.marketplace.refunds.reconciliation.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.OwnerOnly;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.shared.RunParameters;

/** Writes reconciliation-summary.csv, reconciliation-breaks.csv and reconciliation.html for a run. */
public final class ReconciliationReports {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationReports.class);

    static final String[] SUMMARY_HEADER = {"payment_method", "currency", "opening_count", "opening_amount",
            "approved_count", "approved_amount", "confirmed_count", "confirmed_amount", "failed_count", "failed_amount",
            "cancelled_count", "cancelled_amount", "closing_count", "closing_amount"};
    static final String[] BREAKS_HEADER = {"break_type", "payment_method", "refund_id", "currency", "expected_amount",
            "reported_amount", "report_file", "report_line", "detail"};

    private static final String BREAKS_OF_DAY = """
            SELECT break_type, payment_method, refund_id, currency, expected_amount, reported_amount, report_file,
                   report_line, detail
              FROM reconciliation_break WHERE business_date = :d ORDER BY seq
            """;

    record BreakRow(String breakType, String paymentMethod, String refundId, String currency, String expectedAmount,
                    String reportedAmount, String reportFile, Integer reportLine, String detail) {

        BreakType type() {
            return BreakType.valueOf(breakType);
        }
    }

    private final JdbcClient jdbc;
    private final RollForward rollForward;

    public ReconciliationReports(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.rollForward = new RollForward(jdbc);
    }

    public void write(RunParameters run, List<ProcessorReports.Ignored> ignoredFiles) {
        LocalDate businessDate = run.businessDate();
        Path reportsOfDay = run.reportsOfDay();
        List<RollForward.Row> summary = rollForward.of(businessDate);
        summary.stream().filter(row -> !row.balances()).findFirst().ifPresent(row -> {
            throw new ExplainedFailure("the roll-forward of " + row.paymentMethod() + " " + row.currency()
                    + " does not balance for " + businessDate + "; the reports were not written. Report this: "
                    + "a refund's status changed outside the nightly run");
        });
        List<BreakRow> breaks = jdbc.sql(BREAKS_OF_DAY).param("d", businessDate).query(BreakRow.class).list();
        ReportCsv.write(reportsOfDay.resolve("reconciliation-summary.csv"), SUMMARY_HEADER, csv -> summary.forEach(row -> {
            int exponent = Currencies.exponent(row.currency());
            csv.row(row.paymentMethod(), row.currency(), String.valueOf(row.openingCount()),
                    Money.format(row.openingMinor(), exponent), String.valueOf(row.approvedCount()),
                    Money.format(row.approvedMinor(), exponent), String.valueOf(row.confirmedCount()),
                    Money.format(row.confirmedMinor(), exponent), String.valueOf(row.failedCount()),
                    Money.format(row.failedMinor(), exponent), String.valueOf(row.cancelledCount()),
                    Money.format(row.cancelledMinor(), exponent), String.valueOf(row.closingCount()),
                    Money.format(row.closingMinor(), exponent));
        }));
        ReportCsv.write(reportsOfDay.resolve("reconciliation-breaks.csv"), BREAKS_HEADER, csv -> breaks.forEach(b ->
                csv.row(b.breakType(), b.paymentMethod(), b.refundId(), b.currency(), b.expectedAmount(),
                        b.reportedAmount(), b.reportFile(), b.reportLine() == null ? null : b.reportLine().toString(),
                        b.detail())));
        OwnerOnly.replace(reportsOfDay.resolve("reconciliation.html"), ReconciliationPage.render(businessDate, summary,
                breaks, ignoredFiles, run.carried(), run.withoutDrop(), Holds.of(jdbc, businessDate),
                Holds.stillHeld(jdbc)).getBytes(StandardCharsets.UTF_8));
        log.info("Reconciliation reports written: {} currencies, {} breaks", summary.size(), breaks.size());
    }
}
