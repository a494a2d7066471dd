package com.marketplace.refunds.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.shared.Identifiers;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.stuck.CurrencyTotal;
import com.marketplace.refunds.stuck.OrderRefunds;
import com.marketplace.refunds.stuck.StuckCells;
import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefund;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.marketplace.refunds.stuck.StuckSteps;

/**
 * {@code stuck}: the stuck list as of a date, filtered, as a readable table (with the other refunds of
 * each order) or as CSV in the layout of {@code stuck-refunds.csv}, oldest first.
 */
final class StuckCommand {

    private static final String[] TABLE_COLUMNS = {"refund_id", "order_id", "store_id", "buyer_id", "method",
            "currency", "amount", "status", "approved_on", "age", "reason", "flagged_on", "other_refunds_of_the_order"};
    private static final int[] TABLE_CELLS = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};

    private static final Logger log = LoggerFactory.getLogger(StuckCommand.class);

    private StuckCommand() {
    }

    /** Checks the options before anything starts, then prints the list. */
    static int run(Class<?> application, CommandLine commandLine, PrintStream out, PrintStream err) {
        StuckFilter filter = filter(commandLine);
        boolean csv = "csv".equals(commandLine.options().get("format"));
        return WithApplication.run(application, err, context -> {
            try {
                print(context.getBean(StuckRefunds.class), context.getBean(OrderRefunds.class), filter, csv, out, err);
                return ExitCode.COMPLETED;
            }
            catch (IOException | RuntimeException e) {
                log.error("Listing the stuck refunds failed", e);
                err.println("refund-settlement: cannot list the stuck refunds: " + e.getMessage());
                return ExitCode.FAILED;
            }
        });
    }

    private static StuckFilter filter(CommandLine commandLine) {
        String method = commandLine.options().get("payment-method");
        if (method != null && !PaymentMethodOption.accepts(method)) {
            throw new UsageException("--payment-method=" + method + " is not " + PaymentMethodOption.choices(" or "));
        }
        Long minAge = commandLine.optionalNumber("min-age-days");
        if (minAge != null && (minAge < 0 || minAge > 36_500)) {
            throw new UsageException("--min-age-days must be a number of days from 0");
        }
        String format = commandLine.options().getOrDefault("format", "table");
        if (!format.equals("table") && !format.equals("csv")) {
            throw new UsageException("--format=" + format + " is not table or csv");
        }
        return new StuckFilter(commandLine.businessDate(), method, identifier(commandLine, "store"),
                identifier(commandLine, "buyer"), identifier(commandLine, "order"), minAge == null ? null : minAge.intValue());
    }

    private static String identifier(CommandLine commandLine, String option) {
        String value = commandLine.options().get(option);
        if (value != null && !Identifiers.isValid(value)) {
            throw new UsageException("--" + option + "=... is not an identifier (1 to 64 letters, digits, '.', '_', '-')");
        }
        return value;
    }

    /**
     * Prints the list; for a date after the last completed run, first says on {@code err} that it is a
     * projection (the refunds as the last run left them, aged as of the date), so nobody takes it for a
     * list the nightly job flagged that day.
     */
    private static void print(StuckRefunds stuckRefunds, OrderRefunds orderRefunds, StuckFilter filter, boolean csv,
                      PrintStream out, PrintStream err) throws IOException {
        Optional<LocalDate> last = stuckRefunds.lastCompletedRun();
        boolean projection = last.map(filter.asOf()::isAfter).orElse(true);
        if (projection) {
            err.println("note: " + last.map(date -> "no nightly run has completed for " + filter.asOf()
                    + " yet (the last completed is " + date + ")").orElse("no nightly run has completed yet")
                    + ", so this is a projection: the refunds as " + last.map(date -> "the run for " + date)
                    .orElse("they stand") + " left them, aged as of " + filter.asOf()
                    + "; a refund not flagged yet shows " + filter.asOf() + " as flagged_on.");
        }
        if (csv) {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            ReportCsv.print(writer, StuckSteps.HEADER, report -> stuckRefunds.forEach(filter,
                    stuck -> report.row(StuckCells.of(stuck))));
            writer.flush();
            return;
        }
        List<StuckRefund> stuck = new ArrayList<>();
        stuckRefunds.forEach(filter, stuck::add);
        Map<String, OrderRefunds.OfOrder> byOrder = orderRefunds.of(
                stuck.stream().map(StuckRefund::orderId).toList());
        List<String[]> rows = new ArrayList<>();
        for (StuckRefund refund : stuck) {
            String[] cells = StuckCells.of(refund);
            String[] row = new String[TABLE_COLUMNS.length];
            for (int i = 0; i < TABLE_CELLS.length; i++) {
                row[i] = ReportCsv.neutralise(cells[TABLE_CELLS[i]]);
            }
            row[TABLE_CELLS.length] = OrderRefunds.othersOf(byOrder, refund.orderId(), refund.refundId()).toString();
            rows.add(row);
        }
        List<CurrencyTotal> totals = stuckRefunds.totals(filter);
        out.print(table(rows));
        out.println(rows.size() + " stuck refund" + (rows.size() == 1 ? "" : "s") + " as of " + filter.asOf()
                + (projection ? " (a projection: no run has completed for that date)" : "")
                + (totals.isEmpty() ? "" : "; totals " + totals.stream()
                        .map(total -> total.amount() + " " + total.currency()).toList()));
    }

    private static String table(List<String[]> rows) {
        int[] widths = new int[TABLE_COLUMNS.length];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = TABLE_COLUMNS[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        line(table, TABLE_COLUMNS, widths);
        for (String[] row : rows) {
            line(table, row, widths);
        }
        return table.toString();
    }

    private static void line(StringBuilder table, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            boolean number = i == 6 || i == 9;
            String cell = cells[i];
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(number ? padding + cell : cell + padding).append("  ");
        }
        table.append(line.toString().stripTrailing()).append('\n');
    }
}
