package com.marketplace.refunds.intake.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.partition.StepExecutionAggregator;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.StepPart;
import com.marketplace.refunds.shared.Timed;

/**
 * One part of the merge of a checked drop ({@link CheckDropTasklet}) into the stored orders, in its own
 * transaction: the staged orders whose id hashes to the part ({@link StepPart}; a run's staging holds
 * one row per order) change the stored orders they name, or are stored as new ones; then the paying
 * amounts of the disputes on the part's orders, which need their order stored, and the record of the ids
 * of the events on the part's orders. The parts touch
 * different orders, so they run at once, each on a core of PostgreSQL's, and leave what one part leaves.
 *
 * <p>A part that committed is merged again on a restart, as the whole merge always was: the check
 * before it marks the part's orders stored already, so it inserts none of them twice and changes none.
 * So the split need not outlive a restart, and PostgreSQL's own text hash serves (a tenth of md5's cost
 * over a million staged orders, twice per night).
 */
public class MergeDropTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MergeDropTasklet.class);

    /** The paying amount of each dispute of the part's orders, in the minor units of its order's currency. */
    private static final String SET_DISPUTE_PAYING_AMOUNTS = """
            UPDATE stage_dispute_resolutions d
               SET paying_minor = (%s)::numeric * power(10, c.exponent)::numeric
              FROM orders o JOIN currency c ON c.code = o.currency
             WHERE o.order_id = d.order_id AND %s
            """.formatted(Resolution.payingAmountSql("d"), ofPart("d"));

    /**
     * Stored orders whose changeable fields differ in the drop; fixed fields that changed were rejected
     * before. last_changed_on is the date of the drop whose row the order holds: a late drop's row never
     * replaces one delivered in a later-dated drop (docs/running.md, "Late drops").
     */
    static final String UPDATE_CHANGED_ORDERS = """
            UPDATE orders o
               SET ship_deadline = s.ship_deadline, shipped_at = s.shipped_at, tracking_number = s.tracking_number,
                   delivered_at = s.delivered_at, free_return = s.free_return,
                   protection_expires_at = s.protection_expires_at, last_changed_on = s.drop_date
              FROM stage_orders s
             WHERE s.stored AND o.order_id = s.order_id AND o.last_changed_on <= s.drop_date AND %s
               AND (o.ship_deadline, o.shipped_at, o.tracking_number, o.delivered_at, o.free_return,
                    o.protection_expires_at)
                   IS DISTINCT FROM (s.ship_deadline, s.shipped_at, s.tracking_number, s.delivered_at, s.free_return,
                    s.protection_expires_at)
            """.formatted(ofPart("s"));

    /**
     * The drop's orders not stored yet (as CrossRowChecks marked them, so none is looked up again here),
     * numbered by hundred thousand lines of the drop (seen_bucket, migration V17: the fraud blocks' index
     * then takes them near its end). A plain insert: INSERT ... ON CONFLICT, which would merge both
     * statements in one pass, took 17.6 s for a million new orders here against 11 s (a speculative
     * insertion each).
     */
    static final String INSERT_NEW_ORDERS = """
            INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                   items_minor, shipping_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at,
                   free_return, protection_expires_at, first_seen_on, last_changed_on, seen_bucket)
            SELECT order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                   items_minor, shipping_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at,
                   free_return, protection_expires_at, :businessDate, drop_date, line_no / 100000
              FROM stage_orders s
             WHERE NOT s.stored AND %s
            """.formatted(ofPart("s"));

    /**
     * The part's events with their orders, checked (CrossRowChecks): the record that the next drops' ids are
     * checked against. An event's id names one order, so each is recorded by one part; an earlier attempt at
     * this date is overwritten, never another date. In the order of event_delivery's key, so consecutive rows
     * reach neighbouring entries of its index (a dense night's deliveries into a fresh database 9.8 s as they
     * lie in staging, 8.1 s in this order). Recorded here rather than in the check, which runs on one
     * connection, so that both parts share the work (README, "Measured").
     */
    static final String RECORD_EVENT_DELIVERIES = """
            INSERT INTO event_delivery (extract, event_id, order_id, first_delivered_on)
            SELECT :extract, s.%1$s, s.order_id, :businessDate FROM %2$s s
             WHERE %3$s
             ORDER BY s.%1$s
            ON CONFLICT (extract, event_id) DO UPDATE SET order_id = EXCLUDED.order_id
             WHERE event_delivery.first_delivered_on = EXCLUDED.first_delivered_on
               AND event_delivery.order_id <> EXCLUDED.order_id
            """;

    /**
     * The marks of CrossRowChecks cleared once used: staging ends the merge as it was loaded, so a run
     * that merges the same staging again (recovered after its merge committed) leaves the same rows.
     */
    static final String UNMARK_STORED_ORDERS = """
            UPDATE stage_orders s SET stored = false WHERE s.stored AND %s
            """.formatted(ofPart("s"));

    private final JdbcClient jdbc;

    public MergeDropTasklet(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the parts up as Spring Batch does, then says what the whole merge did (in the partitioned step's log). */
    public static StepExecutionAggregator totals() {
        DefaultStepExecutionAggregator parts = new DefaultStepExecutionAggregator();
        return (merge, partExecutions) -> {
            parts.aggregate(merge, partExecutions);
            log.info("Drop merged: {} orders inserted or changed", merge.getWriteCount());
        };
    }

    /** A condition on the order id of a row aliased {@code alias}, with parameters :part and :parts. */
    static String ofPart(String alias) {
        return "(hashtext(" + alias + ".order_id) & 2147483647) % :parts = :part";
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunParameters run = RunParameters.of(chunkContext);
        StepPart part = StepPart.of(chunkContext);
        int merged;
        try {
            merged = merge(run, part);
        }
        catch (RuntimeException e) {
            throw DatabaseRefusals.withoutValues("mergeDropStep", "none of the orders of its " + part + " was stored"
                    + " (another part's may have been: once the drop is fixed, the same command merges the rest)", e);
        }
        contribution.incrementWriteCount(merged);
        CrashPoints.reach("mergeDropStep");
        log.info("{}: {} orders inserted or changed", part, merged);
        return RepeatStatus.FINISHED;
    }

    private int merge(RunParameters run, StepPart part) {
        // a staged order marked stored finds its row through the primary key; a new one goes in without a lookup
        int merged = Timed.rows(log, "stored orders changed", () -> ByKey.rows(jdbc,
                () -> forPart(UPDATE_CHANGED_ORDERS, part).param("businessDate", run.businessDate()).update()))
                + Timed.rows(log, "new orders stored",
                () -> forPart(INSERT_NEW_ORDERS, part).param("businessDate", run.businessDate()).update());
        forPart(UNMARK_STORED_ORDERS, part).update();
        Timed.rows(log, "dispute amounts set",
                () -> ByKey.rows(jdbc, () -> forPart(SET_DISPUTE_PAYING_AMOUNTS, part).update()));
        for (Extract extract : eventExtractsFrom(part.index())) {
            Timed.rows(log, extract.idColumn() + " deliveries recorded", () -> forPart(RECORD_EVENT_DELIVERIES
                    .formatted(extract.idColumn(), extract.stageTable(), ofPart("s")), part)
                    .param("extract", extract.name()).param("businessDate", run.businessDate()).update());
        }
        return merged;
    }

    /**
     * The extracts of order events, each part starting with another: event_delivery's key leads with the
     * extract, so parts that record at the same time write to different ends of its index instead of
     * taking turns on the same pages.
     */
    static List<Extract> eventExtractsFrom(int partIndex) {
        List<Extract> events = Arrays.stream(Extract.values()).filter(Extract::holdsOrderEvents).toList();
        List<Extract> rotated = new ArrayList<>(events);
        Collections.rotate(rotated, -(partIndex % events.size()));
        return rotated;
    }

    /** The statement with the parameters its {@link #ofPart(String)} condition takes. */
    private JdbcClient.StatementSpec forPart(String statement, StepPart part) {
        return jdbc.sql(statement).param("part", part.index()).param("parts", part.count());
    }
}
