package com.marketplace.refunds.refund.internal;

import static com.marketplace.refunds.refund.TriggerType.AUTO_CANCELLATION;
import static com.marketplace.refunds.refund.TriggerType.CANCELLATION;
import static com.marketplace.refunds.refund.TriggerType.DISPUTE;
import static com.marketplace.refunds.refund.TriggerType.FRAUD_BLOCK;
import static com.marketplace.refunds.refund.TriggerType.FREE_RETURN;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.refund.Trigger;
import com.marketplace.refunds.refund.TriggerType;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.Timed;

/**
 * Gathers the triggers a run decides, set-based: the drop's events whose refund key has no final
 * decision yet, the orders of stores confirmed fraudulent, and the orders whose ship deadline
 * passed before the cut-off while they had not shipped. Each reaches the stored orders and
 * decisions by key, so its cost follows the night's drop and what is still open.
 */
final class TriggerCollector {

    private static final String NOT_FINALLY_DECIDED = """
             AND NOT EXISTS (SELECT 1 FROM decision x WHERE x.refund_key = %s AND x.final)
            """;

    private static final String CANCELLATIONS = """
            INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time,
                   requested_at, seller_confirmed_at)
            SELECT :businessDate, %1$s, %2$s, c.order_id, %3$s, c.requested_at,
                   c.requested_at, c.seller_confirmed_at
              FROM stage_cancellations c
             WHERE true
            """.formatted(CANCELLATION.refundKeySql("c.cancellation_id"), CANCELLATION.sql(), OrderPart.hashSql("c.order_id"))
            + NOT_FINALLY_DECIDED.formatted(CANCELLATION.refundKeySql("c.cancellation_id"));

    private static final String FREE_RETURNS = """
            INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time,
                   requested_at, received_at)
            SELECT :businessDate, %1$s, %2$s, r.order_id, %3$s,
                   coalesce(r.received_at, r.requested_at), r.requested_at, r.received_at
              FROM stage_free_returns r
             WHERE true
            """.formatted(FREE_RETURN.refundKeySql("r.return_id"), FREE_RETURN.sql(), OrderPart.hashSql("r.order_id"))
            + NOT_FINALLY_DECIDED.formatted(FREE_RETURN.refundKeySql("r.return_id"));

    /** A dispute of an unknown order keeps its paying amount as delivered, for when its order comes late. */
    private static final String DISPUTES = """
            INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time,
                   opened_at, resolution, return_required, received_at, amount_minor, amount_text)
            SELECT :businessDate, %1$s, %2$s, d.order_id, %4$s, d.resolved_at,
                   d.opened_at, d.resolution, d.return_required, d.return_received_at, d.paying_minor,
                   CASE WHEN d.paying_minor IS NULL -- no order to read it against (or nothing to pay)
                        THEN %3$s
                   END
              FROM stage_dispute_resolutions d
             WHERE true
            """.formatted(DISPUTE.refundKeySql("d.dispute_id"), DISPUTE.sql(), Resolution.payingAmountSql("d"),
                    OrderPart.hashSql("d.order_id"))
            + NOT_FINALLY_DECIDED.formatted(DISPUTE.refundKeySql("d.dispute_id"));

