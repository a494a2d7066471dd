package com.marketplace.refunds.intake.internal;

import java.sql.SQLException;
import java.util.Set;

import com.marketplace.refunds.intake.DropRejectedException;

/**
 * A statement of the intake that PostgreSQL refused for the data it carried. The database's own
 * message quotes the value or the failing row (and COPY the line of the drop), which may hold a card
 * number: the run fails instead naming the step and the SQLSTATE only, and the database's exception
 * is not kept, so neither the console, the log, nightly_run nor the job repository can carry it. Any
 * other failure (a lost connection above all) is left as it is.
 */
final class DatabaseRefusals {

    /** SQLSTATE classes of refusals for the data: data exceptions, integrity constraints, limits. */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "54");

    private DatabaseRefusals() {
    }

    /** The failure to raise instead of this one: a value-free {@link DropRejectedException}, or the failure itself. */
    static RuntimeException withoutValues(String step, RuntimeException failure) {
        return withoutValues(step, "nothing of the drop was stored", failure);
    }

    /** The same, saying what of the drop was stored in spite of the failure. */
    static RuntimeException withoutValues(String step, String stored, RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5
                    && DATA_CLASSES.contains(sql.getSQLState().substring(0, 2))) {
                return new DropRejectedException(step + " failed: the database refused a value of the drop (SQLSTATE "
                        + sql.getSQLState() + ") that the row checks did not make a bad row; " + stored + "."
                        + " The value is not shown (it may be a card number): report this with the drop");
            }
        }
        return failure;
    }
}
