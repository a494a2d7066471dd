package com.marketplace.refunds.stuck;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.NightlyRunStatus;

/**
 * The stuck list as of a business date: refunds approved more than {@code refunds.stuck-after-days}
 * ({@link StuckSettings}) days before it that are not REFUNDED, oldest first, with why and since when they are
 * flagged. Reads only, so the support site can use it with a role that can only read.
 */
@Component
@EnableConfigurationProperties(StuckSettings.class)
public class StuckRefunds {

    static final String REASON = StuckReason.sql("r.status");

    /**
     * Which refunds are stuck as of a date, filtered, from open_refund (the refunds not REFUNDED): never
     * the refunds long paid. Store and buyer live on the order: an EXISTS that the planner drops when
     * neither is asked for, so totals read open_refund alone.
     */
    private static final String CONDITIONS = """
             WHERE x.approved_on < CAST(:asOf AS date) - :olderThan
               AND (CAST(:method AS text) IS NULL OR x.payment_method = :method)
               AND (CAST(:order AS text) IS NULL OR x.order_id = :order)
               AND (CAST(:store AS text) IS NULL AND CAST(:buyer AS text) IS NULL
                    OR EXISTS (SELECT FROM orders f
                                WHERE f.order_id = x.order_id
                                  AND (CAST(:store AS text) IS NULL OR f.store_id = :store)
                                  AND (CAST(:buyer AS text) IS NULL OR f.buyer_id = :buyer)))
            """;

    private static final String COLUMNS = """
            SELECT r.refund_id, r.refund_key, r.order_id, o.store_id, o.buyer_id, r.payment_method, r.currency,
                   r.amount_minor, r.status, r.approved_on, (CAST(:asOf AS date) - r.approved_on) AS age_days,
                   %s AS reason, coalesce(s.first_flagged_on, CAST(:asOf AS date)) AS first_flagged_on
              FROM open_refund x
              JOIN refund r ON r.refund_id = x.refund_id
              JOIN orders o ON o.order_id = r.order_id
              LEFT JOIN stuck_refund s ON s.refund_id = r.refund_id AND s.cleared_on IS NULL
            """.formatted(REASON);

    /** Oldest first, the order of open_refund_approved_idx, so a page reads the index only up to its rows. */
    private static final String OLDEST_FIRST = """
             ORDER BY x.approved_on, x.refund_id COLLATE "C"
            """;

    private static final String LIST = COLUMNS + CONDITIONS + OLDEST_FIRST;

    /** The page's refunds are chosen on open_refund alone; only those few are then joined to their orders. */
    private static final String PAGE = """
            WITH page AS (SELECT x.refund_id FROM open_refund x %s %s LIMIT :limit OFFSET :offset)
            %s WHERE x.refund_id IN (SELECT refund_id FROM page) %s
            """.formatted(CONDITIONS, OLDEST_FIRST, COLUMNS, OLDEST_FIRST);

    /** Like a page, but the one after a given refund (keyset): the index leads straight to it, however far. */
    private static final String AFTER = """
            WITH page AS (SELECT x.refund_id FROM open_refund x %s
                             AND (x.approved_on, x.refund_id COLLATE "C")
                                 > (CAST(:afterOn AS date), CAST(:afterId AS text) COLLATE "C")
                          %s LIMIT :limit)
            %s WHERE x.refund_id IN (SELECT refund_id FROM page) %s
            """.formatted(CONDITIONS, OLDEST_FIRST, COLUMNS, OLDEST_FIRST);

    private static final String TOTALS = """
            SELECT x.currency, count(*) AS refunds, sum(x.amount_minor) AS amount_minor
              FROM open_refund x
            %s
             GROUP BY x.currency
             ORDER BY x.currency
            """.formatted(CONDITIONS);

    private final JdbcClient jdbc;
    private final int stuckAfterDays;

    StuckRefunds(JdbcClient jdbc, StuckSettings settings) {
        this.jdbc = jdbc;
        this.stuckAfterDays = settings.stuckAfterDays();
    }

    /** The last business date whose nightly run completed; empty before the first. */
    public Optional<LocalDate> lastCompletedRun() {
        return jdbc.sql("SELECT max(business_date) FROM nightly_run WHERE status = " + NightlyRunStatus.COMPLETED.sql()).query(LocalDate.class)
                .optional();
    }

    public int stuckAfterDays() {
        return stuckAfterDays;
    }

    /** Streams the stuck refunds the filter selects, oldest first. */
    public void forEach(StuckFilter filter, Consumer<StuckRefund> each) {
        // in the nightly step's transaction, the stuck ones reach their refunds and orders by key
        ByKey.run(jdbc, () -> selecting(LIST, filter).query((RowCallbackHandler) row -> each.accept(stuckRefund(row))));
    }

    public List<StuckRefund> list(StuckFilter filter) {
        List<StuckRefund> all = new ArrayList<>();
        forEach(filter, all::add);
        return all;
    }

    /** The stuck refunds from the {@code offset}-th on, at most {@code limit}, in the list's order. */
    public List<StuckRefund> page(StuckFilter filter, long offset, int limit) {
        return selecting(PAGE, filter).param("limit", limit).param("offset", offset)
                .query((row, number) -> stuckRefund(row)).list();
    }

    /**
     * The stuck refunds that come after {@code last} in the list's order (from the first when null), at
     * most {@code limit}: a long list read a short query at a time.
     */
    public List<StuckRefund> after(StuckFilter filter, StuckRefund last, int limit) {
        if (last == null) {
            return page(filter, 0, limit);
        }
        return selecting(AFTER, filter).param("afterOn", last.approvedOn()).param("afterId", last.refundId())
                .param("limit", limit).query((row, number) -> stuckRefund(row)).list();
    }

    /** How many refunds the filter selects and their sum, per currency (in code order). */
    public List<CurrencyTotal> totals(StuckFilter filter) {
        return selecting(TOTALS, filter).query((row, number) -> new CurrencyTotal(row.getString("currency"),
                row.getLong("refunds"), row.getBigDecimal("amount_minor").toBigIntegerExact())).list();
    }

    private StatementSpec selecting(String sql, StuckFilter filter) {
        int olderThan = filter.minAgeDays() == null ? stuckAfterDays : Math.max(stuckAfterDays, filter.minAgeDays() - 1);
        return jdbc.sql(sql)
                .param("asOf", filter.asOf())
                .param("olderThan", olderThan)
                .param("method", filter.paymentMethod())
                .param("store", filter.storeId())
                .param("buyer", filter.buyerId())
                .param("order", filter.orderId());
    }

    private static StuckRefund stuckRefund(ResultSet row) throws SQLException {
        return new StuckRefund(row.getString("refund_id"), row.getString("refund_key"), row.getString("order_id"),
                row.getString("store_id"), row.getString("buyer_id"), row.getString("payment_method"),
                row.getString("currency"), row.getLong("amount_minor"), row.getString("status"),
                row.getObject("approved_on", LocalDate.class), row.getInt("age_days"), row.getString("reason"),
                row.getObject("first_flagged_on", LocalDate.class));
    }
}
