package com.marketplace.refunds.intake.internal;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.Timed;

/**
 * The row checks that need more than one row, set-based: an identifier seen again in its file, an
 * event id delivered before for another order, a changed fixed field of a stored order, dispute
 * amounts against their order's currency. Each bad
 * row goes to stage_reject with its reason and leaves staging, so every later check sees good rows only.
 * <p>
 * Staging has no index (it is loaded by COPY and read whole), so taking rejected rows out of a stage table
 * reads all of it: a million staged orders 0.25 s. It is done only for the files a check has just rejected
 * rows of: staging holds none of the load's own bad rows, so a file with no new reject has nothing to leave.
 */
final class CrossRowChecks {

    private static final Logger log = LoggerFactory.getLogger(CrossRowChecks.class);

    /**
     * One pass over the staging in id order (byte for byte: the ids are equal or not, whatever the
     * locale). Grouping the ids in a subquery and joining the groups back to the rows, as before, read the
     * staging twice, and in parallel each of PostgreSQL's three processes grouped all of it again: a usual
     * night's million orders 1.4 s against 0.7 s alone, 1.6 s against 1.3 s in the night's run
     * (RepeatedIdsReadOnceTests; README, "Measured").
     */
    private static final String REJECT_REPEATED_IDS = """
            INSERT INTO stage_reject (drop_date, file, line_no, reason)
            SELECT drop_date, :file, line_no, '%1$s repeats the one on line ' || first_line || ' of this file'
              FROM (SELECT drop_date, line_no,
                           min(line_no) OVER (PARTITION BY drop_date, %1$s COLLATE "C") AS first_line
                      FROM %2$s) s
             WHERE line_no > first_line
            ON CONFLICT (drop_date, file, line_no) DO NOTHING
            """;

    /**
     * A run that carries late drops (docs/running.md, "Late drops") holds several drops: an event id that an
     * earlier drop of the run gave to another order is a bad row of the later drop.
     */
    private static final String REJECT_EVENT_IDS_OF_ANOTHER_ORDER_IN_AN_EARLIER_DROP = """
            INSERT INTO stage_reject (drop_date, file, line_no, reason)
            SELECT s.drop_date, :file, s.line_no, '%1$s was delivered for another order in the drop of '
                   || to_char(min(e.drop_date), 'YYYY-MM-DD')
                   || '; an id names one event of one order, ask upstream for a new id'
              FROM %2$s s JOIN %2$s e ON e.%1$s = s.%1$s AND e.drop_date < s.drop_date AND e.order_id <> s.order_id
             GROUP BY s.drop_date, s.line_no
            ON CONFLICT (drop_date, file, line_no) DO NOTHING
            """;

    /** The same for an order whose later row in the run changes the fixed fields of its earlier one. */
    private static final String REJECT_FIXED_FIELDS_CHANGED_SINCE_AN_EARLIER_DROP = """
            INSERT INTO stage_reject (drop_date, file, line_no, reason)
            SELECT s.drop_date, 'orders.csv', s.line_no, 'changes fields fixed once an order is paid, as the drop of '
                   || to_char(min(e.drop_date), 'YYYY-MM-DD') || ' gave them'
              FROM stage_orders s JOIN stage_orders e ON e.order_id = s.order_id AND e.drop_date < s.drop_date
             WHERE (s.store_id, s.buyer_id, s.payment_method, s.payment_reference, s.currency, s.items_minor,
                    s.shipping_minor, s.paid_at)
                   <> (e.store_id, e.buyer_id, e.payment_method, e.payment_reference, e.currency, e.items_minor,
                    e.shipping_minor, e.paid_at)
             GROUP BY s.drop_date, s.line_no
            ON CONFLICT (drop_date, file, line_no) DO NOTHING
            """;

    /**
     * Of the rows a run's drops give for one order or one event, the newest drop's holds (its
     * changeable fields, its seller confirmation); the older ones leave staging. Not bad rows: the same
     * event delivered twice yields one refund.
     */
    private static final String DROP_SUPERSEDED_ROWS = """
            DELETE FROM %2$s s WHERE EXISTS (SELECT 1 FROM %2$s n WHERE n.%1$s = s.%1$s AND n.drop_date > s.drop_date)
            """;

