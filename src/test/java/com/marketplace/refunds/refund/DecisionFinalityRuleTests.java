package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * Which decisions are final (CONTRACT section 3): {@link Verdict#isFinal} is the rule, and the database's
 * generated column {@code decision.final} (V2), on which one final decision per key is enforced, gives the
 * same answer for every decision with every reason.
 */
class DecisionFinalityRuleTests {

    private static SingleConnectionDataSource dataSource;
    private static JdbcClient jdbc;

    @BeforeAll
    static void migrate() {
        dataSource = new SingleConnectionDataSource(TestDatabase.freshFor(DecisionFinalityRuleTests.class),
                TestDatabase.USER, "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.destroy();
    }

    static Stream<Verdict> everyDecisionWithEveryReason() {
        List<Verdict> verdicts = new ArrayList<>();
        for (Decision decision : Decision.values()) {
            for (Reason reason : Reason.values()) {
                verdicts.add(decision.approved() ? new Verdict(decision, reason, 100L, 100L)
                        : new Verdict(decision, reason, null, null));
            }
            if (decision.approved()) {
                verdicts.add(new Verdict(decision, null, 100L, 100L));
            }
        }
        return verdicts.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyDecisionWithEveryReason")
    void theGeneratedColumnAgreesWithTheRule(Verdict verdict) {
        boolean inDatabase = jdbc.sql("""
                WITH stored AS (
                    INSERT INTO decision (business_date, seq, refund_key, refund_id, order_id, trigger_type, decision, reason,
                                          amount_approved_minor)
                    VALUES (DATE '2026-11-25', (SELECT coalesce(max(seq), 0) + 1 FROM decision), :key, :refundId, 'O-1',
                            'CANCELLATION', :decision, :reason, :approved)
                    RETURNING final)
                SELECT final FROM stored
                """)
                .param("key", "CANCEL:" + verdict.decision() + ":" + verdict.reason())
                .param("refundId", verdict.decision().approved() ? "R-" + verdict.decision() + verdict.reason() : null)
                .param("decision", verdict.decision().name())
                .param("reason", verdict.reason() == null ? null : verdict.reason().name())
                .param("approved", verdict.approvedMinor())
                .query(Boolean.class).single();

        assertThat(inDatabase).isEqualTo(verdict.isFinal());
    }
}
