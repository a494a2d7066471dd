package com.marketplace.refunds.refund.internal;

import static com.marketplace.refunds.refund.TriggerType.DISPUTE;

import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.refund.Reason;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.Timed;

/**
 * A run that carries late drops (docs/running.md, "Late drops") decides again the events decided
 * UNKNOWN_ORDER whose order such a drop brought.
 */
final class UnknownOrdersArrived {

    private static final Logger log = LoggerFactory.getLogger(UnknownOrdersArrived.class);

    /**
     * Events decided UNKNOWN_ORDER whose order a late drop of this run brought (docs/running.md, "Late drops"),
     * decided again tonight with the facts they were delivered with, unless this run's drops deliver
     * them again. A dispute's paying amount is read against its order's currency now; one that does
     * not fit it (or that an earlier version did not keep) is left out, and counted in the log.
     */
    private static final String UNKNOWN_ORDERS_ARRIVED = """
            INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time,
                   requested_at, seller_confirmed_at, received_at, opened_at, resolution, return_required, amount_minor,
                   amount_text)
            SELECT DISTINCT ON (t.refund_key) :businessDate, t.refund_key, t.trigger_type, t.order_id, %4$s, t.event_time,
                   t.requested_at, t.seller_confirmed_at, t.received_at, t.opened_at, t.resolution, t.return_required,
                   CASE WHEN t.amount_text IS NOT NULL
                        THEN (t.amount_text::numeric * power(10, c.exponent)::numeric)::bigint END,
                   t.amount_text
              FROM (SELECT DISTINCT s.order_id FROM stage_orders s WHERE s.drop_date < :businessDate) arrived
              JOIN decision x ON x.order_id = arrived.order_id AND x.reason = '%3$s'
              JOIN refund_trigger t ON t.business_date = x.business_date AND t.refund_key = x.refund_key
              JOIN orders o ON o.order_id = arrived.order_id
              JOIN currency c ON c.code = o.currency
             WHERE (t.trigger_type <> %1$s OR t.resolution NOT IN (%2$s)
                    OR (t.amount_text IS NOT NULL AND amount_fits(t.amount_text, c.exponent)
                        AND length(split_part(t.amount_text, '.', 1)) <= 12 AND t.amount_text::numeric > 0))
               AND NOT EXISTS (SELECT 1 FROM refund_trigger n
                                WHERE n.business_date = :businessDate AND n.refund_key = t.refund_key)
               AND NOT EXISTS (SELECT 1 FROM decision f WHERE f.refund_key = t.refund_key AND f.final)
             ORDER BY t.refund_key, x.business_date DESC
            """.formatted(DISPUTE.sql(), Resolution.payingSqlList(), Reason.UNKNOWN_ORDER, OrderPart.hashSql("t.order_id"));

    private static final String UNKNOWN_ORDERS_LEFT = """
            SELECT count(DISTINCT x.refund_key)
              FROM (SELECT DISTINCT s.order_id FROM stage_orders s WHERE s.drop_date < :businessDate) arrived
              JOIN decision x ON x.order_id = arrived.order_id AND x.reason = '%s'
             WHERE NOT EXISTS (SELECT 1 FROM refund_trigger n
                                WHERE n.business_date = :businessDate AND n.refund_key = x.refund_key)
               AND NOT EXISTS (SELECT 1 FROM decision f WHERE f.refund_key = x.refund_key AND f.final)
            """.formatted(Reason.UNKNOWN_ORDER);

    private UnknownOrdersArrived() {
    }

    /** Adds the events to the date's triggers; returns how many. */
    static int collect(JdbcClient jdbc, LocalDate businessDate) {
        int collected = Timed.rows(log, "events of unknown orders that a late drop brought", () -> jdbc
                .sql(UNKNOWN_ORDERS_ARRIVED).param("businessDate", businessDate).update());
        long left = jdbc.sql(UNKNOWN_ORDERS_LEFT).param("businessDate", businessDate).query(Long.class).single();
        if (left > 0) {
            log.warn("{} dispute(s) decided UNKNOWN_ORDER before, whose order a late drop brought, are not "
                    + "decided again: their paying amount does not fit the order's currency, or was not kept; "
                    + "ask upstream to deliver them again", left);
        }
        return collected;
    }
}
