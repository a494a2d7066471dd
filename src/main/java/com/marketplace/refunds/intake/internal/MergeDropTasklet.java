package com.marketplace.refunds.intake.internal;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.shared.CrashPoints;
import com.marketplace.refunds.shared.RunParameters;
import com.marketplace.refunds.shared.Timed;

/**
 * The checks that need more than one row, set-based: an identifier seen again in its file, a
 * changed fixed field of a stored order, dispute amounts against their order's currency. Then the
 * bad-row threshold, the rejects files, and the merge of the drop's orders, in one transaction.
 */
public class MergeDropTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(MergeDropTasklet.class);

    private static final String REJECT_REPEATED_IDS = """
            INSERT INTO stage_reject (file, line_no, reason)
            SELECT :file, s.line_no, '%1$s repeats the one on line ' || repeated.first_line || ' of this file'
              FROM %2$s s
              JOIN (SELECT %1$s, min(line_no) AS first_line FROM %2$s GROUP BY %1$s HAVING count(*) > 1) repeated
                   USING (%1$s)
             WHERE s.line_no > repeated.first_line
            ON CONFLICT (file, line_no) DO NOTHING
            """;

    private static final String DROP_REJECTED_ROWS = """
            DELETE FROM %s s USING stage_reject r WHERE r.file = :file AND r.line_no = s.line_no
            """;

    private static final String REJECT_CHANGED_FIXED_FIELDS = """
            INSERT INTO stage_reject (file, line_no, reason)
            SELECT 'orders.csv', s.line_no, 'changes fields fixed once an order is paid: ' || concat_ws(', ',
                       CASE WHEN s.store_id <> o.store_id THEN 'store_id' END,
                       CASE WHEN s.buyer_id <> o.buyer_id THEN 'buyer_id' END,
                       CASE WHEN s.payment_method <> o.payment_method THEN 'payment_method' END,
                       CASE WHEN s.payment_reference <> o.payment_reference THEN 'payment_reference' END,
                       CASE WHEN s.currency <> o.currency THEN 'currency' END,
                       CASE WHEN s.items_minor <> o.items_minor THEN 'items_amount' END,
                       CASE WHEN s.shipping_minor <> o.shipping_minor THEN 'shipping_amount' END,
                       CASE WHEN s.paid_at <> o.paid_at THEN 'paid_at' END)
              FROM stage_orders s JOIN orders o USING (order_id)
             WHERE (s.store_id, s.buyer_id, s.payment_method, s.payment_reference, s.currency, s.items_minor,
                    s.shipping_minor, s.paid_at)
                   <> (o.store_id, o.buyer_id, o.payment_method, o.payment_reference, o.currency, o.items_minor,
                    o.shipping_minor, o.paid_at)
            ON CONFLICT (file, line_no) DO NOTHING
            """;

    private static final String REJECT_BAD_DISPUTE_AMOUNTS = """
            INSERT INTO stage_reject (file, line_no, reason)
            SELECT 'dispute_resolutions.csv', line_no, reason FROM (
                SELECT d.line_no, CASE
                         WHEN NOT amount_fits(d.requested_amount, c.exponent)
                           THEN 'requested_amount is not a ' || c.code || ' amount (at most ' || c.exponent || ' decimals)'
                         WHEN NOT amount_fits(d.awarded_amount, c.exponent)
                           THEN 'awarded_amount is not a ' || c.code || ' amount (at most ' || c.exponent || ' decimals)'
                         WHEN d.resolution IN ('SELLER_ACCEPTED', 'SELLER_NO_RESPONSE') AND d.requested_amount::numeric = 0
                           THEN 'requested_amount must be above zero'
                         WHEN d.resolution IN ('COUNTEROFFER_ACCEPTED', 'PLATFORM_BUYER') AND d.awarded_amount::numeric = 0
                           THEN 'awarded_amount must be above zero'
                       END AS reason
                  FROM stage_dispute_resolutions d
                  LEFT JOIN stage_orders s USING (order_id)
                  LEFT JOIN orders o USING (order_id)
                  JOIN currency c ON c.code = coalesce(s.currency, o.currency)) checked
             WHERE reason IS NOT NULL
            ON CONFLICT (file, line_no) DO NOTHING
            """;

    private static final String SET_DISPUTE_PAYING_AMOUNTS = """
            UPDATE stage_dispute_resolutions d
               SET paying_minor = (CASE WHEN d.resolution IN ('SELLER_ACCEPTED', 'SELLER_NO_RESPONSE') THEN d.requested_amount
                                        WHEN d.resolution IN ('COUNTEROFFER_ACCEPTED', 'PLATFORM_BUYER') THEN d.awarded_amount
                                   END)::numeric * power(10, c.exponent)::numeric
              FROM orders o JOIN currency c ON c.code = o.currency
             WHERE o.order_id = d.order_id
            """;

    private static final String BAD_ROWS_PER_FILE = """
            SELECT f.file, f.records, count(r.line_no) AS bad
              FROM stage_file f LEFT JOIN stage_reject r USING (file)
             GROUP BY f.file, f.records ORDER BY f.file
            """;

    private static final String UPDATE_CHANGED_ORDERS = """
            UPDATE orders o
               SET ship_deadline = s.ship_deadline, shipped_at = s.shipped_at, tracking_number = s.tracking_number,
                   delivered_at = s.delivered_at, free_return = s.free_return,
                   protection_expires_at = s.protection_expires_at, last_changed_on = :businessDate
              FROM stage_orders s
             WHERE o.order_id = s.order_id
               AND (o.ship_deadline, o.shipped_at, o.tracking_number, o.delivered_at, o.free_return,
                    o.protection_expires_at)
                   IS DISTINCT FROM (s.ship_deadline, s.shipped_at, s.tracking_number, s.delivered_at, s.free_return,
                    s.protection_expires_at)
            """;

    private static final String INSERT_NEW_ORDERS = """
            INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                   items_minor, shipping_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at,
                   free_return, protection_expires_at, first_seen_on, last_changed_on)
            SELECT order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                   items_minor, shipping_minor, paid_at, ship_deadline, shipped_at, tracking_number, delivered_at,
                   free_return, protection_expires_at, :businessDate, :businessDate
              FROM stage_orders s
             WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.order_id = s.order_id)
            """;

    private final JdbcClient jdbc;
    private final RejectsWriter rejectsWriter;
    private final BadRowThreshold threshold;

    public MergeDropTasklet(JdbcClient jdbc, BadRowThreshold threshold) {
        this.jdbc = jdbc;
        this.rejectsWriter = new RejectsWriter(jdbc);
        this.threshold = threshold;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        RunParameters run = RunParameters.of(chunkContext);
        for (Extract extract : Extract.values()) {
            Timed.rows(log, "repeated " + extract.idColumn(), () -> jdbc
                    .sql(REJECT_REPEATED_IDS.formatted(extract.idColumn(), extract.stageTable()))
                    .param("file", extract.fileName()).update());
        }
        dropRejectedRows();
        // with each id once per file, an order's currency is known once: the dispute checks rely on it
        Timed.rows(log, "changed fixed order fields", () -> jdbc.sql(REJECT_CHANGED_FIXED_FIELDS).update());
        dropRejectedRows();
        Timed.rows(log, "dispute amounts off their currency", () -> jdbc.sql(REJECT_BAD_DISPUTE_AMOUNTS).update());
        dropRejectedRows();

        List<FileCount> counts = jdbc.sql(BAD_ROWS_PER_FILE).query(FileCount.class).list();
        long writing = System.nanoTime();
        rejectsWriter.write(run.drop(), run.reportsOfDay().resolve("rejects"));
        log.info("rejects files written in {} ms", (System.nanoTime() - writing) / 1_000_000);
        for (FileCount count : counts) {
            if (threshold.exceededBy(count.bad(), count.records())) {
                throw new DropRejectedException(count.file() + " has " + count.bad() + " bad rows out of "
                        + count.records() + ", above the limit (" + threshold + "); nothing was stored. See "
                        + run.reportsOfDay().resolve("rejects").resolve(count.file() + ".rejects.csv")
                        + " and ask upstream to re-deliver the file");
            }
        }

        int merged = Timed.rows(log, "stored orders changed",
                () -> jdbc.sql(UPDATE_CHANGED_ORDERS).param("businessDate", run.businessDate()).update())
                + Timed.rows(log, "new orders stored",
                () -> jdbc.sql(INSERT_NEW_ORDERS).param("businessDate", run.businessDate()).update());
        Timed.rows(log, "dispute amounts set", () -> jdbc.sql(SET_DISPUTE_PAYING_AMOUNTS).update());
        contribution.incrementWriteCount(merged);
        CrashPoints.reach("mergeDropStep");
        counts.forEach(c -> log.info("{}: {} records, {} bad rows", c.file(), c.records(), c.bad()));
        log.info("Drop merged: {} orders inserted or changed", merged);
        return RepeatStatus.FINISHED;
    }

    private void dropRejectedRows() {
        for (Extract extract : Extract.values()) {
            jdbc.sql(DROP_REJECTED_ROWS.formatted(extract.stageTable())).param("file", extract.fileName()).update();
        }
    }

    record FileCount(String file, long records, long bad) {
    }

}
