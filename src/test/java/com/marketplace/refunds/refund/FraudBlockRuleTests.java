package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.marketplace.refunds.shared.ReviewStatus;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The fraud-block rule (CONTRACT section 3): the Java rule is the reference, and the SQL the collection
 * selects the store's orders with ({@link Trigger.FraudBlock#reachesSql}) gives the same answer on
 * PostgreSQL for every case of the table.
 */
class FraudBlockRuleTests {

    private static final JdbcClient JDBC = JdbcClient.create(new DriverManagerDataSource(
            TestDatabase.freshFor(FraudBlockRuleTests.class), TestDatabase.USER, ""));

    private static final Instant BLOCKED = Instant.parse("2026-11-20T12:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Instant BEFORE = BLOCKED.minus(SECOND);
    private static final Instant AFTER = BLOCKED.plus(SECOND);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("confirmed, paid before, not delivered", ReviewStatus.CONFIRMED_FRAUD, BEFORE, null, true),
                arguments("confirmed, paid before, delivered after", ReviewStatus.CONFIRMED_FRAUD, BEFORE, AFTER, true),
                arguments("confirmed, paid before, delivered at the block", ReviewStatus.CONFIRMED_FRAUD, BEFORE, BLOCKED,
                        true),
                arguments("confirmed, paid before, delivered before", ReviewStatus.CONFIRMED_FRAUD, BEFORE,
                        BEFORE.plus(Duration.ofMillis(500)), false),
                arguments("confirmed, paid at the block", ReviewStatus.CONFIRMED_FRAUD, BLOCKED, null, false),
                arguments("confirmed, paid after the block", ReviewStatus.CONFIRMED_FRAUD, AFTER, null, false),
                arguments("under review", ReviewStatus.UNDER_REVIEW, BEFORE, null, false),
                arguments("cleared", ReviewStatus.CLEARED, BEFORE, null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSqlAgreesWithTheRule(String situation, ReviewStatus status, Instant paidAt, Instant deliveredAt,
                                 boolean reaches) {
        boolean inSql = JDBC.sql("""
                SELECT %s FROM (SELECT CAST(:status AS text) AS review_status, CAST(:blockedAt AS timestamptz) AS blocked_at) b,
                               (SELECT CAST(:paidAt AS timestamptz) AS paid_at, CAST(:deliveredAt AS timestamptz) AS delivered_at) o
                """.formatted(Trigger.FraudBlock.reachesSql("b", "o")))
                .param("status", status.name()).param("blockedAt", at(BLOCKED)).param("paidAt", at(paidAt))
                .param("deliveredAt", at(deliveredAt))
                .query(Boolean.class).single();

        assertThat(Trigger.FraudBlock.reaches(status, BLOCKED, paidAt, deliveredAt)).as("the rule").isEqualTo(reaches);
        assertThat(inSql).as("the SQL").isEqualTo(reaches);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
