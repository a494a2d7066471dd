package com.marketplace.refunds.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.support.TestDatabase;

/**
 * A statement run by key fails with its own error: the settings ByKey puts back after it cannot be put
 * back in the transaction its failure aborted, and that second error used to be the one thrown, so a
 * run's failure said "current transaction is aborted" instead of what refused the statement.
 */
class ByKeyIntegrationTests {

    private static final String SETTINGS = """
            SELECT current_setting('enable_hashjoin') || ' ' || current_setting('enable_mergejoin') || ' '
                   || current_setting('jit') || ' ' || current_setting('enable_memoize')
            """;

    @Test
    void aStatementThatFailsInATransactionThrowsItsOwnError() {
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(TestDatabase.fresh("by_key"),
                TestDatabase.USER, "", true)) {
            JdbcClient jdbc = JdbcClient.create(dataSource);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            String before = jdbc.sql(SETTINGS).query(String.class).single();

            assertThatThrownBy(() -> transaction.executeWithoutResult(status -> ByKey.rows(jdbc,
                    () -> jdbc.sql("SELECT 1 / 0").query(Integer.class).single())))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("division by zero")
                    .hasMessageNotContaining("current transaction is aborted");

            assertThat(jdbc.sql(SETTINGS).query(String.class).single()).as("the session's own settings again")
                    .isEqualTo(before);
            Integer byKeyInside = transaction.execute(status -> ByKey.rows(jdbc,
                    () -> jdbc.sql(SETTINGS).query(String.class).single().startsWith("off off off") ? 1 : 0));
            assertThat(byKeyInside).as("hash and merge joins and JIT off for the statement").isOne();
            assertThat(jdbc.sql(SETTINGS).query(String.class).single()).as("put back after a statement that succeeded")
                    .isEqualTo(before);
        }
    }
}
