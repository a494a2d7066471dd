package com.marketplace.refunds.nightly;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.shared.ExplainedFailure;

/**
 * One nightly run at a time, for any date: the row {@code LOCK} of {@code run_lock}, locked FOR UPDATE
 * in a transaction held open on a connection of its own for the whole run. Only the batch's role may
 * lock that row (V11), so no other role can block a night. The server frees it when the process dies,
 * so a run whose lock nobody holds is dead, not slow, unless its sessions still talk to the database:
 * each run names its sessions after a random token of its own and records the token when it starts,
 * and a launch that finds the last run's sessions alive stays out.
 */
public final class RunLock implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunLock.class);

    /** The application_name of every session of a nightly run: the prefix and the run's token. */
    public static final String SESSION_NAME_PROPERTY = "refunds.session-name";
    public static final String SESSION_NAME_PREFIX = "refund-settlement-nightly-";

    private static final String TAKE = """
            SELECT row_name FROM run_lock WHERE row_name = 'LOCK' FOR UPDATE NOWAIT
            """;
    /** The lock lives as long as the transaction that took it; idle in it between steps is the point. */
    private static final String KEEP_WHILE_IDLE = "SET LOCAL idle_in_transaction_session_timeout = 0";
    private static final String TRANSACTION = "SELECT pg_current_xact_id_if_assigned()::text";
    private static final String LAST_HOLDER = "SELECT run_token FROM run_lock WHERE row_name = 'HOLDER'";
    private static final String SESSIONS_NAMED = """
            SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND usename = session_user AND application_name = :name
            """;
    private static final String RECORD_HOLDER = """
            UPDATE run_lock SET run_token = :token, taken_at = now() WHERE row_name = 'HOLDER'
            """;
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static volatile RunLock current;

    private final Connection connection;
    private final JdbcClient session;
    private final String transaction;
    private final DataSource dataSource;
    private final String token;

    private RunLock(Connection connection, JdbcClient session, String transaction, DataSource dataSource,
                    String token) {
        this.connection = connection;
        this.session = session;
        this.transaction = transaction;
        this.dataSource = dataSource;
        this.token = token;
    }

    /** The lock this process holds for its run, or null outside a run. */
    static RunLock current() {
        return current;
    }

    /** A run's token: 24 random lower-case letters (no digits, so nothing in a log looks like a card number). */
    public static String newToken() {
        StringBuilder token = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            token.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return token.toString();
    }

    /**
     * This process's token, as its sessions carry it (the command line sets it before the database is
     * opened); a process started otherwise (a test) gets one its sessions do not carry.
     */
    public static String tokenOfThisProcess() {
        String name = System.getProperty(SESSION_NAME_PROPERTY, "");
        return name.startsWith(SESSION_NAME_PREFIX) ? name.substring(SESSION_NAME_PREFIX.length()) : newToken();
    }

    /**
     * Fails unless the lock's session is alive and still in the transaction that took the lock:
     * checked at every step boundary, so a run that lost its lock (the session killed, the server
     * restarted) stops before a second run can overlap it.
     */
    void assertHeld() {
        try {
            if (transaction.equals(session.sql(TRANSACTION).query(String.class).single())) {
                return;
            }
        }
        catch (DataAccessException e) {
            // the session is gone: so is the lock
        }
        throw new ExplainedFailure("the database session holding the nightly run's lock was lost, so another run "
                + "could start; this run stops here. Run the same command again");
    }

    /**
     * The lock, or null when another run holds it, or when the run that took it last still has
     * sessions open (its lock's session was lost but the run goes on until its next step).
     */
    public static RunLock tryAcquire(DataSource dataSource, String token) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(connection, true));
            session.sql(KEEP_WHILE_IDLE).update();
            if (session.sql(TAKE).query(String.class).list().isEmpty()) {
                throw new IllegalStateException("the run lock's row is missing from run_lock (migration V11 makes it)");
            }
            RunLock lock = new RunLock(connection, session, session.sql(TRANSACTION).query(String.class).single(),
                    dataSource, token);
            if (lock.lastRunStillTalksToTheDatabase()) {
                lock.close();
                return null;
            }
            current = lock;
            return lock;
        }
        catch (DataAccessException e) {
            giveBack(connection);
            if (e.getRootCause() instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return null;
            }
            throw e;
        }
        catch (SQLException | RuntimeException e) {
            giveBack(connection);
            throw e;
        }
    }

    private boolean lastRunStillTalksToTheDatabase() {
        String last = session.sql(LAST_HOLDER).query(String.class).optional().orElse(null);
        if (last == null || last.equals(token)) {
            return false; // nobody yet, or an earlier run of this very process (a test's): its sessions are ours
        }
        long sessions = session.sql(SESSIONS_NAMED).param("name", SESSION_NAME_PREFIX + last).query(Long.class).single();
        if (sessions > 0) {
            log.warn("The run lock was free but {} session(s) of the run that took it last are still open", sessions);
        }
        return sessions > 0;
    }

    /**
     * Records this process as the lock's holder, committed at once (on a connection of the pool): if
     * the lock's session is lost from here on, the next launch finds this run's sessions by the token.
     */
    public void recordHolder() {
        JdbcClient.create(dataSource).sql(RECORD_HOLDER).param("token", token).update();
    }

    /** Gives the lock back; a session already gone has given it back already. */
    @Override
    public void close() {
        if (current == this) {
            current = null;
        }
        giveBack(connection);
    }

    private static void giveBack(Connection connection) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
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
