package com.marketplace.refunds.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.GracefulStop;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.nightly.Preview;
import com.marketplace.refunds.nightly.RunLock;
import com.marketplace.refunds.nightly.RunMetrics;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.nightly.StartupProblem;
import com.marketplace.refunds.nightly.UsageException;

/**
 * {@code nightly}: one date ({@code --business-date}), its preview ({@code --dry-run}), or the catch-up of
 * every due date ({@code --until} or nothing); stopped gracefully on SIGTERM, its metrics written.
 */
final class NightlyCommand {

    private static final Logger log = LoggerFactory.getLogger(NightlyCommand.class);

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;

    NightlyCommand(Class<?> application, PrintStream out, PrintStream err) {
        this.application = application;
        this.out = out;
        this.err = err;
    }

    int run(CommandLine commandLine) {
        Optional<LocalDate> businessDate = commandLine.optionalDate("business-date");
        Optional<LocalDate> until = commandLine.optionalDate("until");
        if (businessDate.isPresent() && until.isPresent()) {
            throw new UsageException("give --business-date=D to run one date, or --until=D (or neither) to catch up, "
                    + "not both\n" + Usage.of("nightly"));
        }
        boolean preview = commandLine.flag("dry-run");
        if (preview && businessDate.isEmpty()) {
            throw new UsageException("--dry-run previews one date: give --business-date=D\n" + Usage.of("nightly"));
        }
        String what = businessDate.map(date -> (preview ? "the preview of the nightly run for " : "the nightly run for ")
                + date).orElse("the catch-up run");
        long started = System.nanoTime();
        // every session of this run carries its random token, so a later launch can tell it is alive
        System.setProperty(RunLock.SESSION_NAME_PROPERTY, RunLock.SESSION_NAME_PREFIX + RunLock.newToken());
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application)
                    .web(WebApplicationType.NONE)
                    .logStartupInfo(false)
                    // a preview: one connection in one transaction rolled back at the end (PreviewDataSource),
                    // deciding in one part on it in this process (workers could not see the transaction), and no
                    // migration, which it could not keep
                    .run(preview ? new String[] {"--refunds.preview=true", "--refunds.partitions.count=1",
                        "--refunds.partitions.mode=local", "--spring.flyway.enabled=false"} : new String[0]);
        }
        catch (RuntimeException e) {
            StartupProblem problem = StartupProblem.of(e);
            err.println("refund-settlement: " + problem.message());
            RunMetrics.writeWithoutTheApplication(problem.exitCode(), Duration.ofNanos(System.nanoTime() - started));
            return problem.exitCode().code();
        }
        if (preview) {
            try {
                Preview.checkSchema(context.getBean(DataSource.class));
            }
            catch (UsageException e) {
                context.close();
                throw e;
            }
        }
        RunMetrics metrics = context.getBean(RunMetrics.class);
        GracefulStop stop = GracefulStop.install(context.getBean(JobOperator.class), context.getBean(JobRepository.class));
        try (context) {
            var env = context.getEnvironment();
            Path inbox = commandLine.folder("inbox", env.getProperty("refunds.inbox", "inbox"));
            Path outbox = commandLine.folder("outbox", env.getProperty("refunds.outbox", "outbox"));
            Path reports = commandLine.folder("reports", env.getProperty("refunds.reports", "reports"));
            NightlyRunner runner = context.getBean(NightlyRunner.class);
            if (preview) {
                return preview(runner, businessDate.get(), inbox, reports);
            }
            RunOutcome outcome = businessDate.isPresent() ? runner.run(businessDate.get(), inbox, outbox, reports)
                    : runner.catchUp(until, inbox, outbox, reports, out::println);
            (outcome.exitCode() == ExitCode.COMPLETED ? out : err).println(outcome.message());
            metrics.write(outcome.exitCode(), Duration.ofNanos(System.nanoTime() - started));
            return outcome.exitCode().code();
        }
        catch (RuntimeException e) {
            log.error("{} stopped on an unexpected error", what, e);
            err.println("refund-settlement: " + what + " stopped on an unexpected error: "
                    + e.getMessage() + "; run the same command again, and report it if it happens again");
            metrics.write(ExitCode.FAILED, Duration.ofNanos(System.nanoTime() - started));
            return ExitCode.FAILED.code();
        }
        finally {
            stop.finished();
        }
    }

    /**
     * The run for the date on a database that keeps nothing, its files gathered in
     * {@code <reports>/<D>/preview/}; the outbox is never touched, and no metrics are written (a preview
     * is not a night the monitoring should see).
     */
    private int preview(NightlyRunner runner, LocalDate businessDate, Path inbox, Path reports) {
        Preview preview = new Preview(businessDate, reports);
        RunOutcome outcome = runner.run(businessDate, inbox, preview.outbox(), preview.reportsRoot());
        if (outcome.exitCode() == ExitCode.BUSY || outcome.exitCode() == ExitCode.USAGE) {
            preview.discard();
            err.println(outcome.message());
            return outcome.exitCode().code();
        }
        preview.gather(outcome);
        String message = "PREVIEW (nothing was kept in the database, nothing was sent): " + outcome.message()
                + "\nWhat the run would write is in " + preview.folder() + ".";
        (outcome.exitCode() == ExitCode.COMPLETED ? out : err).println(message);
        return outcome.exitCode().code();
    }
}
