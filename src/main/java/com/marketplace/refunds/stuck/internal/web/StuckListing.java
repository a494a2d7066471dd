package com.marketplace.refunds.stuck.internal.web;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.stuck.CurrencyTotal;
import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefund;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.marketplace.refunds.stuck.internal.web.StuckQuery.BadQuery;

/**
 * One page of the stuck list for a query, with the count and the totals per currency of everything
 * the filters select. Without a date it is as of the last business date whose nightly run completed.
 */
@Component
class StuckListing {

    private static final String LAST_COMPLETED_DATE = """
            SELECT max(business_date) FROM nightly_run WHERE status = 'COMPLETED'
            """;

    private final StuckRefunds stuckRefunds;
    private final JdbcClient jdbc;
    private final int pageSize;

    StuckListing(StuckRefunds stuckRefunds, JdbcClient jdbc, SupportSettings settings) {
        this.stuckRefunds = stuckRefunds;
        this.jdbc = jdbc;
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
        LocalDate last = jdbc.sql(LAST_COMPLETED_DATE).query(LocalDate.class).optional().orElse(null);
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
        List<StuckRow> rows = stuckRefunds.page(filter, offset(query.page()), pageSize).stream()
                .map(StuckRow::of).toList();
        return new Result(asOf, query, query.page(), pageSize, pages, count,
                totals.stream().map(t -> new Total(t.currency(), t.refunds(), t.amount())).toList(), rows);
    }

    /**
     * The refunds of a CSV download, the page asked for or every page, streamed in the list's order.
     * Checks the query before the first row, so a bad one fails before anything is written.
     */
    Download download(StuckQuery query) {
        LocalDate asOf = asOf(query);
        StuckFilter filter = query.filter(asOf);
        if (query.allPages()) {
            return new Download(asOf, null, each -> stuckRefunds.forEach(filter, each));
        }
        checkedPages(stuckRefunds.totals(filter).stream().mapToLong(CurrencyTotal::refunds).sum(), query.page());
        return new Download(asOf, query.page(),
                each -> stuckRefunds.page(filter, offset(query.page()), pageSize).forEach(each));
    }

    /** What a download holds: as of which date, which page (null for all), and its rows, written on demand. */
    record Download(LocalDate asOf, Integer page, Consumer<Consumer<StuckRefund>> rows) {
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
