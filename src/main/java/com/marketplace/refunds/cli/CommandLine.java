package com.marketplace.refunds.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import com.marketplace.refunds.nightly.Launcher;
import com.marketplace.refunds.nightly.UsageException;

/**
 * A command (with its subcommand, for {@code actions} and {@code users}), its {@code --name=value}
 * options and its {@code --flag}s, checked against what the command accepts.
 */
public record CommandLine(String command, Map<String, String> options, String subcommand) {

    /** The subcommands of a command that has them, each with the options it takes. */
    public static final Map<String, Map<String, Set<String>>> SUBCOMMANDS = Map.of(
            "actions", Map.of(
                    "request", Set.of("action", "refund-id", "business-date", "payment-method", "reason",
                            "payment-reference", "outside-reference"),
                    "approve", Set.of("request-id", "reason"),
                    "reject", Set.of("request-id", "reason"),
                    "list", Set.of("status", "format")),
            "users", Map.of(
                    "add", Set.of("name", "role"),
                    "disable", Set.of("name")));

    /** Each command and the options it takes (the reference in docs/ is checked against it). */
    public static final Map<String, Set<String>> COMMANDS = Map.of(
            "nightly", Set.of("business-date", "until", "inbox", "outbox", "reports"),
            "generate", Set.of("business-date", "orders", "out", "seed"),
            "simulate-processor", Set.of("outbox", "sent-on", "inbox", "report-date", "seed", "files"),
            "stuck", Set.of("business-date", "payment-method", "store", "buyer", "order", "min-age-days", "format"),
            "archive", Set.of("after-days"),
            "serve", Set.of(),
            "actions", everyOptionOf("actions"),
            "users", everyOptionOf("users"));

