package com.marketplace.refunds.stuck.internal.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * What a failed read of the database means, and what the site answers. Every connection in use until
 * the wait ran out is a busy site, not an outage: 503 "busy" with a short Retry-After, and the pool
 * kept as it is. A connection that really failed (the database restarted, sessions cut, connections
 * refused) is an outage: 503 "unavailable", and every pooled connection dropped, since what killed one
 * has killed them all, so the next request connects afresh. Anything else is a failed request (500),
 * with the pool left alone. One log line each, never a stack trace.
 */
@Component
class DatabaseTrouble {

    static final long BUSY_RETRY_AFTER_SECONDS = 5;
    static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 60;

    /** SQLSTATEs of a connection that is gone: the server shut it down, or is shutting down or starting. */
    private static final Set<String> CONNECTION_GONE = Set.of("57P01", "57P02", "57P03");

    private static final Logger log = LoggerFactory.getLogger(DatabaseTrouble.class);

    /** What to answer: the status, a code and a message for the API, and seconds to wait (null: none). */
    record Answer(HttpStatus status, String error, String message, Long retryAfterSeconds) {

        boolean busy() {
            return "busy".equals(error);
        }
    }

    private final DataSource dataSource;

    DatabaseTrouble(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Answer seen(DataAccessException failure) {
        if (busy(failure)) {
            log.warn("Every connection of the support site's pool was in use for the whole wait: answered 503 busy "
                    + "(the database itself is fine)");
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "busy", "the support site is busy just now (every "
                    + "connection to the refunds database is in use); try again in " + BUSY_RETRY_AFTER_SECONDS
                    + " seconds", BUSY_RETRY_AFTER_SECONDS);
        }
        if (connectionFailed(failure)) {
            log.warn("The support site could not read the database: {}", failure.getMostSpecificCause().getMessage());
            if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
            return new Answer(HttpStatus.SERVICE_UNAVAILABLE, "database_unavailable", "the refunds database cannot be "
                    + "read just now; try again in a minute", UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        Throwable cause = failure.getMostSpecificCause();
        log.error("A read of the support site failed ({}{}): {}", cause.getClass().getSimpleName(),
                cause instanceof SQLException sql && sql.getSQLState() != null ? " " + sql.getSQLState() : "",
                cause.getMessage());
        return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "the request failed; try again, and if "
                + "it keeps failing tell the finance engineering team the time it happened", null);
    }

    /** The pool's wait ran out with no connection failing meanwhile: the pool was busy, the database fine. */
    private static boolean busy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException timeout && timeout.getCause() == null) {
                return true;
            }
        }
        return false;
    }

    private static boolean connectionFailed(DataAccessException failure) {
        if (failure instanceof CannotGetJdbcConnectionException) {
            return true; // not busy (see above): the pool's wait ran out while connecting failed
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || CONNECTION_GONE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