    /**
     * An id of this drop that an earlier drop carried for another order. One primary-key lookup per
     * id of this drop (LIMIT keeps it a lookup: the planner cannot turn it into a join over all of
     * event_delivery); an earlier attempt at this same date does not count.
     */
    private static final String REJECT_REUSED_EVENT_IDS = """
            INSERT INTO stage_reject (drop_date, file, line_no, reason)
            SELECT s.drop_date, :file, s.line_no, '%1$s was delivered for another order on '
                   || to_char(earlier.first_delivered_on, 'YYYY-MM-DD')
                   || '; an id names one event of one order, ask upstream for a new id'
              FROM %2$s s
             CROSS JOIN LATERAL (SELECT e.first_delivered_on FROM event_delivery e
                                  WHERE e.extract = :extract AND e.event_id = s.%1$s
                                    AND e.order_id <> s.order_id AND e.first_delivered_on <> :businessDate
                                  LIMIT 1) earlier
            ON CONFLICT (drop_date, file, line_no) DO NOTHING
            """;

    private static final String DROP_REJECTED_ROWS = """
            DELETE FROM %s s USING stage_reject r
             WHERE r.file = :file AND r.drop_date = s.drop_date AND r.line_no = s.line_no
            """;

    /**
     * The staged rows whose order is stored already, each looked up once in orders by its key (V27): the
     * fixed-field check below, the update of changed orders and the insert of new ones read the mark
     * instead of each looking the drop's orders up again. The check commits them; each part of the merge
     * clears its own once used ({@link MergeDropTasklet#UNMARK_STORED_ORDERS}). Every attempt loads staging
     * again before it comes here, unmarked; and a mark is set only on an order that is stored, so marks an
     * attempt left behind would mean the same.
     */
    static final String MARK_STORED_ORDERS = """
            UPDATE stage_orders s SET stored = true
             WHERE EXISTS (SELECT 1 FROM orders o WHERE o.order_id = s.order_id)
            """;

    static final String REJECT_CHANGED_FIXED_FIELDS = """
            INSERT INTO stage_reject (drop_date, file, line_no, reason)
            SELECT s.drop_date, 'orders.csv', s.line_no, 'changes fields fixed once an order is paid: ' || concat_ws(', ',
                       CASE WHEN s.store_id <> o.store_id THEN 'store_id' END,
                       CASE WHEN s.buyer_id <> o.buyer_id THEN 'buyer_id' END,
                       CASE WHEN s.payment_method <> o.payment_method THEN 'payment_method' END,
                       CASE WHEN s.payment_reference <> o.payment_reference THEN 'payment_reference' END,
                       CASE WHEN s.currency <> o.currency THEN 'currency' END,
                       CASE WHEN s.items_minor <> o.items_minor THEN 'items_amount' END,
                       CASE WHEN s.shipping_minor <> o.shipping_minor THEN 'shipping_amount' END,
                       CASE WHEN s.paid_at <> o.paid_at THEN 'paid_at' END)
              FROM stage_orders s JOIN orders o USING (order_id)
             WHERE s.stored
               AND (s.store_id, s.buyer_id, s.payment_method, s.payment_reference, s.currency, s.items_minor,
                    s.shipping_minor, s.paid_at)
                   <> (o.store_id, o.buyer_id, o.payment_method, o.payment_reference, o.currency, o.items_minor,
                    o.shipping_minor, o.paid_at)
            ON CONFLICT (drop_date, file, line_no) DO NOTHING
            """;

