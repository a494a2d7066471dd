package com.marketplace.refunds.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import com.marketplace.refunds.nightly.Launcher;
import com.marketplace.refunds.nightly.UsageException;

/**
 * What the user is told a command takes: each command's synopsis, every line starting with what the
 * user typed to start the program ({@link Launcher}), and the help the arguments ask for.
 */
final class Usage {

    /** What each command takes, in the order the usage lists them. */
    private static final Map<String, String> SYNOPSES = synopses();

    private Usage() {
    }

    private static Map<String, String> synopses() {
        Map<String, String> synopses = new LinkedHashMap<>();
        synopses.put("nightly", "[--business-date=yyyy-MM-dd [--dry-run] | --until=yyyy-MM-dd] [--inbox=DIR] [--outbox=DIR]"
                + " [--reports=DIR]   (without a date: every due date, oldest first; --dry-run: a preview that keeps"
                + " nothing)");
        synopses.put("stuck", "--business-date=yyyy-MM-dd [--payment-method=" + PaymentMethodOption.choices("|")
                + "] [--store=ID] [--buyer=ID]"
                + " [--order=ID] [--min-age-days=N] [--format=table|csv]");
        synopses.put("generate", "--business-date=yyyy-MM-dd --orders=N --out=DIR [--seed=S] [--dense] [--no-bad-rows]"
                + " [--deliveries-of=K]");
        synopses.put("simulate-processor", "--outbox=DIR --sent-on=yyyy-MM-dd --inbox=DIR --report-date=yyyy-MM-dd"
                + " [--seed=S] [--files=NAME[,NAME]]");
        synopses.put("archive", "[--after-days=N]   (moves what can no longer change out of the hot tables)");
        synopses.put("serve", "(the support site; configured by REFUNDS_SUPPORT_* and SERVER_PORT, see the README)");
        synopses.put("worker", "(takes parts of the nightly runs from RabbitMQ until stopped; for refunds.partitions.mode="
                + "remote, see the README)");
        synopses.put("actions", "request --action=reissue|paid-outside|cancel|release (--refund-id=ID | --business-date="
                + "yyyy-MM-dd --payment-method=" + PaymentMethodOption.choices("|")
                + ") --reason=TEXT [--payment-reference=REF] [--outside-reference=REF]"
                + " | approve|reject --request-id=N [--reason=TEXT] | list [--status=STATUS] [--format=table|csv]"
                + "   (as the operating-system user; docs/actions.md)");
        synopses.put("users", "add --name=NAME --role=SUPPORT|FINANCE (password on standard input) | disable --name=NAME");
        synopses.put("help", "[COMMAND]   (this text; also --help, after a command too)");
        return synopses;
    }

    /** Every command's usage, each line starting with what the user types to start the program. */
    static String all() {
        StringBuilder usage = new StringBuilder("usage:");
        if (Launcher.jobsNightly()) {
            usage.append("\n  ").append(jobsNightlyUsage());
        }
        SYNOPSES.forEach((command, synopsis) -> usage.append("\n  ").append(Launcher.java()).append(' ')
                .append(command).append(' ').append(synopsis));
        return usage.toString();
    }

    /** One command's usage, as the user typed it. */
    static String of(String command) {
        if (command.equals("nightly") && Launcher.jobsNightly()) {
            return "usage: " + jobsNightlyUsage();
        }
        return "usage: " + Launcher.java() + " " + command + " " + SYNOPSES.get(command);
    }

    private static String jobsNightlyUsage() {
        return Launcher.JOBS_NIGHTLY + " [yyyy-MM-dd [--dry-run] | --until=yyyy-MM-dd] [--inbox=DIR] [--outbox=DIR] [--reports=DIR]"
                + "   (without a date: every due date, oldest first)";
    }

    /** Whether the arguments ask for help rather than for a command: {@code help}, {@code --help}, {@code -h}. */
    static boolean asksForHelp(String... args) {
        return args.length > 0 && (isHelp(args[0]) || (CommandLine.COMMANDS.containsKey(args[0])
                && Arrays.stream(args).skip(1).anyMatch(Usage::isHelp)));
    }

    /** The help the arguments ask for: one command's usage, or every command's. */
    static String help(String... args) {
        String command = isHelp(args[0]) ? (args.length > 1 ? args[1] : null) : args[0];
        if (command == null || isHelp(command)) {
            return all();
        }
        if (!CommandLine.COMMANDS.containsKey(command)) {
            throw new UsageException("unknown command '" + command + "'\n" + all());
        }
        return of(command);
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }
}
