package com.marketplace.refunds.partition.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * A worker's hold on the part it runs: the row of the part's step execution in part_claim, locked
 * FOR UPDATE in a transaction held open on a connection of its own while the part runs (the RunLock
 * pattern: the server frees it when the worker dies; only the batch's role may lock the table).
 * The nightly run probes it with NOWAIT to tell a part in progress from a part whose worker died.
 * Table (a Flyway migration in the application):
 * CREATE TABLE part_claim (step_execution_id BIGINT PRIMARY KEY, taken_at TIMESTAMPTZ NOT NULL DEFAULT now());
 */
public final class PartClaim implements AutoCloseable {

    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String ADD = "INSERT INTO part_claim (step_execution_id) VALUES (?) ON CONFLICT DO NOTHING";
    private static final String TAKE = "SELECT step_execution_id FROM part_claim WHERE step_execution_id = ? FOR UPDATE";
    private static final String PROBE = TAKE + " NOWAIT";

    private final Connection connection;

    private PartClaim(Connection connection) {
        this.connection = connection;
    }

    /** The claim, or null when another worker holds it (it waits out a nightly probe: lock_timeout 5s). */
    static PartClaim take(DataSource dataSource, long stepExecutionId) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            try (PreparedStatement add = connection.prepareStatement(ADD)) {
                add.setLong(1, stepExecutionId);
                add.executeUpdate();
            }
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement()) {
                settings.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
                settings.execute("SET LOCAL lock_timeout = '5s'");
            }
            try (PreparedStatement take = connection.prepareStatement(TAKE)) {
                take.setLong(1, stepExecutionId);
                take.executeQuery().close();
            }
            return new PartClaim(connection);
        }
        catch (SQLException e) {
            giveBack(connection);
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return null;
            }
            throw e;
        }
    }

    /** Whether a live worker holds the part now (the nightly run's probe, rolled back at once). */
    public static boolean held(DataSource dataSource, long stepExecutionId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement probe = connection.prepareStatement(PROBE)) {
                probe.setLong(1, stepExecutionId);
                try (ResultSet row = probe.executeQuery()) {
                    row.next();
                    return false;
                }
            }
            catch (SQLException e) {
                if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    return true;
                }
                throw e;
            }
            finally {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public void close() {
        giveBack(connection);
    }

    private static void giveBack(Connection connection) {
        try (connection) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
        catch (SQLException e) {
            // the session is gone, and the lock with it
        }
    }
}
