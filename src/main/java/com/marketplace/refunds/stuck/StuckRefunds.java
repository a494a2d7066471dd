package com.marketplace.refunds.stuck;

import java.util.List;
import java.util.function.Consumer;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The stuck list as of a business date: refunds approved more than {@code refunds.stuck-after-days}
 * (default 30) days before it that are not REFUNDED, oldest first, with why and since when they are
 * flagged. Reads only.
 */
@Component
public class StuckRefunds {

    static final String REASON = """
            CASE r.status WHEN 'WAITING_REFUND' THEN 'NEVER_SENT' WHEN 'REFUND_PROCESSING' THEN 'NO_CONFIRMATION'
                          ELSE 'FAILED' END""";

    private static final String LIST = """
            SELECT r.refund_id, r.refund_key, r.order_id, o.store_id, o.buyer_id, r.payment_method, r.currency,
                   r.amount_minor, r.status, r.approved_on, (CAST(? AS date) - r.approved_on) AS age_days,
                   %s AS reason, coalesce(s.first_flagged_on, CAST(? AS date)) AS first_flagged_on
              FROM refund r
              JOIN orders o ON o.order_id = r.order_id
              LEFT JOIN stuck_refund s ON s.refund_id = r.refund_id AND s.cleared_on IS NULL
             WHERE r.status <> 'REFUNDED'
               AND r.approved_on < CAST(? AS date) - ?
               AND (CAST(? AS text) IS NULL OR r.payment_method = ?)
               AND (CAST(? AS text) IS NULL OR o.store_id = ?)
               AND (CAST(? AS text) IS NULL OR o.buyer_id = ?)
               AND (CAST(? AS text) IS NULL OR r.order_id = ?)
             ORDER BY r.approved_on, r.refund_id COLLATE "C"
            """.formatted(REASON);

    private final JdbcTemplate jdbc;
    private final int stuckAfterDays;

    public StuckRefunds(JdbcTemplate jdbc, @Value("${refunds.stuck-after-days:30}") int stuckAfterDays) {
        this.jdbc = jdbc;
        this.stuckAfterDays = stuckAfterDays;
    }

    public int stuckAfterDays() {
        return stuckAfterDays;
    }

    /** Streams the stuck refunds the filter selects, oldest first. */
    public void forEach(StuckFilter filter, Consumer<StuckRefund> each) {
        int olderThan = filter.minAgeDays() == null ? stuckAfterDays : Math.max(stuckAfterDays, filter.minAgeDays() - 1);
        jdbc.query(LIST, row -> {
            each.accept(new StuckRefund(row.getString("refund_id"), row.getString("refund_key"),
                    row.getString("order_id"), row.getString("store_id"), row.getString("buyer_id"),
                    row.getString("payment_method"), row.getString("currency"), row.getLong("amount_minor"),
                    row.getString("status"), row.getObject("approved_on", java.time.LocalDate.class),
                    row.getInt("age_days"), row.getString("reason"),
                    row.getObject("first_flagged_on", java.time.LocalDate.class)));
        }, filter.asOf(), filter.asOf(), filter.asOf(), olderThan, filter.paymentMethod(), filter.paymentMethod(),
                filter.storeId(), filter.storeId(), filter.buyerId(), filter.buyerId(), filter.orderId(),
                filter.orderId());
    }

    public List<StuckRefund> list(StuckFilter filter) {
        List<StuckRefund> all = new java.util.ArrayList<>();
        forEach(filter, all::add);
        return all;
    }
}
