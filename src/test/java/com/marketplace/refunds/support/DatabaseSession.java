package com.marketplace.refunds.support;

import java.sql.Array;
import java.sql.Connection;
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

/** Plain JDBC on one test database, as the superuser: queries, whole-database dumps, the job repository's state. */
public final class DatabaseSession implements AutoCloseable {

    /** Columns that legitimately differ between two runs giving the same result: clock times and generated ids. */
    private static final Set<String> VOLATILE_COLUMNS = Set.of("started_at", "finished_at", "job_execution_id", "id",
            "history_id", "changed_at", "claimed_at", "published_at", "done_at", "run_token", "taken_at");

    /** Statuses that a run must never leave behind once its process has ended. */
    private static final String UNFINISHED_STATUSES = "('STARTING', 'STARTED', 'STOPPING', 'UNKNOWN')";

    private final Connection connection;

    private DatabaseSession(Connection connection) {
        this.connection = connection;
    }

    public static DatabaseSession open(String url) {
        try {
            return new DatabaseSession(TestDatabase.connect(url));
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text. */
    public List<String> strings(String sql, Object... parameters) {
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
    public void execute(String sql) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long count(String sql, Object... parameters) {
        return Long.parseLong(strings(sql, parameters).get(0));
    }

    /**
     * Every table of the database with every row as JSON text, sorted: all that a run can leave
     * behind. Tables and columns can be left out.
     */
    public Map<String, List<String>> tables(Predicate<String> tables, Set<String> ignoredColumns) {
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
    public Map<String, List<String>> everything() {
        return tables(table -> true, Set.of());
    }

    /** What the business tables hold, without clock times and generated ids: for "the same result". */
    public Map<String, List<String>> businessState() {
        return tables(table -> !table.startsWith("batch_") && !table.startsWith("flyway_"), VOLATILE_COLUMNS);
    }

    /** Executions and steps of the job repository still marked as running, or in an unknown state. */
    public List<String> unfinishedExecutions() {
        return strings("SELECT 'job execution ' || job_execution_id || ' ' || status FROM batch_job_execution"
                + " WHERE status IN " + UNFINISHED_STATUSES
                + " UNION ALL SELECT 'step ' || step_name || ' of execution ' || job_execution_id || ' ' || status"
                + " FROM batch_step_execution WHERE status IN " + UNFINISHED_STATUSES);
    }

    /** The statuses of the executions of the job instance for a business date, oldest first. */
    public List<String> executionStatuses(String businessDate) {
        return strings("""
                SELECT e.status FROM batch_job_execution e
                  JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
                 WHERE p.parameter_name = 'businessDate' AND p.parameter_value = ?
                 ORDER BY e.job_execution_id
                """, businessDate);
    }

    /** Waits until the latest job execution is no longer in this status (a stop request has been recorded). */
    public void awaitLatestExecutionLeaves(String status, Duration limit) {
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
}
