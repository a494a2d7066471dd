package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.shared.ScratchFile;
import com.marketplace.refunds.stuck.CurrencyTotal;
import com.marketplace.refunds.stuck.OrderRefunds;
import com.marketplace.refunds.stuck.StuckCells;
import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefund;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.marketplace.refunds.stuck.StuckSteps;
import com.marketplace.refunds.stuck.internal.web.StuckQuery.BadQuery;

/**
 * One page of the stuck list for a query, with the count and the totals per currency of everything
 * the filters select. Without a date it is as of the last business date whose nightly run completed.
 */
@Component
class StuckListing {

    static final int ROWS_PER_READ = 1000;

    private final StuckRefunds stuckRefunds;
    private final OrderRefunds orderRefunds;
    private final int pageSize;

    StuckListing(StuckRefunds stuckRefunds, OrderRefunds orderRefunds, SupportSettings settings) {
        this.stuckRefunds = stuckRefunds;
        this.orderRefunds = orderRefunds;
        this.pageSize = settings.pageSize();
    }

    /** The total of one currency as shown: how many refunds, and their sum. */
    record Total(String currency, long refunds, String amount) {
    }

    record Result(LocalDate asOf, StuckQuery query, int page, int pageSize, int pages, long count,
                  List<Total> totals, List<StuckRow> rows) {
    }

    int stuckAfterDays() {
        return stuckRefunds.stuckAfterDays();
    }

    LocalDate asOf(StuckQuery query) {
        if (query.asOf() != null) {
            return query.asOf();
        }
        LocalDate last = stuckRefunds.lastCompletedRun().orElse(null);
        if (last == null) {
            throw new BadQuery(List.of("No nightly run has completed yet, so there is no date to list as of; "
                    + "give an As of date"));
        }
        return last;
    }

    Result list(StuckQuery query) {
        LocalDate asOf = asOf(query);
        StuckFilter filter = query.filter(asOf);
        List<CurrencyTotal> totals = stuckRefunds.totals(filter);
        long count = totals.stream().mapToLong(CurrencyTotal::refunds).sum();
        int pages = checkedPages(count, query.page());
        List<StuckRefund> page = stuckRefunds.page(filter, offset(query.page()), pageSize);
        Map<String, OrderRefunds.OfOrder> byOrder = orderRefunds.of(page.stream().map(StuckRefund::orderId).toList());
        List<StuckRow> rows = page.stream().map(stuck -> StuckRow.of(stuck,
                OrderRefunds.othersOf(byOrder, stuck.orderId(), stuck.refundId()))).toList();
        return new Result(asOf, query, query.page(), pageSize, pages, count,
                totals.stream().map(t -> new Total(t.currency(), t.refunds(), t.amount())).toList(), rows);
    }

    /**
     * The rows of a CSV download, the page asked for or every page, in the list's order, written to an
     * owner-only temporary file that closing the download frees ({@link ScratchFile}: out of the temporary
     * folder at once, so a site killed mid-download leaves nothing on disk). Every page is read
     * {@link #ROWS_PER_READ} rows at a time after the last one read (keyset), each read a short query on a
     * connection of its own, so a long list never holds a connection and never starves the pages.
     * Checks the query before the first row, so a bad one fails before anything is written.
     */
    Download download(StuckQuery query) throws IOException {
        LocalDate asOf = asOf(query);
        StuckFilter filter = query.filter(asOf);
        Integer page = query.allPages() ? null : query.page();
        if (page != null) {
            checkedPages(stuckRefunds.totals(filter).stream().mapToLong(CurrencyTotal::refunds).sum(), page);
        }
        ScratchFile file = ScratchFile.create("stuck-refunds");
        try (Writer out = file.writer()) {
            ReportCsv.print(out, StuckSteps.HEADER, csv -> {
                if (page != null) {
                    stuckRefunds.page(filter, offset(page), pageSize).forEach(row -> csv.row(StuckCells.of(row)));
                    return;
                }
                List<StuckRefund> read;
                StuckRefund last = null;
                do {
                    read = stuckRefunds.after(filter, last, ROWS_PER_READ);
                    read.forEach(row -> csv.row(StuckCells.of(row)));
                    last = read.isEmpty() ? null : read.get(read.size() - 1);
                } while (read.size() == ROWS_PER_READ);
            });
        }
        catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return new Download(asOf, page, file);
    }

    /** A download: as of which date, which page (null for all), and the file holding it until closed. */
    record Download(LocalDate asOf, Integer page, ScratchFile file) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    /** How many pages the list has; refuses a page past the last. */
    private int checkedPages(long count, int page) {
        int pages = (int) Math.max(1, (count + pageSize - 1) / pageSize);
        if (page > pages) {
            throw new BadQuery(List.of("Page " + page + " is past the last page of this list, page " + pages));
        }
        return pages;
    }

    private long offset(int page) {
        return (long) (page - 1) * pageSize;
    }
}
