package com.marketplace.refunds.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.shared.ExplainedFailure;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator;
import com.marketplace.refunds.simulate.processor.SimulatorSettings;

/**
 * {@code simulate-processor}: the processors' reports answering the settlement files sent on a date,
 * written into an inbox as the processors would deliver them (a demo tool).
 */
final class SimulateProcessorCommand {

    private SimulateProcessorCommand() {
    }

    static int run(CommandLine commandLine, PrintStream out, PrintStream err) {
        Path outbox = Path.of(commandLine.required("outbox"));
        LocalDate sentOn = commandLine.date("sent-on");
        Path inbox = Path.of(commandLine.required("inbox"));
        LocalDate reportDate = commandLine.date("report-date");
        long seed = commandLine.number("seed", 1);
        List<String> files = commandLine.list("files");
        ProcessorSimulator.Shares shares = SimulatorSettings.shares();
        if (!Files.isDirectory(outbox.resolve(sentOn.toString()))) {
            err.println("refund-settlement: no settlement files sent on " + sentOn + " in " + outbox.toAbsolutePath()
                    + "; run the nightly job for that date first, or pass the right --outbox");
            return ExitCode.FAILED.code();
        }
        try {
            var summary = ProcessorSimulator.simulate(outbox, sentOn, files, inbox, reportDate, seed, shares);
            out.println("Wrote the processors' reports for the refunds sent on " + sentOn + " into "
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
}
