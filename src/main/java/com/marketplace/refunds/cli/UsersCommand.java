package com.marketplace.refunds.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import com.marketplace.refunds.action.ActionRefused;
import com.marketplace.refunds.action.People;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.UsageException;

/**
 * {@code users add|disable --name=NAME [--role=SUPPORT|FINANCE]}: the accounts of the people who act on
 * refunds. {@code add} reads the password for the support site from the first line of standard input
 * (never from an option, which would show in the process list and the shell's history); an empty
 * line gives an account for the command line only.
 */
final class UsersCommand {

    private UsersCommand() {
    }

    record Ask(boolean add, String name, String role) {
    }

    static Ask parse(CommandLine line) {
        String name = line.required("name");
        if (line.subcommand().equals("add")) {
            String role = line.required("role");
            if (!People.ROLES.contains(role)) {
                throw new UsageException("--role is SUPPORT or FINANCE, not " + role);
            }
            return new Ask(true, name, role);
        }
        if (line.options().containsKey("role")) {
            throw new UsageException("users disable takes only --name");
        }
        return new Ask(false, name, null);
    }

    static ExitCode run(People people, Ask ask, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (ask.add()) {
                String password = firstLine(in);
                boolean created = people.add(ask.name(), ask.role(), password.isEmpty() ? null : password);
                out.println((created ? "Added " : "Updated and enabled ") + ask.name() + " as " + ask.role()
                        + (password.isEmpty() ? ", without a password: the command line only" : ""));
            }
            else {
                boolean changed = people.disable(ask.name());
                out.println(changed ? "Disabled " + ask.name() + ": the account may do nothing more"
                        : ask.name() + " was disabled already");
            }
            return ExitCode.COMPLETED;
        }
        catch (ActionRefused e) {
            err.println("refund-settlement: refused: " + e.getMessage());
            return ExitCode.USAGE;
        }
        catch (IOException e) {
            err.println("refund-settlement: cannot read the password from standard input: " + e.getMessage());
            return ExitCode.USAGE;
        }
    }

    private static String firstLine(InputStream in) throws IOException {
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        return line == null ? "" : line;
    }
}
