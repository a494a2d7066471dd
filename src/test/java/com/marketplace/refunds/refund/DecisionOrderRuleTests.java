package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * The order a run decides its triggers in (CONTRACT section 3, "Order and checks"): event time, then
 * refund key as UTF-8 bytes. {@link RefundRules#DECISION_ORDER} is the rule; the decide pass's SQL
 * ({@link RefundRules#decisionOrderSql}) puts the same triggers in the same order on PostgreSQL.
 */
class DecisionOrderRuleTests {

    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theSqlOrdersTriggersAsTheRuleDoes() {
        List<Trigger> triggers = new ArrayList<>(List.of(
                cancellation("B", T), cancellation("a", T), cancellation("A", T), cancellation("A1", T),
                cancellation("\uFF21", T), cancellation("\uD83D\uDE00", T), cancellation("é", T),
                cancellation("z", T), cancellation("0", T.plusSeconds(1)), cancellation("zz", T.minusSeconds(1)),
                new Trigger.AutoCancellation("O-1", T), new Trigger.FraudBlock("S-1", "O-1", T)));
        List<String> expected = triggers.stream().sorted(RefundRules.DECISION_ORDER).map(Trigger::refundKey).toList();

        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                TestDatabase.freshFor(DecisionOrderRuleTests.class), TestDatabase.USER, "", true);
        try {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            jdbc.sql("CREATE TEMPORARY TABLE t (event_time timestamptz, refund_key text)").update();
            for (Trigger trigger : triggers) {
                jdbc.sql("INSERT INTO t VALUES (:time, :key)")
                        .param("time", trigger.eventTime().atOffset(ZoneOffset.UTC)).param("key", trigger.refundKey())
                        .update();
            }
            List<String> inSql = jdbc.sql("SELECT refund_key FROM t ORDER BY " + RefundRules.decisionOrderSql("t"))
                    .query(String.class).list();

            assertThat(inSql).containsExactlyElementsOf(expected);
            // UTF-8 bytes, not UTF-16 units: the fullwidth A (EF BC A1) comes before the emoji (F0 9F 98 80)
            assertThat(expected.indexOf("CANCEL:\uFF21")).isLessThan(expected.indexOf("CANCEL:\uD83D\uDE00"));
            assertThat(expected.get(0)).isEqualTo("CANCEL:zz");
            assertThat(expected.get(expected.size() - 1)).isEqualTo("CANCEL:0");
        }
        finally {
            dataSource.destroy();
        }
    }

    private static Trigger cancellation(String id, Instant requestedAt) {
        return new Trigger.Cancellation(id, "O-1", requestedAt, requestedAt);
    }
}
