package com.marketplace.refunds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.action.ActionRequests;
import com.marketplace.refunds.action.People;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.GracefulStop;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.nightly.Preview;
import com.marketplace.refunds.nightly.PreviewDataSource;
import com.marketplace.refunds.nightly.RunLock;
import com.marketplace.refunds.nightly.RunMetrics;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.nightly.StartupProblem;
import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.simulate.drop.InboxGenerator;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator;
import com.marketplace.refunds.simulate.processor.SimulatorSettings;
import com.marketplace.refunds.stuck.OrderRefunds;
import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefunds;

/**
 * The command line: parses and checks the options before anything starts, runs the command, and
 * turns every outcome into one clear line and the contract's exit code. A user mistake never
 * shows a stack trace.
 */
public class Cli {

    private static final Logger log = LoggerFactory.getLogger(Cli.class);

    private final Class<?> application;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    public Cli(Class<?> application) {
        this(application, System.out, System.err, System.in);
    }

    public Cli(Class<?> application, PrintStream out, PrintStream err) {
        this(application, out, err, System.in);
    }

    public Cli(Class<?> application, PrintStream out, PrintStream err, InputStream in) {
        this.application = application;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public int run(String... args) {
        try {
            if (CommandLine.asksForHelp(args)) {
                out.println(CommandLine.help(args));
                return ExitCode.COMPLETED.code();
            }
            CommandLine commandLine = CommandLine.parse(args);
            return switch (commandLine.command()) {
                case "nightly" -> nightly(commandLine);
                case "generate" -> generate(commandLine);
                case "simulate-processor" -> simulateProcessor(commandLine);
                case "stuck" -> stuck(commandLine);
                case "archive" -> archive(commandLine);
                case "serve" -> ServeCommand.run(out, err);
                case "actions" -> actions(commandLine);
                case "users" -> users(commandLine);
                default -> throw new UsageException("unknown command " + commandLine.command());
            };
        }
        catch (UsageException e) {
            err.println("refund-settlement: " + e.getMessage());
            if (args.length > 0 && args[0].equals("nightly")) {
                // a scheduler's command line gone wrong shows on the monitor too
                RunMetrics.writeWithoutTheApplication(ExitCode.USAGE, Duration.ZERO);
            }
            return ExitCode.USAGE.code();
        }
    }

    private int nightly(CommandLine commandLine) {
        Optional<LocalDate> businessDate = commandLine.optionalDate("business-date");
        Optional<LocalDate> until = commandLine.optionalDate("until");
        if (businessDate.isPresent() && until.isPresent()) {
            throw new UsageException("give --business-date=D to run one date, or --until=D (or neither) to catch up, "
                    + "not both\n" + CommandLine.usage("nightly"));
        }
        boolean preview = commandLine.flag("dry-run");
        if (preview && businessDate.isEmpty()) {
            throw new UsageException("--dry-run previews one date: give --business-date=D\n" + CommandLine.usage("nightly"));
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
                    // deciding in one part on it, and no migration, which it could not keep
                    .run(preview ? new String[] {"--refunds.preview=true", "--refunds.partitions.count=1",
                        "--spring.flyway.enabled=false"} : new String[0]);
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

    private int stuck(CommandLine commandLine) {
        StuckFilter filter = StuckCommand.filter(commandLine);
        boolean csv = "csv".equals(commandLine.options().get("format"));
        return withContext(context -> {
            try {
                StuckCommand.print(context.getBean(StuckRefunds.class), context.getBean(OrderRefunds.class), filter, csv,
                        out, err);
                return ExitCode.COMPLETED;
            }
            catch (IOException | RuntimeException e) {
                log.error("Listing the stuck refunds failed", e);
                err.println("refund-settlement: cannot list the stuck refunds: " + e.getMessage());
                return ExitCode.FAILED;
            }
        });
    }

    private int actions(CommandLine commandLine) {
        ActionsCommand.Ask ask = ActionsCommand.parse(commandLine); // usage errors before anything starts
        String person = OsUser.name();
        return withContext(context -> ActionsCommand.run(context.getBean(ActionRequests.class), person, ask, out, err));
    }

    private int users(CommandLine commandLine) {
        UsersCommand.Ask ask = UsersCommand.parse(commandLine);
        return withContext(context -> UsersCommand.run(context.getBean(People.class), ask, in, out, err));
    }

    private int archive(CommandLine commandLine) {
        Integer afterDays = ArchiveCommand.afterDays(commandLine); // a usage error before anything starts
        System.setProperty(RunLock.SESSION_NAME_PROPERTY, RunLock.SESSION_NAME_PREFIX + RunLock.newToken());
        return withContext(context -> {
            try {
                return ArchiveCommand.run(context, afterDays, out, err);
            }
            catch (RuntimeException e) {
                log.error("The archive stopped on an unexpected error", e);
                err.println("refund-settlement: the archive stopped on an unexpected error: " + e.getMessage()
                        + "; whole nights moved stay moved: run the same command again, and report it if it happens again");
                return ExitCode.FAILED;
            }
        });
    }

    /** The application without a web server, then the command in it; a start that fails is one clear line. */
    private int withContext(Function<ConfigurableApplicationContext, ExitCode> command) {
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE).logStartupInfo(false).run();
        }
        catch (RuntimeException e) {
            StartupProblem problem = StartupProblem.of(e);
            err.println("refund-settlement: " + problem.message());
            return problem.exitCode().code();
        }
        try (context) {
            return command.apply(context).code();
        }
    }

    private int simulateProcessor(CommandLine commandLine) {
        Path outbox = Path.of(commandLine.required("outbox"));
        LocalDate sentOn = commandLine.date("sent-on");
        Path inbox = Path.of(commandLine.required("inbox"));
        LocalDate reportDate = commandLine.date("report-date");
        long seed = commandLine.number("seed", 1);
        List<String> files = commandLine.list("files");
        ProcessorSimulator.Shares shares = SimulatorSettings.shares();
        if (!java.nio.file.Files.isDirectory(outbox.resolve(sentOn.toString()))) {
            err.println("refund-settlement: no settlement files sent on " + sentOn + " in " + outbox.toAbsolutePath()
                    + "; run the nightly job for that date first, or pass the right --outbox");
            return ExitCode.FAILED.code();
        }
        try {
            var summary = ProcessorSimulator.simulate(outbox, sentOn, files, inbox, reportDate, seed, shares);
            this.out.println("Wrote the processors' reports for the refunds sent on " + sentOn + " into "
                    + summary.folder() + ", answering for " + (summary.answeredFor().isEmpty() ? "no settlement file"
                    : String.join(", ", summary.answeredFor())) + ": " + summary.confirmed() + " confirmed, "
                    + summary.reversed() + " reversed, " + summary.silent() + " silent, " + summary.amountMismatches()
                    + " amount mismatches, " + summary.currencyMismatches() + " currency mismatches, "
                    + summary.duplicates() + " confirmed twice, " + summary.unknownReferences() + " unknown references");
            return ExitCode.COMPLETED.code();
        }
        catch (ProcessorSimulator.Refused e) {
            err.println("refund-settlement: " + e.getMessage() + "; nothing was written");
            return ExitCode.USAGE.code();
        }
        catch (ExplainedFailure e) {
            err.println("refund-settlement: " + e.getMessage());
            return ExitCode.FAILED.code();
        }
        catch (IOException e) {
            err.println("refund-settlement: cannot write the reports into " + inbox + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        }
    }

    private int generate(CommandLine commandLine) {
        LocalDate businessDate = commandLine.businessDate();
        long orders = commandLine.number("orders", -1);
        if (orders < 1 || orders > 50_000_000) {
            throw new UsageException("generate needs --orders=N with N between 1 and 50000000");
        }
        Path out = Path.of(commandLine.required("out"));
        long seed = commandLine.number("seed", 1);
        try {
            var mix = new InboxGenerator.Mix(commandLine.flag("dense"), !commandLine.flag("no-bad-rows"));
            var summary = InboxGenerator.generate(businessDate, (int) orders, out, seed, mix);
            this.out.println("Wrote a drop for " + businessDate + " into " + summary.folder() + ": "
                    + summary.recordsPerFile() + ", " + summary.badRows() + " bad rows planted");
            return ExitCode.COMPLETED.code();
        }
        catch (IOException e) {
            err.println("refund-settlement: cannot write the drop into " + out + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        }
    }
}
