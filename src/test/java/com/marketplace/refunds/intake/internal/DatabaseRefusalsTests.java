package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;

import com.marketplace.refunds.intake.DropRejectedException;

/** Which database failures of the intake are told without the database's own message, and which are left alone. */
class DatabaseRefusalsTests {

    static final String QUOTED = "ERROR: invalid input syntax for type timestamp with time zone: \"4111111111111111\"\n"
            + "  Where: COPY stage_orders, line 3, column paid_at: \"4111111111111111\"";

    @Test
    void aRefusedValueBecomesAFailureNamingTheStepAndSqlStateOnly() {
        // given PgCopy's wrapping of a refused value
        RuntimeException failure = new IllegalStateException("COPY into stage_orders failed: " + QUOTED,
                new SQLException(QUOTED, "22007"));
        // when
        RuntimeException told = DatabaseRefusals.withoutValues("loading orders.csv", failure);
        // then
        assertThat(told).isInstanceOf(DropRejectedException.class).hasNoCause();
        assertThat(told.getMessage()).startsWith("loading orders.csv failed: the database refused a value of the drop"
                + " (SQLSTATE 22007)").doesNotContain("4111", "COPY", "line 3");
    }

    @Test
    void aRefusedConstraintIsToldTheSameWay() {
        RuntimeException failure = new DataIntegrityViolationException("Failing row contains (O-1, 4111111111111111)",
                new SQLException("Failing row contains (O-1, 4111111111111111)", "23514"));

        assertThat(DatabaseRefusals.withoutValues("mergeDropStep", failure)).hasNoCause()
                .hasMessageContaining("SQLSTATE 23514").hasMessageNotContaining("4111");
    }

    @Test
    void aLostConnectionAndOtherFailuresAreLeftAsTheyAre() {
        RuntimeException lost = new DataAccessResourceFailureException("connection lost",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        RuntimeException other = new IllegalStateException("no SQL here");

        assertThat(DatabaseRefusals.withoutValues("mergeDropStep", lost)).isSameAs(lost);
        assertThat(DatabaseRefusals.withoutValues("mergeDropStep", other)).isSameAs(other);
    }
}
