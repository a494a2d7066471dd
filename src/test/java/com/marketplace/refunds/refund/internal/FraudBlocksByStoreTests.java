package com.marketplace.refunds.refund.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.support.RolledBackDatabase;

/**
 * A fraud block reaches its store's orders through {@code orders_seen_bucket_store_idx} with the store
 * in the index's condition: for each night and bucket kept, the block's store's entries only, never
 * every order of the bucket filtered by store (as it would be, say, if the index and the statement
 * compared store ids in different collations: tried, for a cheaper insert, and left out).
 */
class FraudBlocksByStoreTests {

    @Test
    void reachesOnlyTheBlockedStoresOrdersOfEachNightThroughTheIndex() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("fraud_blocks_by_store")) {
            JdbcClient jdbc = db.jdbc();
            // given three nights of 2,000 orders each among 200 stores, two buckets a night
            jdbc.sql("""
                    INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                           items_minor, shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at,
                           first_seen_on, last_changed_on, seen_bucket)
                    SELECT 'O-' || night || '-' || n, 'S-' || (n % 200), 'B-1', 'CARD', 'psp-' || n, 'USD', 1000, 0,
                           '2026-11-01T10:00Z', '2026-11-20T10:00Z', true, '2027-01-30T00:00Z',
                           DATE '2026-11-01' + night, DATE '2026-11-01' + night, n / 1000
                      FROM generate_series(1, 3) night, generate_series(0, 1999) n
                    """).update();
            // and a confirmed fraud block of store S-7, blocked after every order was paid
            jdbc.sql("""
                    INSERT INTO stage_store_blocks (drop_date, line_no, store_id, blocked_at, review_status, confirmed_at)
                    VALUES ('2026-11-05', 2, 'S-7', '2026-11-02T10:00Z', 'CONFIRMED_FRAUD', '2026-11-04T10:00Z')
                    """).update();
            jdbc.sql("ANALYZE orders, stage_store_blocks").update();

            // when the fraud blocks' triggers are collected as the collector does it
            List<String> plan = db.analyzed(TriggerCollector.FRAUD_BLOCKS, true,
                    Map.of("businessDate", LocalDate.parse("2026-11-05")));

            // then the store's 10 orders of each night came out of the index, 30 triggers in all
            String shown = String.join("\n", plan);
            assertThat(plan).as(shown).anyMatch(line -> line.contains("orders_seen_bucket_store_idx"))
                    .noneMatch(line -> line.contains("Seq Scan on orders"))
                    .noneMatch(line -> line.contains("Filter:") && line.contains("(store_id = "));
            assertThat(plan.stream().filter(line -> line.contains("Index Cond"))).as(shown)
                    .anyMatch(line -> line.contains("seen_bucket") && line.contains("store_id"));
            assertThat(jdbc.sql("SELECT count(*) FROM refund_trigger WHERE trigger_type = 'FRAUD_BLOCK'")
                    .query(Long.class).single()).isEqualTo(30);
            assertThat(jdbc.sql("SELECT count(*) FROM refund_trigger WHERE order_id NOT IN (SELECT order_id FROM orders WHERE store_id = 'S-7')")
                    .query(Long.class).single()).isZero();
        }
    }
}
