package com.marketplace.refunds.nightly;

import java.net.ConnectException;
import java.sql.SQLException;

/** Explains in one line why the application could not start, with what to do about it. */
final class StartupProblem {

    private StartupProblem() {
    }

    static String describe(Throwable failure) {
        return describe(failure, "SPRING_DATASOURCE");
    }

    /** {@code settings}: the prefix of the environment variables that say which database, e.g. SPRING_DATASOURCE. */
    static String describe(Throwable failure, String settings) {
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
