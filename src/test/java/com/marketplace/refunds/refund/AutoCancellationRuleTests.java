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

import com.marketplace.refunds.support.TestDatabase;

/**
 * The auto-cancellation rule (CONTRACT section 3): the Java rule is the reference, and the SQL the
 * collection selects missed deadlines with ({@link Trigger.AutoCancellation#dueSql}) gives the same
 * answer on PostgreSQL for every case of the table.
 */
class AutoCancellationRuleTests {

    private static final JdbcClient JDBC = JdbcClient.create(new DriverManagerDataSource(
            TestDatabase.freshFor(AutoCancellationRuleTests.class), TestDatabase.USER, ""));

    private static final Instant DEADLINE = Instant.parse("2026-11-20T12:00:00Z");
    private static final Instant CUT_OFF = Instant.parse("2026-11-26T00:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    static Stream<Arguments> cases() {
        return Stream.of(
                arguments("not shipped, deadline before the cut-off", DEADLINE, null, false, CUT_OFF, true),
                arguments("not shipped, deadline at the cut-off", CUT_OFF, null, false, CUT_OFF, false),
                arguments("not shipped, deadline after the cut-off", CUT_OFF.plus(SECOND), null, false, CUT_OFF, false),
                arguments("shipped with tracking before the deadline", DEADLINE, DEADLINE.minus(SECOND), true, CUT_OFF,
                        false),
                arguments("shipped with tracking at the deadline", DEADLINE, DEADLINE, true, CUT_OFF, false),
                arguments("shipped with tracking a second late", DEADLINE, DEADLINE.plus(SECOND), true, CUT_OFF, true),
                arguments("shipped in time without tracking", DEADLINE, DEADLINE.minus(SECOND), false, CUT_OFF, true),
                arguments("shipped late, deadline after the cut-off", CUT_OFF.plus(SECOND), CUT_OFF.plus(SECOND.multipliedBy(2)),
                        true, CUT_OFF, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theSqlAgreesWithTheRule(String situation, Instant deadline, Instant shippedAt, boolean tracked, Instant cutOff,
                                 boolean due) {
        OrderFacts order = new OrderFacts(10_000, shippedAt, tracked, null, false, DEADLINE.plus(Duration.ofDays(60)));

        boolean inSql = JDBC.sql("""
                SELECT %s FROM (SELECT CAST(:deadline AS timestamptz) AS ship_deadline,
                                       CAST(:shippedAt AS timestamptz) AS shipped_at,
                                       CAST(:tracking AS text) AS tracking_number) x
                """.formatted(Trigger.AutoCancellation.dueSql("x")))
                .param("deadline", at(deadline)).param("shippedAt", at(shippedAt))
                .param("tracking", tracked ? "1Z999" : null).param("cutOff", at(cutOff))
                .query(Boolean.class).single();

        assertThat(Trigger.AutoCancellation.due(deadline, order, cutOff)).as("the rule").isEqualTo(due);
        assertThat(inSql).as("the SQL").isEqualTo(due);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
