package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.support.RolledBackDatabase;
import com.marketplace.refunds.support.StoredOrders;

/**
 * The merge looks each of the drop's orders up in {@code orders} once (V27): the fixed-field check and
 * the update of changed orders reach {@code orders} only for the staged rows marked stored, and the
 * insert of new orders does not reach it at all. Before, each of the three looked every staged order up,
 * a million lookups each on a usual night, each dearer as the orders kept grow. The dispute amounts'
 * check, likewise, looks up only the orders of disputes whose order is not in the drop.
 */
class StoredOrdersLookedUpOnceTests {

    private static final Map<String, Object> NIGHT = Map.of("businessDate", LocalDate.parse("2026-11-11"), "part", 0, "parts", 1);

    private static final Pattern ORDERS_LOOKUPS = Pattern.compile("Index (?:Only )?Scan using orders_pkey on orders .*loops=(\\d+)\\)");

    @Test
    void looksUpOnlyTheStagedOrdersThatAreStored() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("stored_orders_looked_up_once")) {
            JdbcClient jdbc = db.jdbc();
            // given 300 stored orders and a drop of 3,000 staged ones, 30 of them stored orders again, marked by the check
            int marked = aDropOf3000Marked(jdbc);

            // when the merge's statements run as the merge runs them
            List<String> check = db.analyzed(CrossRowChecks.REJECT_CHANGED_FIXED_FIELDS, true, NIGHT);
            List<String> update = db.analyzed(MergeDropTasklet.UPDATE_CHANGED_ORDERS, true, NIGHT);
            List<String> insert = db.analyzed(MergeDropTasklet.INSERT_NEW_ORDERS, false, NIGHT);

            // then (ids 1, 11, ..., 291 of the stored 1..300 come again: 30; the other 2,970 are new)
            assertThat(marked).isEqualTo(30);
            assertThat(lookups(check)).as(String.join("\n", check)).isEqualTo(30);
            assertThat(lookups(update)).as(String.join("\n", update)).isEqualTo(30);
            assertThat(lookups(insert)).as(String.join("\n", insert)).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single()).isEqualTo(300 + 2_970);
            assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE shipped_at IS NOT NULL").query(Long.class).single())
                    .as("the stored orders the drop ships, changed").isEqualTo(30 + 2_970);
        }
    }

    @Test
    void findsTheMarkedStagedOrdersWithoutReadingStagingWhole() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("stored_marks_indexed")) {
            JdbcClient jdbc = db.jdbc();
            // given the same drop (30 of its 3,000 orders stored), analysed as the load leaves it, then marked
            int marked = aDropOf3000Marked(jdbc);

            // when the statements that want only the marked rows run as the check and the merge run them
            List<String> check = db.analyzed(CrossRowChecks.REJECT_CHANGED_FIXED_FIELDS, true, NIGHT);
            List<String> update = db.analyzed(MergeDropTasklet.UPDATE_CHANGED_ORDERS, true, NIGHT);
            List<String> unmark = db.analyzed(MergeDropTasklet.UNMARK_STORED_ORDERS, false, NIGHT);

            // then none of them read staging whole (V29), and the marks are cleared
            assertThat(marked).isEqualTo(30);
            for (List<String> plan : List.of(check, update, unmark)) {
                assertThat(plan).as(String.join("\n", plan))
                        .noneMatch(line -> line.contains("Seq Scan on stage_orders"))
                        .anyMatch(line -> line.contains("stage_orders_stored_idx"));
            }
            assertThat(jdbc.sql("SELECT count(*) FROM stage_orders WHERE stored").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE shipped_at IS NOT NULL").query(Long.class).single())
                    .as("the stored orders the drop ships, changed").isEqualTo(30);
        }
    }

    @Test
    void looksUpAStoredOrdersCurrencyOnlyForDisputesWhoseOrderIsNotInTheDrop() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("dispute_currency_looked_up")) {
            JdbcClient jdbc = db.jdbc();
            // given 300 stored JPY orders and a drop of 3,000 staged USD orders (none of them stored)
            StoredOrders.insert(jdbc, "S-", 300, "JPY", "2026-11-10");
            stagedOrders(jdbc, "'N-' || (n + 1)");
            // and 1,000 disputes asking for 9.50: 990 on the drop's USD orders, 10 on stored JPY orders
            jdbc.sql("""
                    INSERT INTO stage_dispute_resolutions (drop_date, line_no, dispute_id, order_id, opened_at,
                           resolved_at, resolution, requested_amount, return_required)
                    SELECT '2026-11-11', n, 'D-' || n, CASE WHEN n <= 10 THEN 'S-' || n ELSE 'N-' || n END,
                           '2026-11-05T10:00Z', '2026-11-06T10:00Z', 'SELLER_ACCEPTED', '9.50', false
                      FROM generate_series(1, 1000) n
                    """).update();
            jdbc.sql("ANALYZE orders, stage_orders, stage_dispute_resolutions").update();

            // when the dispute amounts are checked as the merge checks them
            List<String> check = db.analyzed(CrossRowChecks.REJECT_BAD_DISPUTE_AMOUNTS, false,
                    Map.of("maxMinor", AmountCeiling.MAX_MINOR));

            // then only the ten disputes on stored orders reached orders, and found their currency there
            assertThat(lookups(check)).as(String.join("\n", check)).isEqualTo(10);
            assertThat(jdbc.sql("""
                    SELECT line_no || ' ' || reason FROM stage_reject WHERE file = 'dispute_resolutions.csv'
                     ORDER BY line_no""").query(String.class).list())
                    .as("9.50 is a USD amount but not a JPY one")
                    .hasSize(10).allMatch(line -> line.endsWith("requested_amount is not a JPY amount (at most 0 decimals)"))
                    .first().isEqualTo("1 requested_amount is not a JPY amount (at most 0 decimals)");
        }
    }

    /**
     * 300 stored USD orders and a drop of 3,000 staged ones, analysed as the load leaves them, then marked as the
     * check marks them: ids 1, 11, ..., 291 of the stored 1..300 come again (the number marked), the other 2,970
     * are new.
     */
    private static int aDropOf3000Marked(JdbcClient jdbc) {
        StoredOrders.insert(jdbc, "O-", 300, "USD", "2026-11-10");
        stagedOrders(jdbc, "'O-' || (n * 10 + 1)");
        jdbc.sql("ANALYZE orders, stage_orders").update();
        return ByKey.rows(jdbc, () -> jdbc.sql(CrossRowChecks.MARK_STORED_ORDERS).update());
    }

    /** A drop of 3,000 staged USD orders, shipped; line n + 1 holds the order whose id the SQL gives for n (0 to 2,999). */
    private static void stagedOrders(JdbcClient jdbc, String orderIdOfN) {
        jdbc.sql("""
                INSERT INTO stage_orders (drop_date, line_no, order_id, store_id, buyer_id, payment_method,
                       payment_reference, currency, items_minor, shipping_minor, paid_at, ship_deadline, shipped_at,
                       free_return, protection_expires_at)
                SELECT '2026-11-11', n + 1, id, 'S-1', 'B-1', 'CARD', 'psp-' || substr(id, 3), 'USD', 1000, 0,
                       '2026-11-01T10:00Z', '2026-11-20T10:00Z', '2026-11-05T10:00Z', true, '2027-01-30T00:00Z'
                  FROM generate_series(0, 2999) n CROSS JOIN LATERAL (SELECT %s AS id) i
                """.formatted(orderIdOfN)).update();
    }

    /** How many times the plan looked a row up in orders by its key. */
    private static long lookups(List<String> plan) {
        long loops = 0;
        for (String line : plan) {
            Matcher m = ORDERS_LOOKUPS.matcher(line);
            if (m.find()) {
                loops += Long.parseLong(m.group(1));
            }
        }
        return loops;
    }
}