    /**
     * Decimals against the currency first (a stored order's currency looked up by key, as above, and only
     * for a dispute whose order is not in the drop: the drop's row gives the currency otherwise, and each
     * needless lookup descends the index of every order kept; the dense night's 243,057 disputes on its own
     * orders, against a million stored ones: 1.2 s to 1.6 s, 0.6 s without), then the ceiling (so the
     * product below is exact), then zero.
     */
    static final String REJECT_BAD_DISPUTE_AMOUNTS = """
            INSERT INTO stage_reject (drop_date, file, line_no, reason)
            SELECT drop_date, 'dispute_resolutions.csv', line_no, reason FROM (
                SELECT d.drop_date, d.line_no, CASE
                         WHEN NOT amount_fits(d.requested_amount, c.exponent)
                           THEN 'requested_amount is not a ' || c.code || ' amount (at most ' || c.exponent || ' decimals)'
                         WHEN NOT amount_fits(d.awarded_amount, c.exponent)
                           THEN 'awarded_amount is not a ' || c.code || ' amount (at most ' || c.exponent || ' decimals)'
                         WHEN d.requested_amount::numeric * power(10, c.exponent)::numeric > :maxMinor
                           THEN 'requested_amount: amount too large (above the ceiling of '
                                || round(:maxMinor / power(10, c.exponent)::numeric, c.exponent) || ' ' || c.code || ')'
                         WHEN d.awarded_amount::numeric * power(10, c.exponent)::numeric > :maxMinor
                           THEN 'awarded_amount: amount too large (above the ceiling of '
                                || round(:maxMinor / power(10, c.exponent)::numeric, c.exponent) || ' ' || c.code || ')'
                         WHEN d.resolution IN (%1$s) AND d.requested_amount::numeric = 0
                           THEN 'requested_amount must be above zero'
                         WHEN d.resolution IN (%2$s) AND d.awarded_amount::numeric = 0
                           THEN 'awarded_amount must be above zero'
                       END AS reason
                  FROM stage_dispute_resolutions d
                  LEFT JOIN stage_orders s USING (order_id)
                  LEFT JOIN LATERAL (SELECT o.currency FROM orders o
                                      WHERE s.currency IS NULL AND o.order_id = d.order_id LIMIT 1) o ON true
                  JOIN currency c ON c.code = coalesce(s.currency, o.currency)) checked
             WHERE reason IS NOT NULL
            ON CONFLICT (drop_date, file, line_no) DO NOTHING
            """.formatted(Resolution.sqlList(Resolution.PayingAmount.REQUESTED), Resolution.sqlList(Resolution.PayingAmount.AWARDED));

    private final JdbcClient jdbc;

    CrossRowChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The checks of the event files (each file's own ids, and the ids earlier drops gave to other orders) and
     * those of the orders file (its own ids, the stored orders, their fixed fields) read and reject disjoint
     * rows, so {@code sideBySide} may run them at once; the dispute amounts, which read both, come after.
     */
    void run(LocalDate businessDate, boolean severalDrops, SideBySide sideBySide) {
        sideBySide.run(() -> checkEventFiles(businessDate, severalDrops), () -> checkOrdersFile(severalDrops));
        Set<Extract> rejected = EnumSet.noneOf(Extract.class);
        // priced as if every dispute looked its order up among the stored ones, it passed jit_above_cost and was
        // compiled with inlining and optimisation each night: 0.6 s to 1.0 s of a dense night, for nothing
        rejectedOf(Extract.DISPUTE_RESOLUTIONS, rejected, Timed.rows(log, "dispute amounts off their currency",
                () -> ByKey.withoutJit(jdbc, () -> jdbc.sql(REJECT_BAD_DISPUTE_AMOUNTS)
                        .param("maxMinor", AmountCeiling.MAX_MINOR).update())));
        dropRejectedRows(rejected);
        if (severalDrops) {
            // last: a newer row rejected above leaves the older one to be used
            for (Extract extract : Extract.values()) {
                Timed.rows(log, extract.idColumn() + " superseded by a newer drop of this run", () -> jdbc
                        .sql(DROP_SUPERSEDED_ROWS.formatted(extract.idColumn(), extract.stageTable())).update());
            }
        }
    }

    /** Every file but the orders': each id once in its file, then the event ids delivered for another order. */
    private void checkEventFiles(LocalDate businessDate, boolean severalDrops) {
        Set<Extract> rejected = EnumSet.noneOf(Extract.class);
        for (Extract extract : Extract.values()) {
            if (extract != Extract.ORDERS) {
                rejectedOf(extract, rejected, Timed.rows(log, "repeated " + extract.idColumn(), () -> jdbc
                        .sql(repeatedIds(extract)).param("file", extract.fileName()).update()));
            }
        }
        dropRejectedRows(rejected);
        if (severalDrops) {
            for (Extract extract : Extract.values()) {
                if (extract.holdsOrderEvents()) {
                    rejectedOf(extract, rejected, Timed.rows(log, extract.idColumn() + " of another order in an earlier drop",
                            () -> jdbc.sql(REJECT_EVENT_IDS_OF_ANOTHER_ORDER_IN_AN_EARLIER_DROP.formatted(extract.idColumn(),
                                    extract.stageTable())).param("file", extract.fileName()).update()));
                }
            }
            dropRejectedRows(rejected);
        }
        for (Extract extract : Extract.values()) {
            if (extract.holdsOrderEvents()) {
                rejectedOf(extract, rejected, Timed.rows(log, extract.idColumn() + " delivered before for another order",
                        () -> jdbc.sql(reusedEventIds(extract)).param("file", extract.fileName())
                                .param("extract", extract.name()).param("businessDate", businessDate).update()));
            }
        }
        dropRejectedRows(rejected);
    }

    /** The orders file: each order once, then the staged orders stored already and their fixed fields. */
    private void checkOrdersFile(boolean severalDrops) {
        Set<Extract> rejected = EnumSet.noneOf(Extract.class);
        rejectedOf(Extract.ORDERS, rejected, Timed.rows(log, "repeated " + Extract.ORDERS.idColumn(), () -> jdbc
                .sql(repeatedIds(Extract.ORDERS)).param("file", Extract.ORDERS.fileName()).update()));
        dropRejectedRows(rejected);
        if (severalDrops) {
            rejectedOf(Extract.ORDERS, rejected, Timed.rows(log, "fixed order fields changed since an earlier drop",
                    () -> jdbc.sql(REJECT_FIXED_FIELDS_CHANGED_SINCE_AN_EARLIER_DROP).update()));
            dropRejectedRows(rejected);
        }
        Timed.rows(log, "staged orders stored already",
                () -> ByKey.rows(jdbc, () -> jdbc.sql(MARK_STORED_ORDERS).update()));
        // with each id once per file, an order's currency is known once: the dispute checks rely on it
        rejectedOf(Extract.ORDERS, rejected, Timed.rows(log, "changed fixed order fields",
                () -> ByKey.rows(jdbc, () -> jdbc.sql(REJECT_CHANGED_FIXED_FIELDS).update())));
        dropRejectedRows(rejected);
    }

    static String repeatedIds(Extract extract) {
        return REJECT_REPEATED_IDS.formatted(extract.idColumn(), extract.stageTable());
    }

    static String reusedEventIds(Extract extract) {
        return REJECT_REUSED_EVENT_IDS.formatted(extract.idColumn(), extract.stageTable());
    }

    private static void rejectedOf(Extract extract, Set<Extract> rejected, int rows) {
        if (rows > 0) {
            rejected.add(extract);
        }
    }

    /** Takes out of staging the rows just rejected of each file that has any. */
    private void dropRejectedRows(Set<Extract> rejected) {
        for (Extract extract : rejected) {
            jdbc.sql(DROP_REJECTED_ROWS.formatted(extract.stageTable())).param("file", extract.fileName()).update();
        }
        rejected.clear();
    }

    /** How two groups of checks that touch disjoint rows run: one after the other, or at once. */
    interface SideBySide {

        /** One after the other, on the caller's connection and in its transaction (a preview, the tests' tasklets). */
        SideBySide IN_TURN = (beside, here) -> {
            beside.run();
            here.run();
        };

        /** Runs both; returns once both are done, throwing the first failure. */
        void run(Runnable beside, Runnable here);
    }
}
