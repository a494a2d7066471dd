package com.marketplace.refunds.nightly;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * One nightly run at a time, for any date: a PostgreSQL advisory lock held on a connection of its
 * own for the whole run. The server frees it when the process dies, so a run whose lock nobody
 * holds is dead, not slow.
 */
final class RunLock implements AutoCloseable {

    /** "RFND" as a number: the lock every nightly run takes. */
    private static final long LOCK_KEY = 0x52464E44L;

    private final Connection connection;

    private RunLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock, or null when another run holds it. */
    static RunLock tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            statement.setLong(1, LOCK_KEY);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                if (result.getBoolean(1)) {
                    return new RunLock(connection);
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

    @Override
    public void close() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            statement.setLong(1, LOCK_KEY);
            statement.execute();
        }
        finally {
            connection.close();
        }
    }
}
