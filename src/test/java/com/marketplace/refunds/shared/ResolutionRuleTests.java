package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * Which amount a dispute resolution pays (CONTRACT section 3, "Dispute resolutions"): the contract's table,
 * and the SQL the merge and the collection choose the amount with ({@link Resolution#payingAmountSql}) gives
 * the same amount on PostgreSQL for every resolution.
 */
class ResolutionRuleTests {

    private static final JdbcClient JDBC = JdbcClient.create(new DriverManagerDataSource(
            TestDatabase.freshFor(ResolutionRuleTests.class), TestDatabase.USER, ""));

    @ParameterizedTest
    @EnumSource(Resolution.class)
    void theContractsTable(Resolution resolution) {
        String expected = switch (resolution) {
            case SELLER_ACCEPTED, SELLER_NO_RESPONSE -> "requested_amount";
            case COUNTEROFFER_ACCEPTED, PLATFORM_BUYER -> "awarded_amount";
            case PLATFORM_SELLER, REPLACEMENT, INSUFFICIENT_EVIDENCE -> null;
        };
        assertThat(resolution.paying().column()).isEqualTo(expected);
        assertThat(resolution.paysBuyer()).isEqualTo(expected != null);
    }

    @ParameterizedTest
    @EnumSource(Resolution.class)
    void theSqlPaysTheSameAmount(Resolution resolution) {
        String inSql = JDBC.sql("""
                SELECT %s FROM (SELECT CAST(:resolution AS text) AS resolution, '12.00'::text AS requested_amount,
                                       '7.50'::text AS awarded_amount) d
                """.formatted(Resolution.payingAmountSql("d")))
                .param("resolution", resolution.name()).query(String.class).list().get(0);

        String expected = switch (resolution.paying()) {
            case REQUESTED -> "12.00";
            case AWARDED -> "7.50";
            case NONE -> null;
        };
        assertThat(inSql).isEqualTo(expected);
        assertThat(Resolution.payingSqlList().contains("'" + resolution.name() + "'")).isEqualTo(resolution.paysBuyer());
    }
}
