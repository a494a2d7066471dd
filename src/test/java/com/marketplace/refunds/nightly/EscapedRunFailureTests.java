package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

/**
 * A failure that escapes the job operator's synchronous run instead of ending in the execution (the job
 * repository's own update failing as the connections are cut: "JDBC rollback failed") is told as the
 * execution's failures are: a lost database says so, in one line, with what to do.
 */
class EscapedRunFailureTests {

    @Test
    void aRollbackThatFailedAsTheConnectionWasLostIsToldAsTheDatabaseLost() {
        TransactionSystemException escaped = new TransactionSystemException("JDBC rollback failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));

        assertThat(RunFailure.escaped(escaped)).startsWith("the connection to the database was lost (JDBC rollback failed)")
                .endsWith("Check that PostgreSQL is up");
    }

    @Test
    void anyOtherEscapedFailureIsNamedWithItsFirstLine() {
        assertThat(RunFailure.escaped(new IllegalStateException("no such step\nmore")))
                .isEqualTo("IllegalStateException: no such step (the log above has the details)");
    }
}
