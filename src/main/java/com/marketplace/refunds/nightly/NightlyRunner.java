package com.marketplace.refunds.nightly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.RunParameters;

/**
 * Runs {@code nightlyRefundJob} for one business date the way the contract promises: one run at a
 * time, dead runs recovered, dates in order, a completed date never run twice, and settlement files
 * only into an outbox of this database.
 */
@Component
public class NightlyRunner {

    private static final Logger log = LoggerFactory.getLogger(NightlyRunner.class);

    private static final String MARK_DEAD_RUNS_FAILED = """
            UPDATE nightly_run SET status = 'FAILED', finished_at = now(),
                   message = 'the process running it stopped without finishing'
             WHERE status = 'RUNNING'
            """;
    private static final String UNKNOWN_EXECUTIONS = """
            SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
             WHERE i.job_name = :job AND e.status = 'UNKNOWN'
            """;
    private static final String MARK_RUNNING = """
            INSERT INTO nightly_run (business_date, status, started_at, carries)
            VALUES (:d, 'RUNNING', now(), string_to_array(:carries, ',')::date[])
            ON CONFLICT (business_date) DO UPDATE SET status = 'RUNNING', started_at = now(), finished_at = NULL,
                   message = NULL, carries = EXCLUDED.carries
            """;
    /** The late dates an earlier attempt at this date chose to carry; null when none has started. */
    private static final String CARRIES = """
            SELECT array_to_string(carries, ',') FROM nightly_run WHERE business_date = :d
            """;
    /** Each late date carried, with the date that carried it (docs/running.md, "Late drops"). */
    private static final String MARK_CARRIED = """
            INSERT INTO nightly_run (business_date, status, started_at, finished_at, carried_by, message)
            SELECT late, 'CARRIED', now(), now(), :d, 'carried by the run for ' || :d
              FROM nightly_run r CROSS JOIN unnest(r.carries) AS late
             WHERE r.business_date = :d
            ON CONFLICT (business_date) DO UPDATE SET status = 'CARRIED', finished_at = now(), carried_by = :d,
                   job_execution_id = NULL, message = EXCLUDED.message
            """;
    private static final String MARK_FINISHED = """
            UPDATE nightly_run SET status = :status, finished_at = now(), job_execution_id = :execution, message = :message
             WHERE business_date = :d
            """;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job nightlyRefundJob;
    private final DateOrder dateOrder;
    private final TransactionTemplate transactions;

    public NightlyRunner(DataSource dataSource, JobOperator jobOperator, JobRepository jobRepository,
                         Job nightlyRefundJob, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = JdbcClient.create(dataSource);
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.nightlyRefundJob = nightlyRefundJob;
        this.dateOrder = new DateOrder(jdbc);
    }

    /** Runs one business date (with the late drops it carries). */
    public RunOutcome run(LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        return locked(lock -> runInOrder(lock, businessDate, inbox, outbox, reports));
    }

    /**
     * Catch-up (docs/running.md, "Catch-up"): every due date, oldest first, up to {@code until} when given,
     * under one hold of the run lock; stops at the first run that does not complete, and its exit code
     * is the command's. Each completed run's summary goes to {@code completed} as it completes.
     */
    public RunOutcome catchUp(Optional<LocalDate> until, Path inbox, Path outbox, Path reports,
                              Consumer<String> completed) {
        return locked(lock -> {
            DropCalendar calendar = new DropCalendar(jdbc, inbox);
            List<LocalDate> due = calendar.due(until);
            if (due.isEmpty()) {
                return new RunOutcome(ExitCode.COMPLETED, "Nothing is due: " + calendar.lastCompleted()
                        .map(date -> "the last completed date is " + date + ", and no complete drop after it")
                        .orElse("no date has completed yet, and no complete drop") + " is in " + inbox.toAbsolutePath()
                        + until.map(date -> " up to " + date).orElse("") + ".");
            }
            log.info("Catching up {} due date(s), oldest first: {}", due.size(), due);
            List<LocalDate> held = new ArrayList<>();
            for (int i = 0; i < due.size(); i++) {
                RunOutcome outcome = runInOrder(lock, due.get(i), inbox, outbox, reports);
                if (outcome.exitCode() == ExitCode.HELD) {
                    held.add(due.get(i)); // a held night completed: the next dates run, and the command exits 4
                }
                else if (outcome.exitCode() != ExitCode.COMPLETED) {
                    List<LocalDate> notRun = due.subList(i + 1, due.size());
                    return new RunOutcome(outcome.exitCode(), outcome.message() + (notRun.isEmpty() ? ""
                            : "\nThe catch-up stopped there; not run yet: " + notRun + ".")
                            + (held.isEmpty() ? "" : "\nRefunds were held for review on " + held + " (docs/hold.md)."));
                }
                completed.accept(outcome.message());
            }
            return new RunOutcome(held.isEmpty() ? ExitCode.COMPLETED : ExitCode.HELD, "Caught up: " + due.size()
                    + (due.size() == 1 ? " date" : " dates")
                    + " completed (" + due.get(0) + (due.size() == 1 ? "" : " to " + due.get(due.size() - 1))
                    + "); the last completed date is " + due.get(due.size() - 1) + "."
                    + (held.isEmpty() ? "" : " Refunds were held for review on " + held + ": finance releases or "
                            + "cancels them (docs/hold.md)."));
        });
    }