    /**
     * The store's orders the block reaches ({@link Trigger.FraudBlock#reachesSql}): for each night that
     * stored orders and each hundred thousand of that night's orders (seen_bucket), two ranges of
     * orders_seen_bucket_store_idx (a few index lookups per night kept, bucket and blocked store), the
     * orders not delivered and those delivered from the block on, which the rule then judges.
     */
    static final String FRAUD_BLOCKS = """
            INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time)
            SELECT :businessDate, %1$s, %2$s, o.order_id, %4$s,
                   b.confirmed_at
              FROM stage_store_blocks b
             CROSS JOIN (SELECT night.seen::date AS seen, bucket.n
                           FROM generate_series((SELECT min(first_seen_on) FROM orders),
                                                (SELECT max(first_seen_on) FROM orders), interval '1 day') AS night(seen)
                          CROSS JOIN LATERAL generate_series(0, (SELECT max(x.seen_bucket) FROM orders x
                                                                  WHERE x.first_seen_on = night.seen::date)) AS bucket(n)
                        ) part
             CROSS JOIN LATERAL (
                   SELECT o.order_id, o.paid_at, o.delivered_at FROM orders o
                    WHERE o.first_seen_on = part.seen AND o.seen_bucket = part.n AND o.store_id = b.store_id
                      AND o.delivered_at IS NULL
                   UNION ALL
                   SELECT o.order_id, o.paid_at, o.delivered_at FROM orders o
                    WHERE o.first_seen_on = part.seen AND o.seen_bucket = part.n AND o.store_id = b.store_id
                      AND o.delivered_at >= b.blocked_at) o
             WHERE %3$s
            """.formatted(FRAUD_BLOCK.refundKeySql("b.store_id", "o.order_id"), FRAUD_BLOCK.sql(),
                    Trigger.FraudBlock.reachesSql("b", "o"), OrderPart.hashSql("o.order_id"))
            + NOT_FINALLY_DECIDED.formatted(FRAUD_BLOCK.refundKeySql("b.store_id", "o.order_id"));

    /**
     * The orders that can miss their deadline tonight: those this drop brought or changed (the staged rows
     * given), and those stored before whose deadline passed since the last run ({@code open_ship_deadline}),
     * judged on their stored rows. An order both staged and waiting there gives the same row from both,
     * taken once.
     */
    private static final String MISSED_SHIP_DEADLINES_OF = """
            INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time)
            SELECT :businessDate, %3$s, %4$s, due.order_id, %5$s, due.ship_deadline
              FROM (%1$s
                    UNION
                    SELECT o.order_id, o.ship_deadline FROM open_ship_deadline d JOIN orders o USING (order_id)
                     WHERE d.ship_deadline < :cutOff AND %2$s) due
             WHERE true
            """;

    /**
     * Tonight's staged orders judged on their staged rows, which the merge has just stored as they are, so none
     * is looked up in orders again (a dense night's 488,968 due orders read in 1.0 s instead of 2.3 s).
     */
    static final String MISSED_SHIP_DEADLINES = missedShipDeadlinesOf(
            "SELECT s.order_id, s.ship_deadline FROM stage_orders s WHERE " + Trigger.AutoCancellation.dueSql("s"));

    /**
     * For a run that carries late drops: a late drop's staged row is not stored over the row of a later-dated
     * drop (docs/running.md, "Late drops"), so each due staged order is judged again on its stored row.
     */
    static final String MISSED_SHIP_DEADLINES_WITH_LATE_DROPS = missedShipDeadlinesOf("""
            SELECT o.order_id, o.ship_deadline FROM stage_orders s JOIN orders o USING (order_id)
                     WHERE %s AND %s""".formatted(Trigger.AutoCancellation.dueSql("s"), Trigger.AutoCancellation.dueSql("o")));

    private static String missedShipDeadlinesOf(String stagedDue) {
        return MISSED_SHIP_DEADLINES_OF.formatted(stagedDue, Trigger.AutoCancellation.dueSql("o"),
                AUTO_CANCELLATION.refundKeySql("due.order_id"), AUTO_CANCELLATION.sql(), OrderPart.hashSql("due.order_id"))
                + NOT_FINALLY_DECIDED.formatted(AUTO_CANCELLATION.refundKeySql("due.order_id"));
    }

    /** The drop's orders not yet shipped with tracking whose deadline is still ahead wait in open_ship_deadline. */
    private static final String OPEN_DEADLINES = """
            INSERT INTO open_ship_deadline (order_id, ship_deadline)
            SELECT s.order_id, s.ship_deadline FROM stage_orders s
             WHERE s.ship_deadline >= :cutOff AND NOT (s.shipped_at IS NOT NULL AND s.tracking_number IS NOT NULL)
            ON CONFLICT (order_id) DO UPDATE SET ship_deadline = EXCLUDED.ship_deadline
            """;

    /** Judged tonight: a later miss can only come from a drop that changes the order. */
    private static final String CLOSE_PASSED_DEADLINES = """
            DELETE FROM open_ship_deadline WHERE ship_deadline < :cutOff
            """;

