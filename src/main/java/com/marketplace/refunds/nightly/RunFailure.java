package com.marketplace.refunds.nightly;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * Why a run did not complete, in the words the operator is told: stopped on request, a failure a
 * feature explained, the database lost, or (logged in full) an unexpected error.
 */
final class RunFailure {

    private static final Logger log = LoggerFactory.getLogger(RunFailure.class);

    private RunFailure() {
    }

    /** Why the execution, which did not complete, ended. */
    static String why(JobExecution execution) {
        return stoppedOnRequest(execution)
                ? "it was stopped on request (SIGTERM) at a step boundary; nothing half-done was kept"
                : failureOf(execution);
    }

    /**
     * Stopped on request: STOPPED, or ended by nothing but the interruption a stop request raises (under
     * load Spring Batch has been seen to record such a run FAILED, with only that interruption).
     */
    static boolean stoppedOnRequest(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        return execution.getStatus() == BatchStatus.STOPPED || !failures.isEmpty() && failures.stream()
                .allMatch(failure -> failure instanceof JobInterruptedException
                        || failure.getCause() instanceof JobInterruptedException);
    }

    private static String failureOf(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        return failures.isEmpty() ? "status " + execution.getStatus() : told(failures);
    }

    /**
     * Why a run ended on a failure that escaped the job operator's synchronous run instead of ending in the
     * execution: the job repository's own update failing as the connections are cut ("JDBC rollback
     * failed"), in the same words as an execution's failure.
     */
    static String escaped(Throwable failure) {
        return told(List.of(failure));
    }

    /** The failures in the operator's words: one a feature explained, else the lost database, else the first. */
    private static String told(List<Throwable> failures) {
        for (Throwable failure : failures) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ExplainedFailure) {
                    return cause.getMessage();
                }
            }
        }
        for (Throwable failure : failures) {
            if (lostTheDatabase(failure)) {
                log.error("The run lost its database connection", failure);
                return "the connection to the database was lost (" + FirstLine.of(failure.getMessage())
                        + "); the step in flight was rolled back. Check that PostgreSQL is up";
            }
        }
        failures.forEach(f -> log.error("The run failed on an unexpected error", f));
        Throwable first = failures.get(0);
        return first.getClass().getSimpleName() + ": " + FirstLine.of(first.getMessage()) + " (the log above has the details)";
    }

    private static boolean lostTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (cause instanceof org.springframework.transaction.TransactionSystemException
                    || cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof java.net.SocketException || cause instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }
}