    private RunOutcome locked(Function<RunLock, RunOutcome> work) {
        try (RunLock lock = RunLock.tryAcquire(dataSource, RunLock.tokenOfThisProcess())) {
            if (lock == null) {
                return new RunOutcome(ExitCode.BUSY,
                        "another nightly run is in progress; nothing was changed. Try again when it has finished.");
            }
            recoverDeadRuns();
            return work.apply(lock);
        }
        catch (SQLException | DataAccessException e) {
            return new RunOutcome(ExitCode.FAILED, "the database failed: " + firstLine(e.getMessage())
                    + "; check PostgreSQL and run the same command again");
        }
        catch (ExplainedFailure e) {
            return new RunOutcome(ExitCode.FAILED, e.getMessage());
        }
    }

    private RunOutcome runInOrder(RunLock lock, LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        MDC.put(LogContext.BUSINESS_DATE, businessDate.toString());
        try {
            return runInOrderLogged(lock, businessDate, inbox, outbox, reports);
        }
        finally {
            MDC.remove(LogContext.BUSINESS_DATE);
        }
    }

    private RunOutcome runInOrderLogged(RunLock lock, LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        Optional<RunOutcome> instead = dateOrder.instead(businessDate, inbox);
        if (instead.isPresent()) {
            return instead.get();
        }
        Path drop = inbox.resolve(businessDate.toString());
        if (!Files.isDirectory(drop)) {
            return new RunOutcome(ExitCode.FAILED, "no drop for " + businessDate + ": " + drop.toAbsolutePath()
                    + " does not exist. Wait for the upstream delivery, or pass --inbox=DIR.");
        }
        Optional<String> foreignOutbox = OutboxOwner.refusal(jdbc, outbox);
        if (foreignOutbox.isPresent()) {
            return new RunOutcome(ExitCode.USAGE, foreignOutbox.get() + "; nothing was changed.");
        }
        lock.assertHeld();
        lock.recordHolder();
        DropCalendar calendar = new DropCalendar(jdbc, inbox);
        List<LocalDate> carried = carried(businessDate, calendar);
        List<LocalDate> withoutDrop = calendar.withoutDrop(businessDate, carried);
        if (!carried.isEmpty()) {
            log.info("The run for {} carries the late drops of {}, read before its own", businessDate, carried);
        }
        withoutDrop.forEach(date -> log.warn("No complete drop for {}: passed over. The run for {} goes on; {}'s drop, "
                + "when it comes complete, is carried by a later run", date, businessDate, date));
        return launch(businessDate, inbox, outbox, reports, carried, withoutDrop);
    }

    /**
     * The late dates this run carries: those its first attempt chose that are still complete, or, on a
     * first attempt, every late date whose drop is complete. A late drop that comes during a failed
     * date's restarts waits for the next date's run, so nothing an attempt read is left out of it.
     */
    private List<LocalDate> carried(LocalDate businessDate, DropCalendar calendar) {
        Optional<String> earlier = jdbc.sql(CARRIES).param("d", businessDate).query(String.class).optional();
        if (earlier.isEmpty()) {
            return calendar.late(businessDate);
        }
        return Arrays.stream(earlier.get().split(",")).filter(date -> !date.isEmpty()).map(LocalDate::parse)
                .filter(calendar::complete).sorted().toList();
    }

