package com.marketplace.refunds.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.UsageException;
import com.marketplace.refunds.simulate.drop.InboxGenerator;

/**
 * {@code generate}: a realistic drop of N orders for a date, bad rows planted unless told not to (a demo tool);
 * with {@code --deliveries-of=K} it also carries the shipments and deliveries of the K drops before it.
 */
final class GenerateCommand {

    private GenerateCommand() {
    }

    static int run(CommandLine commandLine, PrintStream out, PrintStream err) {
        LocalDate businessDate = commandLine.businessDate();
        long orders = commandLine.number("orders", -1);
        if (orders < 1 || orders > 50_000_000) {
            throw new UsageException("generate needs --orders=N with N between 1 and 50000000");
        }
        Path folder = Path.of(commandLine.required("out"));
        long seed = commandLine.number("seed", 1);
        long deliveriesOf = commandLine.number("deliveries-of", 0);
        if (deliveriesOf < 0 || deliveriesOf > InboxGenerator.MAX_DELIVERIES_OF) {
            throw new UsageException("generate --deliveries-of=K takes K between 0 and "
                    + InboxGenerator.MAX_DELIVERIES_OF + " (the drops before this one whose deliveries it carries)");
        }
        try {
            var mix = new InboxGenerator.Mix(commandLine.flag("dense"), !commandLine.flag("no-bad-rows"),
                    (int) deliveriesOf);
            var summary = InboxGenerator.generate(businessDate, (int) orders, folder, seed, mix);
            out.println("Wrote a drop for " + businessDate + " into " + summary.folder() + ": "
                    + summary.recordsPerFile() + ", " + summary.badRows() + " bad rows planted");
            return ExitCode.COMPLETED.code();
        }
        catch (IOException e) {
            err.println("refund-settlement: cannot write the drop into " + folder + ": " + e.getMessage());
            return ExitCode.FAILED.code();
        }
    }
}
