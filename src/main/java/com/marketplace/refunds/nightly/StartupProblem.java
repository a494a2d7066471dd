package com.marketplace.refunds.nightly;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;

/**
 * Why the application could not start, in one line with what to do, and the exit code it earns: a
 * setting that does not fit is a misconfiguration (2) named by its environment variable and property,
 * never by its value (it could be a password); a database out of reach is a failure (1).
 */
public record StartupProblem(ExitCode exitCode, String message) {

    public static StartupProblem of(Throwable failure) {
        return of(failure, "SPRING_DATASOURCE");
    }

    /** {@code settings}: the prefix of the environment variables that say which database, e.g. SPRING_DATASOURCE. */
    public static StartupProblem of(Throwable failure, String settings) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSetting invalid) {
                return misconfigured(invalid.property(), invalid.expectation());
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                String property = bind.getName().toString();
                return misconfigured(property, BatchSettings.expectation(property).orElseGet(() -> expected(bind.getTarget())));
            }
        }
        return new StartupProblem(ExitCode.FAILED, databaseProblem(failure, settings));
    }

    /** The one line for a setting that does not fit. */
    public static String badSetting(String property, String expectation) {
        return "the setting " + environmentVariable(property) + " (" + property + ") must be " + expectation
                + "; correct it (README, Configuration) and run the same command again";
    }

    private static StartupProblem misconfigured(String property, String expectation) {
        return new StartupProblem(ExitCode.USAGE, badSetting(property, expectation));
    }

    /** {@code refunds.bad-rows.max-percent} is set as REFUNDS_BAD_ROWS_MAX_PERCENT. */
    private static String environmentVariable(String property) {
        return property.replaceAll("\\[(\\d+)]", "_$1").replaceAll("[.\\-]", "_").toUpperCase(Locale.ROOT);
    }

    private static String expected(Bindable<?> target) {
        Class<?> type = target.getType().resolve(Object.class);
        if (type == int.class || type == long.class || type == short.class || type == Integer.class
                || type == Long.class || type == Short.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == Duration.class) {
            return "a duration, such as 30s or 5m";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String databaseProblem(Throwable failure, String settings) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("3D000")) {
                    return "the database does not exist (" + sql.getMessage() + "); create it (createdb refunds) or set "
                            + settings + "_URL";
                }
                if (state.startsWith("08") || state.startsWith("28")) {
                    return "cannot reach the database (" + sql.getMessage() + "); start PostgreSQL or set "
                            + settings + "_URL, " + settings + "_USERNAME and " + settings + "_PASSWORD";
                }
            }
            if (cause instanceof ConnectException) {
                return "cannot reach the database (" + cause.getMessage() + "); start PostgreSQL or set "
                        + settings + "_URL";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "cannot start: " + root.getMessage() + "; check the configuration (README, Configuration)";
    }
}