    private RunOutcome launch(LocalDate businessDate, Path inbox, Path outbox, Path reports, List<LocalDate> carried,
                              List<LocalDate> withoutDrop) {
        jdbc.sql(MARK_RUNNING).param("d", businessDate)
                .param("carries", carried.stream().map(LocalDate::toString).collect(Collectors.joining(","))).update();
        JobExecution execution;
        try {
            execution = jobOperator.start(nightlyRefundJob,
                    RunParameters.toJobParameters(businessDate, inbox, outbox, reports, carried, withoutDrop));
        }
        catch (JobInstanceAlreadyCompleteException e) {
            completed(businessDate, null, "found completed in the job repository");
            return new RunOutcome(ExitCode.COMPLETED, "The nightly run for " + businessDate
                    + " has already completed; nothing was done.");
        }
        catch (Exception e) {
            finish(businessDate, "FAILED", null, e.getMessage());
            return new RunOutcome(ExitCode.FAILED, "the nightly run for " + businessDate + " could not start: "
                    + e.getMessage());
        }
        RunOutcome outcome;
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            completed(businessDate, execution.getId(), null);
            String summary = RunSummary.of(jdbc, RunParameters.of(execution));
            List<Holds.Held> held = Holds.of(jdbc, businessDate);
            outcome = held.isEmpty() ? new RunOutcome(ExitCode.COMPLETED, summary)
                    : new RunOutcome(ExitCode.HELD, summary + held.stream().map(h -> "\nHELD for review: "
                            + h.describe() + ". Finance releases them (actions request --action=release --business-date="
                            + h.businessDate() + " --payment-method=" + h.paymentMethod()
                            + ", approved by a second person) or cancels them; until then they are not sent.")
                            .collect(Collectors.joining()));
        }
        else {
            String why = stoppedOnRequest(execution)
                    ? "it was stopped on request (SIGTERM) at a step boundary; nothing half-done was kept"
                    : failureOf(execution);
            finish(businessDate, "FAILED", execution.getId(), why);
            outcome = new RunOutcome(ExitCode.FAILED, "the nightly run for " + businessDate + " failed: " + why
                    + ". Run the same command again once this is fixed.");
        }
        writeSummaryFile(execution, outcome);
        return outcome;
    }

    /** run-summary.json for machines; a failure to write it is logged and never changes the outcome. */
    private void writeSummaryFile(JobExecution execution, RunOutcome outcome) {
        try {
            RunSummaryFile.write(jdbc, execution, outcome.exitCode(), firstLine(outcome.message()));
        }
        catch (RuntimeException e) {
            log.warn("Could not write {} ({}: {}); the run's outcome is unchanged", RunSummaryFile.FILE_NAME,
                    e.getClass().getSimpleName(), firstLine(e.getMessage()));
        }
    }

    /**
     * We hold the lock, so no other process is running: whatever looks running is dead, and an
     * execution left UNKNOWN (its last update failed with the database) ended too. Both become
     * FAILED, so the same command restarts them; every step is safe to run again.
     */
    private void recoverDeadRuns() {
        int dead = jdbc.sql(MARK_DEAD_RUNS_FAILED).update();
        for (JobExecution execution : jobRepository.findRunningJobExecutions(nightlyRefundJob.getName())) {
            log.warn("Recovering job execution {} of a run that died without finishing", execution.getId());
            jobOperator.recover(execution);
        }
        for (Long id : jdbc.sql(UNKNOWN_EXECUTIONS).param("job", nightlyRefundJob.getName()).query(Long.class).list()) {
            JobExecution execution = jobRepository.getJobExecution(id);
            log.warn("Marking job execution {}, left UNKNOWN by a lost database connection, FAILED", id);
            for (StepExecution step : execution.getStepExecutions()) {
                if (step.getStatus() == BatchStatus.UNKNOWN || step.getStatus().isRunning()) {
                    step.setStatus(BatchStatus.FAILED);
                    step.setExitStatus(ExitStatus.FAILED);
                    jobRepository.update(step);
                }
            }
            execution.setStatus(BatchStatus.FAILED);
            execution.setExitStatus(ExitStatus.FAILED);
            jobRepository.update(execution);
        }
        if (dead > 0) {
            log.warn("{} earlier run(s) had died without finishing; marked FAILED", dead);
        }
    }

    /** The date completed, and the late dates it carried are recorded as carried by it, in one transaction. */
    private void completed(LocalDate businessDate, Long executionId, String message) {
        transactions.executeWithoutResult(status -> {
            finish(businessDate, "COMPLETED", executionId, message);
            jdbc.sql(MARK_CARRIED).param("d", businessDate).update();
        });
    }

    private void finish(LocalDate businessDate, String status, Long executionId, String message) {
        jdbc.sql(MARK_FINISHED).param("d", businessDate).param("status", status).param("execution", executionId)
                .param("message", message).update();
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

    public static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
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
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof ExplainedFailure) {
                    return cause.getMessage();
                }
            }
        }
        for (Throwable failure : execution.getAllFailureExceptions()) {
            if (lostTheDatabase(failure)) {
                log.error("The run lost its database connection", failure);
                return "the connection to the database was lost (" + firstLine(failure.getMessage())
                        + "); the step in flight was rolled back. Check that PostgreSQL is up";
            }
        }
        execution.getAllFailureExceptions().forEach(f -> log.error("The run failed on an unexpected error", f));
        return execution.getAllFailureExceptions().stream().findFirst()
                .map(f -> f.getClass().getSimpleName() + ": " + firstLine(f.getMessage()) + " (the log above has the details)")
                .orElse("status " + execution.getStatus());
    }
}
