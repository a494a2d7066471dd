package com.marketplace.refunds.nightly;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A command, its {@code --name=value} options and its {@code --flag}s, checked against what the command accepts. */
public record CommandLine(String command, Map<String, String> options) {

    static final Map<String, Set<String>> COMMANDS = Map.of(
            "nightly", Set.of("business-date", "inbox", "outbox", "reports"),
            "generate", Set.of("business-date", "orders", "out", "seed"),
            "simulate-processor", Set.of("outbox", "sent-on", "inbox", "report-date", "seed"),
            "stuck", Set.of("business-date", "payment-method", "store", "buyer", "order", "min-age-days", "format"),
            "archive", Set.of("after-days"),
            "serve", Set.of());

    /** Options given without a value: present or not. */
    static final Map<String, Set<String>> FLAGS = Map.of("generate", Set.of("dense", "no-bad-rows"));

    static final String USAGE = """
            usage:
              refund-settlement nightly  --business-date=yyyy-MM-dd [--inbox=DIR] [--outbox=DIR] [--reports=DIR]
              refund-settlement generate --business-date=yyyy-MM-dd --orders=N --out=DIR [--seed=S] [--dense] [--no-bad-rows]
              refund-settlement stuck    --business-date=yyyy-MM-dd [--payment-method=CARD|PAYPAL] [--store=ID] [--buyer=ID] [--order=ID] [--min-age-days=N] [--format=table|csv]
              refund-settlement archive  [--after-days=N]   (moves what can no longer change out of the hot tables)
              refund-settlement simulate-processor --outbox=DIR --sent-on=yyyy-MM-dd --inbox=DIR --report-date=yyyy-MM-dd [--seed=S]
              refund-settlement serve    (the support site; configured by REFUNDS_SUPPORT_* and SERVER_PORT, see the README)""";

    public static CommandLine parse(String... args) {
        if (args.length == 0) {
            throw new UsageException("no command given\n" + USAGE);
        }
        String command = args[0];
        Set<String> accepted = COMMANDS.get(command);
        if (accepted == null) {
            throw new UsageException("unknown command '" + command + "'\n" + USAGE);
        }
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> flags = FLAGS.getOrDefault(command, Set.of());
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                if (options.put(arg.substring(2), "true") != null) {
                    throw new UsageException("option " + arg + " given twice");
                }
                continue;
            }
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 3) {
                throw new UsageException("'" + arg + "' is not an option of the form --name=value\n" + USAGE);
            }
            String name = arg.substring(2, equals);
            if (!accepted.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command + "\n" + USAGE);
            }
            if (options.put(name, arg.substring(equals + 1)) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new CommandLine(command, options);
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException(command + " needs --" + name + "=...\n" + USAGE);
        }
        return value;
    }

    public LocalDate businessDate() {
        return date("business-date");
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

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public Path folder(String name, String defaultFolder) {
        return Path.of(options.getOrDefault(name, defaultFolder));
    }

    public long number(String name, long defaultValue) {
        String text = options.get(name);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException e) {
            throw new UsageException("--" + name + "=" + text + " is not a whole number");
        }
    }
}
