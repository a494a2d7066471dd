package com.marketplace.refunds.archive;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.shared.NightlyRunStatus;
import com.marketplace.refunds.shared.RefundStatus;

/**
 * Moves the orders that can no longer change, with their refunds, into the archive: an order whose
 * first drop, last change, protection and delivery all lie more than {@code after-days} days before
 * the last completed nightly run, that is not waiting for its ship deadline, and whose refunds are all
 * REFUNDED. One transaction per night of first drops, oldest first, so a move that stops half way
 * (a crash, a lost connection) leaves whole nights moved and whole nights hot, and a second run takes
 * up what is left. The caller holds the run lock: no nightly run changes the rows while they move.
 */
@Component
@EnableConfigurationProperties(ArchiveSettings.class)
public class Archiver {

    private static final Logger log = LoggerFactory.getLogger(Archiver.class);

    private static final String LAST_COMPLETED = """
            SELECT max(business_date) FROM nightly_run WHERE status = %s
            """.formatted(NightlyRunStatus.COMPLETED.sql());

    static final String ARCHIVING = """
            CREATE TEMPORARY TABLE archiving (order_id TEXT PRIMARY KEY) ON COMMIT DROP
            """;

    /**
     * One night's orders that can no longer change; open_refund and open_ship_deadline hold what is open.
     * An order with a refund that an action ended (cancelled, paid outside, failed and reissued) is not
     * open, but stays hot: the archive holds REFUNDED refunds only.
     */
    private static final String UNCHANGEABLE = """
            INSERT INTO archiving (order_id)
            SELECT o.order_id FROM orders o
             WHERE o.first_seen_on = :night AND o.last_changed_on < :before
               AND o.protection_expires_at < :beforeAt
               AND (o.delivered_at IS NULL OR o.delivered_at < :beforeAt)
               AND NOT EXISTS (SELECT 1 FROM open_ship_deadline d WHERE d.order_id = o.order_id)
               AND NOT EXISTS (SELECT 1 FROM open_refund x WHERE x.order_id = o.order_id)
               AND NOT EXISTS (SELECT 1 FROM refund r WHERE r.order_id = o.order_id AND r.status <> %s)
            """.formatted(RefundStatus.REFUNDED.sql());

    static final String REFUNDS_OUT = """
            WITH gone AS (DELETE FROM refund r USING archiving a WHERE r.order_id = a.order_id RETURNING r.*)
            INSERT INTO archived_refund (%1$s, archived_on) SELECT %1$s, :asOf FROM gone
            """.formatted(HotRows.REFUND_COLUMNS);

    /**
     * The orders out, each with its committed total read by key from order_commitment, whose rows go too.
     * Every part of the statement reads the same snapshot, so the total is read as it was before the
     * delete beside it. (Joining the two deletes' results instead compared every order moved with every
     * commitment moved: the first night of a twenty-night history, 485,967 orders, was still moving after
     * four minutes.)
     */
    static final String ORDERS_OUT = """
            WITH gone AS (DELETE FROM orders o USING archiving a WHERE o.order_id = a.order_id RETURNING o.*),
                 commitment AS (DELETE FROM order_commitment c USING archiving a WHERE c.order_id = a.order_id)
            INSERT INTO archived_order (%1$s, committed_minor, archived_on)
            SELECT %1$s, coalesce((SELECT c.committed_minor FROM order_commitment c WHERE c.order_id = gone.order_id), 0),
                   :asOf
              FROM gone
            """.formatted(HotRows.ORDER_COLUMNS);

    /** What was moved, as of which run, and the date before which rows had to lie. */
    public record Moved(LocalDate asOf, LocalDate before, long orders, long refunds) {
    }

    private record Night(int orders, int refunds) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final int afterDays;

    @Autowired
    Archiver(JdbcClient jdbc, PlatformTransactionManager transactionManager, ArchiveSettings settings) {
        this(jdbc, transactionManager, settings.afterDays());
    }

    /** {@code afterDays}: the default of {@link #archive}; in the application, {@code refunds.archive.after-days}. */
    public Archiver(JdbcClient jdbc, PlatformTransactionManager transactionManager, int afterDays) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
        this.afterDays = afterDays;
    }

    public int afterDays() {
        return afterDays;
    }

    /**
     * Moves what can no longer change as of the last completed run, {@code afterDays} days back, telling
     * {@code progress} each night moved; empty when no run has completed yet.
     */
    public Optional<Moved> archive(int afterDays, Consumer<String> progress) {
        LocalDate asOf = jdbc.sql(LAST_COMPLETED).query(LocalDate.class).optional().orElse(null);
        if (asOf == null) {
            return Optional.empty();
        }
        LocalDate before = asOf.minusDays(afterDays);
        LocalDate first = jdbc.sql("SELECT min(first_seen_on) FROM orders").query(LocalDate.class).optional().orElse(null);
        long orders = 0;
        long refunds = 0;
        for (LocalDate night = first; night != null && night.isBefore(before); night = night.plusDays(1)) {
            long started = System.nanoTime();
            LocalDate seen = night;
            Night moved = transaction.execute(status -> move(seen, before, asOf));
            orders += moved.orders();
            refunds += moved.refunds();
            if (moved.orders() > 0) {
                progress.accept("orders first seen on %s: %s and %s archived in %.1f s".formatted(seen,
                        count(moved.orders(), "order"), count(moved.refunds(), "refund"),
                        (System.nanoTime() - started) / 1e9));
            }
        }
        if (orders > 0) {
            jdbc.sql("ANALYZE orders, refund, archived_order, archived_refund").update();
        }
        log.info("Archived {} orders and {} refunds as of {} (rows before {})", orders, refunds, asOf, before);
        return Optional.of(new Moved(asOf, before, orders, refunds));
    }

    /** {@code 1 refund}, {@code 1,338,716 refunds}. */
    public static String count(long n, String thing) {
        return "%,d %s%s".formatted(n, thing, n == 1 ? "" : "s");
    }

    private Night move(LocalDate night, LocalDate before, LocalDate asOf) {
        jdbc.sql(ARCHIVING).update();
        int orders = jdbc.sql(UNCHANGEABLE).param("night", night).param("before", before)
                .param("beforeAt", before.atStartOfDay().atOffset(ZoneOffset.UTC)).update();
        if (orders == 0) {
            return new Night(0, 0);
        }
        jdbc.sql("ANALYZE archiving").update();
        jdbc.sql(HotRows.MOVING).query().singleRow();
        int refunds = ByKey.rows(jdbc, () -> jdbc.sql(REFUNDS_OUT).param("asOf", asOf).update());
        int moved = ByKey.rows(jdbc, () -> jdbc.sql(ORDERS_OUT).param("asOf", asOf).update());
        jdbc.sql(HotRows.NOT_MOVING).query().singleRow();
        if (moved != orders) {
            throw new IllegalStateException("of " + orders + " orders first seen on " + night + " chosen for the archive, "
                    + moved + " moved; nothing of that night was moved");
        }
        return new Night(orders, refunds);
    }
}
