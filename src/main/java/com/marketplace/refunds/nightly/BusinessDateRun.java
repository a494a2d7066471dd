package com.marketplace.refunds.nightly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.settlement.OutboxOwner;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.RunParameters;

/**
 * The run of one business date, under the run lock: refused when out of order, without a drop or
 * with an outbox of another database; otherwise launched with the late drops it carries, its end
 * recorded in nightly_run and told as the operator reads it, and run-summary.json written.
 */
final class BusinessDateRun {

    private static final Logger log = LoggerFactory.getLogger(BusinessDateRun.class);

    private final JdbcClient jdbc;
    private final JobOperator jobOperator;
    private final Job nightlyRefundJob;
    private final NightlyRuns nightlyRuns;
    private final DateOrder dateOrder;

    BusinessDateRun(JdbcClient jdbc, JobOperator jobOperator, Job nightlyRefundJob, NightlyRuns nightlyRuns) {
        this.jdbc = jdbc;
        this.jobOperator = jobOperator;
        this.nightlyRefundJob = nightlyRefundJob;
        this.nightlyRuns = nightlyRuns;
        this.dateOrder = new DateOrder(jdbc);
    }

    /** Runs the date (with the late drops it carries); the lock must be held. */
    RunOutcome run(RunLock lock, LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        MDC.put(LogContext.BUSINESS_DATE, businessDate.toString());
        try {
            return runLogged(lock, businessDate, inbox, outbox, reports);
        }
        finally {
            MDC.remove(LogContext.BUSINESS_DATE);
        }
    }

    private RunOutcome runLogged(RunLock lock, LocalDate businessDate, Path inbox, Path outbox, Path reports) {
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
        Optional<List<LocalDate>> earlier = nightlyRuns.carriedByAnEarlierAttempt(businessDate);
        if (earlier.isEmpty()) {
            return calendar.late(businessDate);
        }
        return earlier.get().stream().filter(calendar::complete).sorted().toList();
    }

    private RunOutcome launch(LocalDate businessDate, Path inbox, Path outbox, Path reports, List<LocalDate> carried,
                              List<LocalDate> withoutDrop) {
        nightlyRuns.markRunning(businessDate, carried);
        JobExecution execution;
        try {
            execution = jobOperator.start(nightlyRefundJob,
                    RunParameters.toJobParameters(businessDate, inbox, outbox, reports, carried, withoutDrop));
        }
        catch (JobInstanceAlreadyCompleteException e) {
            nightlyRuns.markCompleted(businessDate, null, "found completed in the job repository");
            return new RunOutcome(ExitCode.COMPLETED, "The nightly run for " + businessDate
                    + " has already completed; nothing was done.");
        }
        catch (RuntimeException e) {
            // escaped the synchronous run itself, as when the job repository's update fails with the connections
            String why = RunFailure.escaped(e);
            nightlyRuns.markFailed(businessDate, null, why);
            return new RunOutcome(ExitCode.FAILED, "the nightly run for " + businessDate + " failed: " + why
                    + ". Run the same command again once this is fixed.");
        }
        catch (Exception e) {
            nightlyRuns.markFailed(businessDate, null, e.getMessage());
            return new RunOutcome(ExitCode.FAILED, "the nightly run for " + businessDate + " could not start: "
                    + e.getMessage());
        }
        RunOutcome outcome;
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            nightlyRuns.markCompleted(businessDate, execution.getId(), null);
            outcome = completed(execution, businessDate);
        }
        else {
            String why = RunFailure.why(execution);
            nightlyRuns.markFailed(businessDate, execution.getId(), why);
            outcome = new RunOutcome(ExitCode.FAILED, "the nightly run for " + businessDate + " failed: " + why
                    + ". Run the same command again once this is fixed.");
        }
        writeSummaryFile(execution, outcome);
        return outcome;
    }

    /** The run's summary, and each payment method's refunds held for review with what finance does next. */
    private RunOutcome completed(JobExecution execution, LocalDate businessDate) {
        String summary = RunSummary.of(jdbc, RunParameters.of(execution));
        List<Holds.Held> held = Holds.of(jdbc, businessDate);
        return held.isEmpty() ? new RunOutcome(ExitCode.COMPLETED, summary)
                : new RunOutcome(ExitCode.HELD, summary + held.stream().map(h -> "\nHELD for review: "
                        + h.describe() + ". Finance releases them (actions request --action=release --business-date="
                        + h.businessDate() + " --payment-method=" + h.paymentMethod()
                        + ", approved by a second person) or cancels them; until then they are not sent.")
                        .collect(Collectors.joining()));
    }

    /** run-summary.json for machines; a failure to write it is logged and never changes the outcome. */
    private void writeSummaryFile(JobExecution execution, RunOutcome outcome) {
        try {
            RunSummaryFile.write(jdbc, execution, outcome.exitCode(), FirstLine.of(outcome.message()));
        }
        catch (RuntimeException e) {
            log.warn("Could not write {} ({}: {}); the run's outcome is unchanged", RunSummaryFile.FILE_NAME,
                    e.getClass().getSimpleName(), FirstLine.of(e.getMessage()));
        }
    }
}
