package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * amount_fits, the database's reading of a delivered amount against its currency's decimals: what it
 * answers, and that PostgreSQL puts its body in the calling statement instead of calling it row by row
 * (V32: the dispute amounts' check called it twice a dispute through the SQL-function executor).
 */
class AmountFitsIntegrationTests {

    @Test
    void answersForEachAmountAndNullForNone() {
        try (SingleConnectionDataSource dataSource = TestDatabase.migrated("amount_fits_answers")) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            List<String> answers = jdbc.sql("""
                    SELECT coalesce(a || ' ' || e || ' ' || amount_fits(a, e::smallint), 'null ' || e || ' '
                           || coalesce(amount_fits(a, e::smallint)::text, 'null'))
                      FROM unnest(CAST(:amounts AS text[])) WITH ORDINALITY x (a, n)
                     CROSS JOIN (VALUES (0), (2), (3)) d (e)
                     ORDER BY x.n, d.e
                    """).param("amounts", new String[] {"12", "12.5", "12.50", "12.505", "0.00", "", "1,50", "-1", ".5",
                            "5.", "1e3", " 12", null})
                    .query(String.class).list();

            assertThat(answers).isEqualTo(Arrays.asList(
                    "12 0 true", "12 2 true", "12 3 true",
                    "12.5 0 false", "12.5 2 true", "12.5 3 true",
                    "12.50 0 false", "12.50 2 true", "12.50 3 true",
                    "12.505 0 false", "12.505 2 false", "12.505 3 true",
                    "0.00 0 false", "0.00 2 true", "0.00 3 true",
                    " 0 false", " 2 false", " 3 false",
                    "1,50 0 false", "1,50 2 false", "1,50 3 false",
                    "-1 0 false", "-1 2 false", "-1 3 false",
                    ".5 0 false", ".5 2 false", ".5 3 false",
                    "5. 0 false", "5. 2 false", "5. 3 false",
                    "1e3 0 false", "1e3 2 false", "1e3 3 false",
                    " 12 0 false", " 12 2 false", " 12 3 false",
                    "null 0 null", "null 2 null", "null 3 null"));
        }
    }

    @Test
    void itsBodyIsPutInTheStatementThatCallsIt() {
        try (SingleConnectionDataSource dataSource = TestDatabase.migrated("amount_fits_inlined")) {
            JdbcClient jdbc = JdbcClient.create(dataSource);

            String plan = String.join("\n", jdbc.sql("""
                    EXPLAIN (VERBOSE) SELECT amount_fits(a, 2::smallint) FROM (VALUES ('1.50'), ('3')) v (a)
                    """).query(String.class).list());

            assertThat(plan).as("the plan's output expression").doesNotContain("amount_fits").contains("~");
        }
    }
}