    /**
     * What one part of the collection gathers (README, "What one run does"): the drop's events, with the
     * events of unknown orders that a late drop brought, or the orders the night reaches by itself (fraud
     * blocks, missed ship deadlines, with the open deadlines kept). The two touch different trigger types
     * and different rows, so they can run at once, each in its own transaction.
     */
    enum Group {
        EVENTS(CANCELLATION, FREE_RETURN, DISPUTE),
        ORDERS_REACHED(FRAUD_BLOCK, AUTO_CANCELLATION);

        private final List<String> types;

        Group(TriggerType... types) {
            this.types = Arrays.stream(types).map(TriggerType::name).toList();
        }

        /** The groups part {@code part} of a collection in {@code parts} parts gathers: none when it has more parts than groups. */
        static Set<Group> ofPart(int part, int parts) {
            Set<Group> groups = EnumSet.noneOf(Group.class);
            for (Group group : values()) {
                if (group.ordinal() % parts == part) {
                    groups.add(group);
                }
            }
            return groups;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TriggerCollector.class);

    private final JdbcClient jdbc;

    TriggerCollector(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the triggers of the date with the ones this run decides; returns how many. */
    int collect(LocalDate businessDate, Instant cutOff, boolean carriesLateDrops) {
        return collect(businessDate, cutOff, carriesLateDrops, EnumSet.allOf(Group.class));
    }

    /** Replaces the triggers of these groups of the date with the ones this run decides; returns how many. */
    int collect(LocalDate businessDate, Instant cutOff, boolean carriesLateDrops, Set<Group> groups) {
        if (groups.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM refund_trigger WHERE business_date = :businessDate AND trigger_type IN (:types)")
                .param("businessDate", businessDate)
                .param("types", groups.stream().flatMap(group -> group.types.stream()).toList()).update();
        OffsetDateTime cutOffTime = OffsetDateTime.ofInstant(cutOff, ZoneOffset.UTC);
        int collected = 0;
        if (groups.contains(Group.EVENTS)) {
            collected += events(businessDate, cutOffTime, carriesLateDrops);
        }
        if (groups.contains(Group.ORDERS_REACHED)) {
            collected += ordersReached(businessDate, cutOffTime, carriesLateDrops);
        }
        // fresh statistics, so the decision pass joins the triggers with their orders the cheap way. ANALYZE holds
        // a lock that a second ANALYZE waits for until the first's transaction ends: a part collecting at the same
        // time analyses after this one commits, so the last statistics count both
        jdbc.sql("ANALYZE refund_trigger").update();
        return collected;
    }

    private int events(LocalDate businessDate, OffsetDateTime cutOff, boolean carriesLateDrops) {
        int collected = triggersFrom("cancellations", CANCELLATIONS, businessDate, cutOff)
                + triggersFrom("free returns", FREE_RETURNS, businessDate, cutOff)
                + triggersFrom("dispute resolutions", DISPUTES, businessDate, cutOff);
        if (carriesLateDrops) {
            // after tonight's events: one the drops deliver again is decided as delivered now
            collected += UnknownOrdersArrived.collect(jdbc, businessDate);
        }
        return collected;
    }

    private int ordersReached(LocalDate businessDate, OffsetDateTime cutOff, boolean carriesLateDrops) {
        int collected = triggersFrom("fraud-blocked orders", FRAUD_BLOCKS, businessDate, cutOff)
                + triggersFrom("missed ship deadlines",
                        carriesLateDrops ? MISSED_SHIP_DEADLINES_WITH_LATE_DROPS : MISSED_SHIP_DEADLINES, businessDate, cutOff);
        Timed.rows(log, "ship deadlines still open", () -> jdbc.sql(OPEN_DEADLINES).param("cutOff", cutOff).update());
        Timed.rows(log, "ship deadlines judged", () -> jdbc.sql(CLOSE_PASSED_DEADLINES).param("cutOff", cutOff).update());
        return collected;
    }

    private int triggersFrom(String what, String statement, LocalDate businessDate, OffsetDateTime cutOff) {
        return Timed.rows(log, "triggers from " + what, () -> ByKey.rows(jdbc,
                () -> jdbc.sql(statement).param("businessDate", businessDate).param("cutOff", cutOff).update()));
    }
}
