package com.marketplace.refunds.intake.internal;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.archive.HotRows;
import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.Resolution;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;

/**
 * The archived orders the drop names brought back ({@link HotRows}), the checks that need more than one
 * row ({@link CrossRowChecks}), then the bad-row threshold, the rejects files, the merge of the drop's
 * orders and the record of its events' ids, in one transaction.
 */
public class MergeDropTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MergeDropTasklet.class);

    private static final String SET_DISPUTE_PAYING_AMOUNTS = """
            UPDATE stage_dispute_resolutions d
               SET paying_minor = (%s)::numeric * power(10, c.exponent)::numeric
              FROM orders o JOIN currency c ON c.code = o.currency
             WHERE o.order_id = d.order_id
            """.formatted(Resolution.payingAmountSql("d"));

    /** This drop's events with their orders; an earlier attempt at this date is overwritten, never another date. */
    private static final String RECORD_EVENT_DELIVERIES = """
            INSERT INTO event_delivery (extract, event_id, order_id, first_delivered_on)
            SELECT :extract, s.%1$s, s.order_id, :businessDate FROM %2$s s
            ON CONFLICT (extract, event_id) DO UPDATE SET order_id = EXCLUDED.order_id
             WHERE event_delivery.first_delivered_on = EXCLUDED.first_delivered_on
               AND event_delivery.order_id <> EXCLUDED.order_id
            """;

    private static final String BAD_ROWS_PER_FILE = """
            SELECT f.drop_date, f.file, f.records, count(r.line_no) AS bad
              FROM stage_file f LEFT JOIN stage_reject r USING (drop_date, file)
             GROUP BY f.drop_date, f.file, f.records ORDER BY f.drop_date, f.file
            """;

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
             WHERE s.stored AND o.order_id = s.order_id AND o.last_changed_on <= s.drop_date
               AND (o.ship_deadline, o.shipped_at, o.tracking_number, o.delivered_at, o.free_return,
                    o.protection_expires_at)
                   IS DISTINCT FROM (s.ship_deadline, s.shipped_at, s.tracking_number, s.delivered_at, s.free_return,
                    s.protection_expires_at)
            """;

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
             WHERE NOT s.stored
            """;

    /**
     * The marks of CrossRowChecks cleared once used: staging ends the merge as it was loaded, so a run
     * that merges the same staging again (recovered after its merge committed) leaves the same rows.
     */
    static final String UNMARK_STORED_ORDERS = """
            UPDATE stage_orders SET stored = false WHERE stored
            """;

    private final JdbcClient jdbc;
    private final CrossRowChecks checks;
    private final RejectsWriter rejectsWriter;
    private final BadRowThreshold threshold;

    public MergeDropTasklet(JdbcClient jdbc, BadRowThreshold threshold) {
        this.jdbc = jdbc;
        this.checks = new CrossRowChecks(jdbc);
        this.rejectsWriter = new RejectsWriter(jdbc);
        this.threshold = threshold;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        try {
            merge(contribution, RunParameters.of(chunkContext));
        }
        catch (RuntimeException e) {
            throw DatabaseRefusals.withoutValues("mergeDropStep", e);
        }
        CrashPoints.reach("mergeDropStep");
        return RepeatStatus.FINISHED;
    }

    private void merge(StepContribution contribution, RunParameters run) {
        // an archived order the drop names is back, with its refunds, before anything compares or merges it
        HotRows.restoreNamedByDrop(jdbc);
        checks.run(run.businessDate(), run.carries());

        List<FileCount> counts = jdbc.sql(BAD_ROWS_PER_FILE).query(FileCount.class).list();
        long writing = System.nanoTime();
        rejectsWriter.write(run);
        log.info("rejects files written in {} ms", (System.nanoTime() - writing) / 1_000_000);
        for (FileCount count : counts) {
            if (threshold.exceededBy(count.bad(), count.records())) {
                String late = count.dropDate().equals(run.businessDate()) ? ""
                        : "the late drop of " + count.dropDate() + ", which this run carries: ";
                throw new DropRejectedException(late + count.file() + " has " + count.bad() + " bad rows out of "
                        + count.records() + ", above the limit (" + threshold + "); nothing was stored. See "
                        + Extract.ofFileName(count.file()).orElseThrow().rejectsFile(run.rejectsFolder(count.dropDate()))
                        + " and ask upstream to re-deliver the file");
            }
        }

        // a staged order marked stored finds its row through the primary key; a new one goes in without a lookup
        int merged = Timed.rows(log, "stored orders changed", () -> ByKey.rows(jdbc,
                () -> jdbc.sql(UPDATE_CHANGED_ORDERS).param("businessDate", run.businessDate()).update()))
                + Timed.rows(log, "new orders stored",
                () -> jdbc.sql(INSERT_NEW_ORDERS).param("businessDate", run.businessDate()).update());
        jdbc.sql(UNMARK_STORED_ORDERS).update();
        Timed.rows(log, "dispute amounts set", () -> ByKey.rows(jdbc, () -> jdbc.sql(SET_DISPUTE_PAYING_AMOUNTS).update()));
        for (Extract extract : Extract.values()) {
            if (extract.holdsOrderEvents()) {
                Timed.rows(log, extract.idColumn() + " deliveries recorded", () -> jdbc
                        .sql(RECORD_EVENT_DELIVERIES.formatted(extract.idColumn(), extract.stageTable()))
                        .param("extract", extract.name()).param("businessDate", run.businessDate()).update());
            }
        }
        contribution.incrementWriteCount(merged);
        counts.forEach(c -> log.info("{}/{}: {} records, {} bad rows", c.dropDate(), c.file(), c.records(), c.bad()));
        log.info("Drop merged: {} orders inserted or changed", merged);
    }

    record FileCount(LocalDate dropDate, String file, long records, long bad) {
    }

}
