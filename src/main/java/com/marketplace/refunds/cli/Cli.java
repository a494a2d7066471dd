package com.marketplace.refunds.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;

import com.marketplace.refunds.action.ActionRequests;
import com.marketplace.refunds.action.People;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.RunMetrics;
import com.marketplace.refunds.nightly.UsageException;

/**
 * The command line: parses and checks the options before anything starts, hands the command to its
 * class ({@link NightlyCommand}, {@link StuckCommand}, ...), and turns a usage mistake into one clear
 * line and the contract's exit code. A user mistake never shows a stack trace.
 */
public class Cli {

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
            if (Usage.asksForHelp(args)) {
                out.println(Usage.help(args));
                return ExitCode.COMPLETED.code();
            }
            CommandLine commandLine = CommandLine.parse(args);
            return switch (commandLine.command()) {
                case "nightly" -> new NightlyCommand(application, out, err).run(commandLine);
                case "generate" -> GenerateCommand.run(commandLine, out, err);
                case "simulate-processor" -> SimulateProcessorCommand.run(commandLine, out, err);
                case "stuck" -> StuckCommand.run(application, commandLine, out, err);
                case "archive" -> ArchiveCommand.run(application, commandLine, out, err);
                case "serve" -> ServeCommand.run(out, err);
                case "worker" -> WorkerCommand.run(application, out, err);
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

    private int actions(CommandLine commandLine) {
        ActionsCommand.Ask ask = ActionsCommand.parse(commandLine); // usage errors before anything starts
        String person = OsUser.name();
        return WithApplication.run(application, err,
                context -> ActionsCommand.run(context.getBean(ActionRequests.class), person, ask, out, err));
    }

    private int users(CommandLine commandLine) {
        UsersCommand.Ask ask = UsersCommand.parse(commandLine);
        return WithApplication.run(application, err,
                context -> UsersCommand.run(context.getBean(People.class), ask, in, out, err));
    }
}
