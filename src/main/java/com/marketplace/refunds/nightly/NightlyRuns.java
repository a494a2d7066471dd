package com.marketplace.refunds.nightly;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.shared.NightlyRunStatus;

/**
 * The table {@code nightly_run}: what became of each business date's run (running, failed, completed,
 * or carried by a later date's run), and which late dates a run chose to carry.
 */
final class NightlyRuns {

    private static final String MARK_DEAD_RUNS_FAILED = """
            UPDATE nightly_run SET status = %s, finished_at = now(),
                   message = 'the process running it stopped without finishing'
             WHERE status = %s
            """.formatted(NightlyRunStatus.FAILED.sql(), NightlyRunStatus.RUNNING.sql());
    private static final String MARK_RUNNING = """
            INSERT INTO nightly_run (business_date, status, started_at, carries)
            VALUES (:d, %s, now(), string_to_array(:carries, ',')::date[])
            ON CONFLICT (business_date) DO UPDATE SET status = %s, started_at = now(), finished_at = NULL,
                   message = NULL, carries = EXCLUDED.carries
            """.formatted(NightlyRunStatus.RUNNING.sql(), NightlyRunStatus.RUNNING.sql());
    /** The late dates an earlier attempt at this date chose to carry; null when none has started. */
    private static final String CARRIES = """
            SELECT array_to_string(carries, ',') FROM nightly_run WHERE business_date = :d
            """;
    /** Each late date carried, with the date that carried it (docs/running.md, "Late drops"). */
    private static final String MARK_CARRIED = """
            INSERT INTO nightly_run (business_date, status, started_at, finished_at, carried_by, message)
            SELECT late, %s, now(), now(), :d, 'carried by the run for ' || :d
              FROM nightly_run r CROSS JOIN unnest(r.carries) AS late
             WHERE r.business_date = :d
            ON CONFLICT (business_date) DO UPDATE SET status = %s, finished_at = now(), carried_by = :d,
                   job_execution_id = NULL, message = EXCLUDED.message
            """.formatted(NightlyRunStatus.CARRIED.sql(), NightlyRunStatus.CARRIED.sql());
    private static final String MARK_FINISHED = """
            UPDATE nightly_run SET status = :status, finished_at = now(), job_execution_id = :execution, message = :message
             WHERE business_date = :d
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    NightlyRuns(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Every run recorded as running is marked failed (the caller holds the run lock, so they are dead); how many. */
    int markDeadRunsFailed() {
        return jdbc.sql(MARK_DEAD_RUNS_FAILED).update();
    }

    /** The late dates an earlier attempt at this date chose to carry; empty when no attempt has started. */
    Optional<List<LocalDate>> carriedByAnEarlierAttempt(LocalDate businessDate) {
        return jdbc.sql(CARRIES).param("d", businessDate).query(String.class).optional()
                .map(dates -> Arrays.stream(dates.split(",")).filter(date -> !date.isEmpty()).map(LocalDate::parse)
                        .toList());
    }

    void markRunning(LocalDate businessDate, List<LocalDate> carried) {
        jdbc.sql(MARK_RUNNING).param("d", businessDate)
                .param("carries", carried.stream().map(LocalDate::toString).collect(Collectors.joining(","))).update();
    }

    /** The date completed, and the late dates it carried are recorded as carried by it, in one transaction. */
    void markCompleted(LocalDate businessDate, Long executionId, String message) {
        transactions.executeWithoutResult(status -> {
            finish(businessDate, NightlyRunStatus.COMPLETED, executionId, message);
            jdbc.sql(MARK_CARRIED).param("d", businessDate).update();
        });
    }

    void markFailed(LocalDate businessDate, Long executionId, String message) {
        finish(businessDate, NightlyRunStatus.FAILED, executionId, message);
    }

    private void finish(LocalDate businessDate, NightlyRunStatus status, Long executionId, String message) {
        jdbc.sql(MARK_FINISHED).param("d", businessDate).param("status", status.name()).param("execution", executionId)
                .param("message", message).update();
    }
}