    private static Set<String> everyOptionOf(String command) {
        return SUBCOMMANDS.get(command).values().stream().flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** Options given without a value: present or not. */
    public static final Map<String, Set<String>> FLAGS = Map.of("generate", Set.of("dense", "no-bad-rows"),
            "nightly", Set.of("dry-run"));

    /** What each command takes, in the order the usage lists them. */
    private static final Map<String, String> SYNOPSES = synopses();

    private static Map<String, String> synopses() {
        Map<String, String> synopses = new LinkedHashMap<>();
        synopses.put("nightly", "[--business-date=yyyy-MM-dd [--dry-run] | --until=yyyy-MM-dd] [--inbox=DIR] [--outbox=DIR]"
                + " [--reports=DIR]   (without a date: every due date, oldest first; --dry-run: a preview that keeps"
                + " nothing)");
        synopses.put("stuck", "--business-date=yyyy-MM-dd [--payment-method=CARD|PAYPAL] [--store=ID] [--buyer=ID]"
                + " [--order=ID] [--min-age-days=N] [--format=table|csv]");
        synopses.put("generate", "--business-date=yyyy-MM-dd --orders=N --out=DIR [--seed=S] [--dense] [--no-bad-rows]");
        synopses.put("simulate-processor", "--outbox=DIR --sent-on=yyyy-MM-dd --inbox=DIR --report-date=yyyy-MM-dd"
                + " [--seed=S] [--files=NAME[,NAME]]");
        synopses.put("archive", "[--after-days=N]   (moves what can no longer change out of the hot tables)");
        synopses.put("serve", "(the support site; configured by REFUNDS_SUPPORT_* and SERVER_PORT, see the README)");
        synopses.put("actions", "request --action=reissue|paid-outside|cancel|release (--refund-id=ID | --business-date="
                + "yyyy-MM-dd --payment-method=CARD|PAYPAL) --reason=TEXT [--payment-reference=REF] [--outside-reference=REF]"
                + " | approve|reject --request-id=N [--reason=TEXT] | list [--status=STATUS] [--format=table|csv]"
                + "   (as the operating-system user; docs/actions.md)");
        synopses.put("users", "add --name=NAME --role=SUPPORT|FINANCE (password on standard input) | disable --name=NAME");
        synopses.put("help", "[COMMAND]   (this text; also --help, after a command too)");
        return synopses;
    }

    /** Every command's usage, each line starting with what the user types to start the program. */
    static String usage() {
        StringBuilder usage = new StringBuilder("usage:");
        if (Launcher.jobsNightly()) {
            usage.append("\n  ").append(jobsNightlyUsage());
        }
        SYNOPSES.forEach((command, synopsis) -> usage.append("\n  ").append(Launcher.java()).append(' ')
                .append(command).append(' ').append(synopsis));
        return usage.toString();
    }

    /** One command's usage, as the user typed it. */
    static String usage(String command) {
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
        return args.length > 0 && (isHelp(args[0]) || (COMMANDS.containsKey(args[0])
                && Arrays.stream(args).skip(1).anyMatch(CommandLine::isHelp)));
    }

    /** The help the arguments ask for: one command's usage, or every command's. */
    static String help(String... args) {
        String command = isHelp(args[0]) ? (args.length > 1 ? args[1] : null) : args[0];
        if (command == null || isHelp(command)) {
            return usage();
        }
        if (!COMMANDS.containsKey(command)) {
            throw new UsageException("unknown command '" + command + "'\n" + usage());
        }
        return usage(command);
    }

    private static boolean isHelp(String arg) {
        return arg.equals("help") || arg.equals("--help") || arg.equals("-h");
    }

    public static CommandLine parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given\n" + usage());
        }
        String command = args[0];
        Set<String> accepted = COMMANDS.get(command);
        if (accepted == null) {
            throw new UsageException("unknown command '" + command + "'\n" + usage());
        }
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = FLAGS.getOrDefault(command, Set.of());
        String subcommand = null;
        int first = 1;
        if (SUBCOMMANDS.containsKey(command)) {
            Map<String, Set<String>> subcommands = SUBCOMMANDS.get(command);
            if (args.length < 2 || !subcommands.containsKey(args[1])) {
                throw new UsageException((args.length < 2 ? command + " needs one of " : "'" + args[1]
                        + "' is not one of ") + String.join(", ", subcommands.keySet().stream().sorted().toList())
                        + "\n" + usage(command));
            }
            subcommand = args[1];
            accepted = subcommands.get(subcommand);
            first = 2;
        }
        for (String arg : Arrays.copyOfRange(args, first, args.length)) {
            if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                if (options.put(arg.substring(2), "true") != null) {
                    throw new UsageException("option " + arg + " given twice");
                }
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 3) {
                throw new UsageException("'" + arg + "' is not an option of the form --name=value\n" + usage(command));
            }
            String name = arg.substring(2, equals);
            if (!accepted.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command
                        + (subcommand == null ? "" : " " + subcommand) + "\n" + usage(command));
            }
            if (options.put(name, arg.substring(equals + 1)) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new CommandLine(command, options, subcommand);
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + (subcommand == null ? "" : " " + subcommand) + " needs --" + name
                    + "=...\n" + usage(command));
        }
        return value;
    }

    public LocalDate businessDate() {
        return date("business-date");
    }

    /** The date given with the option; empty when it is not given. */
    public Optional<LocalDate> optionalDate(String name) {
        return options.containsKey(name) ? Optional.of(date(name)) : Optional.empty();
    }

    public LocalDate date(String name) {
        String text = required(name);
        try {
            return LocalDate.parse(text);
        }
        catch (DateTimeParseException e) {
            throw new UsageException("--" + name + "=" + text + " is not a date; write it as yyyy-MM-dd, e.g. 2026-11-25");
        }
    }

    /** A comma-separated list ({@code --files=a.csv,b.csv}); empty when the option is not given. */
    public List<String> list(String name) {
        String text = options.get(name);
        if (text == null) {
            return List.of();
        }
        List<String> items = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--" + name + "=" + text + " has an empty name; separate the names with commas");
        }
        return items;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public Path folder(String name, String defaultFolder) {
        return Path.of(options.getOrDefault(name, defaultFolder));
    }

    public long number(String name, long defaultValue) {
        Long number = optionalNumber(name);
        return number == null ? defaultValue : number;
    }

    /** The whole number given with the option; null when it is not given (a setting or a default decides). */
    public Long optionalNumber(String name) {
        String text = options.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw new UsageException("--" + name + "=" + text + " is not a whole number");
        }
    }
}
