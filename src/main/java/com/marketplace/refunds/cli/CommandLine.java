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

import com.marketplace.refunds.nightly.UsageException;

/**
 * A command (with its subcommand, for {@code actions} and {@code users}), its {@code --name=value}
 * options and its {@code --flag}s, checked against what the command accepts ({@link Usage} says it to the
 * user).
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
            "generate", Set.of("business-date", "orders", "out", "seed", "deliveries-of"),
            "simulate-processor", Set.of("outbox", "sent-on", "inbox", "report-date", "seed", "files"),
            "stuck", Set.of("business-date", "payment-method", "store", "buyer", "order", "min-age-days", "format"),
            "archive", Set.of("after-days"),
            "serve", Set.of(),
            "worker", Set.of(),
            "actions", everyOptionOf("actions"),
            "users", everyOptionOf("users"));

    private static Set<String> everyOptionOf(String command) {
        return SUBCOMMANDS.get(command).values().stream().flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** Options given without a value: present or not. */
    public static final Map<String, Set<String>> FLAGS = Map.of("generate", Set.of("dense", "no-bad-rows"),
            "nightly", Set.of("dry-run"));

    public static CommandLine parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given\n" + Usage.all());
        }
        String command = args[0];
        Set<String> accepted = COMMANDS.get(command);
        if (accepted == null) {
            throw new UsageException("unknown command '" + command + "'\n" + Usage.all());
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
                        + "\n" + Usage.of(command));
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
                throw new UsageException("'" + arg + "' is not an option of the form --name=value\n" + Usage.of(command));
            }
            String name = arg.substring(2, equals);
            if (!accepted.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command
                        + (subcommand == null ? "" : " " + subcommand) + "\n" + Usage.of(command));
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
                    + "=...\n" + Usage.of(command));
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
