package com.marketplace.refunds.refund.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.support.RolledBackDatabase;
import com.marketplace.refunds.support.StoredOrders;

/**
 * The decisions' pass reads a part's triggers sorted by order, so an order's triggers follow one another: a
 * cache of the orders' lookups (Memoize) could only repeat the lookup just made, and on a dense night it cost
 * a part 0.45 s of PostgreSQL's 4.2 s. The pass runs without it ({@link ByKey#runInKeyOrder}).
 */
class DecisionPassPlanTests {

    private static final Map<String, Object> PART = Map.of("businessDate", LocalDate.parse("2026-11-11"),
            "partition", 0, "partitions", 2, "firstSeq", 0);

    @Test
    void looksTheOrdersUpWithoutACacheAndPutsTheSettingBack() {
        try (RolledBackDatabase db = RolledBackDatabase.migrated("decision_pass_plan")) {
            JdbcClient jdbc = db.jdbc();
            // given 20,000 stored orders and 30,000 triggers of the night on them (a third of the orders twice)
            StoredOrders.insert(jdbc, "O-", 20_000, "USD", "2026-11-10");
            jdbc.sql("""
                    INSERT INTO refund_trigger (business_date, refund_key, trigger_type, order_id, order_part, event_time,
                           requested_at)
                    SELECT '2026-11-11', 'CANCEL:C-' || n, 'CANCELLATION', 'O-' || (n % 20000 + 1),
                           hashtext('O-' || (n % 20000 + 1)) & 268435455, '2026-11-05T09:00Z', '2026-11-05T09:00Z'
                      FROM generate_series(1, 30000) n
                    """).update();
            jdbc.sql("ANALYZE orders, refund_trigger").update();

            // when the pass's statement is planned by key, with and without the cache (the first, to show it is chosen)
            List<String> byKey = plan(jdbc, false);
            List<String> inKeyOrder = plan(jdbc, true);

            // then
            assertThat(byKey).as(String.join("\n", byKey)).anyMatch(line -> line.contains("Memoize"));
            assertThat(inKeyOrder).as(String.join("\n", inKeyOrder)).noneMatch(line -> line.contains("Memoize"))
                    .anyMatch(line -> line.contains("Index Scan using orders_pkey"));
            assertThat(jdbc.sql("SELECT current_setting('enable_memoize')").query(String.class).single())
                    .as("put back after the statement").isEqualTo("on");
        }
    }

    private static List<String> plan(JdbcClient jdbc, boolean inKeyOrder) {
        List<String> plan = new ArrayList<>();
        Runnable explain = () -> plan.addAll(jdbc.sql("EXPLAIN " + DecideRefundsTasklet.TRIGGERS_IN_ORDER)
                .params(PART).query(String.class).list());
        if (inKeyOrder) {
            ByKey.runInKeyOrder(jdbc, explain);
        }
        else {
            ByKey.run(jdbc, explain);
        }
        return plan;
    }
}
