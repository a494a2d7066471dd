package com.marketplace.refunds.nightly;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * Runs {@code nightlyRefundJob} for one business date, or for every due date, the way the contract
 * promises: one run at a time, dead runs recovered first, dates in order ({@link BusinessDateRun} runs
 * each), a completed date never run twice, and settlement files only into an outbox of this database.
 */
@Component
public class NightlyRunner {

    private static final Logger log = LoggerFactory.getLogger(NightlyRunner.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final DeadRuns deadRuns;
    private final BusinessDateRun dateRun;

    public NightlyRunner(DataSource dataSource, JobOperator jobOperator, JobRepository jobRepository,
                         Job nightlyRefundJob, PlatformTransactionManager transactionManager) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        NightlyRuns nightlyRuns = new NightlyRuns(jdbc, transactionManager);
        this.deadRuns = new DeadRuns(dataSource, nightlyRuns, jobOperator, jobRepository, nightlyRefundJob.getName());
        this.dateRun = new BusinessDateRun(jdbc, jobOperator, nightlyRefundJob, nightlyRuns);
    }

    /** Runs one business date (with the late drops it carries). */
    public RunOutcome run(LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        return locked(lock -> dateRun.run(lock, businessDate, inbox, outbox, reports));
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
                RunOutcome outcome = dateRun.run(lock, due.get(i), inbox, outbox, reports);
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

    /** The work under the run lock, after the dead runs are recovered; busy when another run holds the lock. */
    private RunOutcome locked(Function<RunLock, RunOutcome> work) {
        try (RunLock lock = RunLock.tryAcquire(dataSource, RunLock.tokenOfThisProcess())) {
            if (lock == null) {
                return new RunOutcome(ExitCode.BUSY,
                        "another nightly run is in progress; nothing was changed. Try again when it has finished.");
            }
            Optional<String> partHeld = deadRuns.recover();
            if (partHeld.isPresent()) {
                return new RunOutcome(ExitCode.BUSY, partHeld.get());
            }
            return work.apply(lock);
        }
        catch (SQLException | DataAccessException e) {
            return new RunOutcome(ExitCode.FAILED, "the database failed: " + FirstLine.of(e.getMessage())
                    + "; check PostgreSQL and run the same command again");
        }
        catch (ExplainedFailure e) {
            return new RunOutcome(ExitCode.FAILED, e.getMessage());
        }
    }
}
