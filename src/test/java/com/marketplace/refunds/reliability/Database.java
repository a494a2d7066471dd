package com.marketplace.refunds.reliability;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import com.marketplace.refunds.stuck.SupportSiteFixture;
import com.marketplace.refunds.support.TestDatabase;

/** Plain JDBC on a test database: queries, whole-database dumps, copies, and cutting the child off. */
final class Database implements AutoCloseable {

    /** Columns that legitimately differ between two runs giving the same result: clock times and generated ids. */
    static final Set<String> VOLATILE_COLUMNS = Set.of("started_at", "finished_at", "job_execution_id", "id",
            "changed_at", "claimed_at", "published_at", "done_at", "run_token", "taken_at");

    /** Statuses that a run must never leave behind once its process has ended. */
    static final String UNFINISHED_STATUSES = "('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')";

    private final Connection connection;

    private Database(Connection connection) {
        this.connection = connection;
    }

    static Database open(String url) {
        try {
            return new Database(DriverManager.getConnection(url, TestDatabase.USER, ""));
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text. */
    List<String> strings(String sql, Object... parameters) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** A statement that returns no rows (DDL, for a test that stages a situation). */
    void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    long count(String sql, Object... parameters) {
        return Long.parseLong(strings(sql, parameters).get(0));
    }

    /**
     * Every table of the database with every row as JSON text, sorted: all that a run can leave
     * behind. Tables and columns can be left out.
     */
    Map<String, List<String>> tables(Predicate<String> tables, Set<String> ignoredColumns) {
        Map<String, List<String>> dump = new TreeMap<>();
        for (String table : strings("""
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name
                """)) {
            if (!tables.test(table)) {
                continue;
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT (to_jsonb(t) - ?::text[])::text FROM \"" + table + "\" t ORDER BY 1")) {
                Array ignored = connection.createArrayOf("text", ignoredColumns.toArray());
                statement.setArray(1, ignored);
                List<String> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(result.getString(1));
                    }
                }
                dump.put(table, rows);
            }
            catch (SQLException e) {
                throw new IllegalStateException(table, e);
            }
        }
        return dump;
    }

    /** Every table, every column: for "nothing changed". */
    Map<String, List<String>> everything() {
        return tables(table -> true, Set.of());
    }

    /** What the business tables hold, without clock times and generated ids: for "the same result". */
    Map<String, List<String>> businessState() {
        return tables(table -> !table.startsWith("batch_") && !table.startsWith("flyway_"), VOLATILE_COLUMNS);
    }

    /** Executions and steps of the job repository still marked as running, or in an unknown state. */
    List<String> unfinishedExecutions() {
        return strings("SELECT 'job execution ' || job_execution_id || ' ' || status FROM batch_job_execution"
                + " WHERE status IN " + UNFINISHED_STATUSES
                + " UNION ALL SELECT 'step ' || step_name || ' of execution ' || job_execution_id || ' ' || status"
                + " FROM batch_step_execution WHERE status IN " + UNFINISHED_STATUSES);
    }

    /** The statuses of the executions of the job instance for a business date, oldest first. */
    List<String> executionStatuses(String businessDate) {
        return strings("""
                SELECT e.status FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'businessDate' AND p.parameter_value = ?
                 ORDER BY e.job_execution_id
                """, businessDate);
    }

    /** Waits until the latest job execution is no longer STARTED (a stop request has been recorded). */
    void awaitLatestExecutionLeaves(String status, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String sql = "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1";
        while (strings(sql).equals(List.of(status))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the latest job execution stayed " + status + " for " + limit);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database name in a JDBC URL. */
    static String nameOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** A new database {@code <prefix><name>} holding what the given one holds now (nobody may be connected to it). */
    static String copyOf(String templateUrl, String name) {
        String copy = TestDatabase.nameFor(name);
        admin("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        TestDatabase.made(copy);
        admin("CREATE DATABASE " + copy + " TEMPLATE " + nameOf(templateUrl));
        return TestDatabase.url(copy);
    }

    /** Terminates every session on the database but the caller's: the child loses its connections. */
    static int cutOff(String url) {
        try (Database db = open(TestDatabase.url("postgres"))) {
            return db.strings("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE datname = ? AND pid <> pg_backend_pid()
                    """, nameOf(url)).size();
        }
    }

    /** Terminates only the session that holds the nightly run's lock (the row LOCK of run_lock, FOR UPDATE). */
    static int cutOffLockHolder(String url) {
        try (Database db = open(url)) {
            return db.strings("""
                    SELECT pg_terminate_backend(l.pid) FROM pg_locks l
                     WHERE l.locktype = 'relation' AND l.relation = 'run_lock'::regclass AND l.mode = 'RowShareLock'
                       AND l.granted AND l.pid <> pg_backend_pid()
                       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """).size();
        }
    }

    /** The read-only role of {@code jobs/create-support-role} on the database, made by the script itself. */
    static void createSupportRole(String url, String role) {
        SupportSiteFixture.createReadOnlyRole(url, role);
    }

    static void admin(String sql) {
        admin(TestDatabase.url("postgres"), sql);
    }

    /** Runs statements as the tests' superuser on the database of the URL (grants, roles). */
    static void admin(String url, String sql) {
        try (Connection admin = DriverManager.getConnection(url, TestDatabase.USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
