package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.support.RolledBackDatabase;

/**
 * The check for ids repeated within a drop reads the staged rows once. Before, it grouped them by id in
 * a subquery and joined the groups back to the rows: PostgreSQL ran that join in parallel and each of
 * its three processes grouped the whole staging again (a usual night's million orders: 1.4 s, with
 * three processes busy, where one pass in id order takes 0.7 s).
 */
class RepeatedIdsReadOnceTests {

    @Test
    void readsTheStagedRowsOnceAndRejectsEachRepeatAfterItsFirstLine() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("repeated_ids_read_once")) {
            JdbcClient jdbc = db.jdbc();
            // given a drop of 200,000 staged orders where line 150,001 repeats line 2's id and lines
            // 150,002 and 150,003 repeat line 3's, and a second drop that repeats line 4's id once
            jdbc.sql("""
                    INSERT INTO stage_orders (drop_date, line_no, order_id, store_id, buyer_id, payment_method,
                           payment_reference, currency, items_minor, shipping_minor, paid_at, ship_deadline,
                           free_return, protection_expires_at)
                    SELECT drop_date, line_no, id, 'S-1', 'B-1', 'CARD', 'psp-1', 'USD', 1000, 0,
                           '2026-11-01T10:00Z', '2026-11-20T10:00Z', true, '2027-01-30T00:00Z'
                      FROM (SELECT DATE '2026-11-11' AS drop_date, n + 1 AS line_no, CASE
                                   WHEN n = 150000 THEN 'O-1' WHEN n IN (150001, 150002) THEN 'O-2' ELSE 'O-' || n END AS id
                              FROM generate_series(0, 199999) n
                            UNION ALL
                            SELECT DATE '2026-11-12', 2, 'O-3') rows
                    """).update();
            jdbc.sql("ANALYZE stage_orders").update();

            // when the check runs on the orders' staging
            List<String> plan = db.analyzed(CrossRowChecks.repeatedIds(Extract.ORDERS), false,
                    Map.of("file", "orders.csv"));

            // then it read the staging once, in one process, and rejected the three repeats
            String shown = String.join("\n", plan);
            assertThat(plan.stream().filter(line -> line.contains("Scan on stage_orders"))).as(shown)
                    .singleElement().satisfies(line -> assertThat(line).contains("loops=1)"));
            assertThat(jdbc.sql("""
                    SELECT drop_date || ' ' || line_no || ' ' || reason FROM stage_reject ORDER BY drop_date, line_no
                    """).query(String.class).list()).containsExactly(
                    "2026-11-11 150001 order_id repeats the one on line 2 of this file",
                    "2026-11-11 150002 order_id repeats the one on line 3 of this file",
                    "2026-11-11 150003 order_id repeats the one on line 3 of this file");
        }
    }
}
