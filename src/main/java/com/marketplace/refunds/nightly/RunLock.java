package com.marketplace.refunds.nightly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * One nightly run at a time, for any date: a PostgreSQL advisory lock held on a connection of its
 * own for the whole run. The server frees it when the process dies, so a run whose lock nobody
 * holds is dead, not slow.
 */
final class RunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    /** "RFND" as a number: the lock every nightly run takes. */
    private static final long LOCK_KEY = 0x52464E44L;

    private static volatile RunLock current;

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock this process holds for its run, or null outside a run. */
    static RunLock current() {
        return current;
    }

    /**
     * Fails unless the lock's session is alive and still holds it: checked at every step boundary,
     * so a run that lost its lock (the session killed, an idle timeout) stops before a second run
     * can overlap it.
     */
    void assertHeld() {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT count(*) FROM pg_locks
                 WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted
                   AND ((classid::bigint << 32) | objid::bigint) = ?
                """)) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getLong(1) == 1) {
                    return;
                }
            }
        }
        catch (SQLException e) {
            // the session is gone: so is the lock
        }
        throw new ExplainedFailure("the database session holding the nightly run's lock was lost, so another run "
                + "could start; this run stops here. Run the same command again");
    }

    /** The lock, or null when another run holds it. */
    static RunLock tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    current = new RunLock(connection);
                    return current;
                }
            }
        }
        catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    /** Gives the lock back; a session already gone has given it back already. */
    @Override
    public void close() {
        current = null;
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        }
        catch (SQLException e) {
            log.warn("The run lock's session was already gone: {}", e.getMessage());
        }
        finally {
            try {
                connection.close();
            }
            catch (SQLException e) {
                log.debug("Closing the run lock's connection: {}", e.getMessage());
            }
        }
    }
}
