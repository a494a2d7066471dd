package com.marketplace.refunds.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.ReviewStatus;

/**
 * Brings archived orders back into the hot tables, each with every refund it has, before a night
 * uses them: the orders a drop names (an order row, an event, a fraud block of their store) and the
 * orders of the refunds a processor report names. Runs in the caller's transaction, so a step that
 * fails puts them back in the archive with everything else it did. Each night's row finds its
 * archived one through the archive's keys, so the cost follows the night.
 */
public final class HotRows {

    private static final Logger log = LoggerFactory.getLogger(HotRows.class);

    static final String ORDER_COLUMNS = """
            order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor, shipping_minor,
            paid_at, ship_deadline, shipped_at, tracking_number, delivered_at, free_return, protection_expires_at,
            first_seen_on, last_changed_on, seen_bucket""";

    static final String REFUND_COLUMNS = """
            refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference, currency, amount_minor,
            status, approved_on, status_changed_on, settlement_file, confirmations, reversals""";

    /** Only the archive's own moves may delete rows of refund, orders and the archive, in their transaction. */
    static final String MOVING = "SELECT set_config('refunds.moving_rows', 'on', true)";
    static final String NOT_MOVING = "SELECT set_config('refunds.moving_rows', '', true)";

    /**
     * The archived orders a drop names: by its order rows and events, and by its fraud blocks' stores
     * (those the block reaches and that its store's earlier block has not already decided finally).
     */
    private static final String NAMED_BY_DROP = """
            INSERT INTO restoring (order_id, committed_minor)
            SELECT a.order_id, a.committed_minor
              FROM (SELECT order_id FROM stage_orders
                    UNION ALL SELECT order_id FROM stage_cancellations
                    UNION ALL SELECT order_id FROM stage_dispute_resolutions
                    UNION ALL SELECT order_id FROM stage_free_returns) named
              JOIN archived_order a ON a.order_id = named.order_id
            UNION
            SELECT a.order_id, a.committed_minor
              FROM stage_store_blocks b
              JOIN archived_order a ON a.store_id = b.store_id
             WHERE b.review_status = %s AND a.paid_at < b.blocked_at
               AND (a.delivered_at IS NULL OR a.delivered_at >= b.blocked_at)
               AND NOT EXISTS (SELECT 1 FROM decision x
                                WHERE x.refund_key = 'FRAUD:' || b.store_id || ':' || a.order_id AND x.final)
            """.formatted(ReviewStatus.CONFIRMED_FRAUD.sql());

    /** The orders of the archived refunds that tonight's report lines count (a line read before moves nothing). */
    private static final String NAMED_BY_REPORT_LINES = """
            INSERT INTO restoring (order_id, committed_minor)
            SELECT DISTINCT a.order_id, a.committed_minor
              FROM stage_report_line l
              JOIN archived_refund r ON r.refund_id = l.refund_id
              JOIN archived_order a ON a.order_id = r.order_id
             WHERE l.counted
            """;

    /** Whether the archive holds any order (before the first archive, or after every order came back, it does not). */
    private static final String ANYTHING_ARCHIVED = "SELECT EXISTS (SELECT 1 FROM archived_order)";

    private static final String RESTORING = """
            CREATE TEMPORARY TABLE IF NOT EXISTS restoring (
                order_id        TEXT   PRIMARY KEY,
                committed_minor BIGINT NOT NULL
            ) ON COMMIT DELETE ROWS
            """;

    /** Back with nothing committed: the insert trigger on refund adds what its refunds hold. */
    private static final String ORDERS_BACK = """
            WITH back AS (DELETE FROM archived_order a USING restoring r WHERE a.order_id = r.order_id RETURNING a.*)
            INSERT INTO orders (%1$s) SELECT %1$s FROM back
            """.formatted(ORDER_COLUMNS);

    private static final String REFUNDS_BACK = """
            WITH back AS (DELETE FROM archived_refund a USING restoring r WHERE a.order_id = r.order_id RETURNING a.*)
            INSERT INTO refund (%1$s) SELECT %1$s FROM back
            """.formatted(REFUND_COLUMNS);

    private static final String COMMITTED_DIFFERS = """
            SELECT count(*) FROM restoring r JOIN orders o ON o.order_id = r.order_id
              LEFT JOIN order_commitment c ON c.order_id = r.order_id
             WHERE coalesce(c.committed_minor, 0) <> r.committed_minor
            """;

    private HotRows() {
    }

    /** The archived orders this drop names, back in the hot tables; returns how many. */
    public static int restoreNamedByDrop(JdbcClient jdbc) {
        return restore(jdbc, NAMED_BY_DROP, "named by the drop");
    }

    /** The archived orders of the refunds tonight's counted report lines name, back; returns how many. */
    public static int restoreNamedByReportLines(JdbcClient jdbc) {
        return restore(jdbc, NAMED_BY_REPORT_LINES, "named by the processor reports");
    }

    private static int restore(JdbcClient jdbc, String named, String why) {
        long started = System.nanoTime();
        if (!jdbc.sql(ANYTHING_ARCHIVED).query(Boolean.class).single()) {
            return 0; // nothing to look the night's ids up in: until the first archive, a million lookups for none
        }
        jdbc.sql(RESTORING).update();
        jdbc.sql("TRUNCATE restoring").update();
        int orders = ByKey.rows(jdbc, () -> jdbc.sql(named).update());
        if (orders == 0) {
            return 0;
        }
        jdbc.sql(MOVING).query().singleRow();
        int back = ByKey.rows(jdbc, () -> jdbc.sql(ORDERS_BACK).update());
        int refunds = ByKey.rows(jdbc, () -> jdbc.sql(REFUNDS_BACK).update());
        jdbc.sql(NOT_MOVING).query().singleRow();
        long differ = jdbc.sql(COMMITTED_DIFFERS).query(Long.class).single();
        if (back != orders || differ != 0) {
            throw new IllegalStateException("the archive disagrees with itself: of " + orders + " archived orders "
                    + why + ", " + back + " came back and " + differ + " of them with refunds that do not add up to "
                    + "their committed amount; nothing was changed. Report it: the archive needs checking");
        }
        log.info("{} archived orders {} are back in the hot tables with their {} refunds, in {} ms", orders, why,
                refunds, (System.nanoTime() - started) / 1_000_000);
        return orders;
    }
}
