package com.marketplace.refunds.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh PostgreSQL database for one test class, on the real server (127.0.0.1:5432 unless
 * TEST_PG_HOST / TEST_PG_PORT / TEST_PG_USER say otherwise). Never a mock, never in memory. Every
 * database and role made through here is dropped when the test plan that made it ends
 * ({@link DropTestDatabases}; Surefire runs each test class as a plan of its own), so running the
 * suite leaves nothing behind on the server (a JVM killed with {@code kill -9} leaves its databases;
 * the next run of the same classes drops and recreates them under the same names). Also the server-level
 * work of the tests: copies of a database, statements as the superuser, cutting a child's sessions off;
 * queries on one database go through {@link DatabaseSession}.
 */
public final class TestDatabase {

    public static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");
    /** Every database and role a test makes starts with this (TEST_DB_PREFIX), so two checkouts can test at once. */
    public static final String PREFIX = env("TEST_DB_PREFIX", "rs_");

    private static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";
    private static final Set<String> DATABASES_MADE = ConcurrentHashMap.newKeySet();
    private static final Set<String> ROLES_MADE = ConcurrentHashMap.newKeySet();

    private TestDatabase() {
    }

    /** Drops and creates {@code <prefix><class name>}; returns its JDBC URL. */
    public static String freshFor(Class<?> testClass) {
        return fresh(testClass.getSimpleName());
    }

    /** Drops and creates {@code <prefix><name>}; returns its JDBC URL. */
    public static String fresh(String name) {
        name = nameFor(name);
        try (Connection admin = connect(url("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            DATABASES_MADE.add(name);
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for this test at " + url("postgres")
                    + " (see .ci/run): " + e.getMessage(), e);
        }
        return url(name);
    }

    /** A fresh database {@code <prefix><name>} with the application's schema, on one connection kept open until closed. */
    public static SingleConnectionDataSource migrated(String name) {
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(fresh(name), USER, "", true);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }

    /** A new database {@code <prefix><name>} holding what the given one holds now (nobody may be connected to it). */
    public static String copyOf(String templateUrl, String name) {
        String copy = nameFor(name);
        admin("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        made(copy);
        admin("CREATE DATABASE " + copy + " TEMPLATE " + nameOf(templateUrl));
        return url(copy);
    }

    /** Drops the database of the URL, whoever is still connected to it. */
    public static void drop(String url) {
        String name = nameOf(url);
        try (Connection admin = connect(url("postgres")); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs statements as the tests' superuser on the server (databases, roles). */
    public static void admin(String sql) {
        admin(url("postgres"), sql);
    }

    /** Runs statements as the tests' superuser on the database of the URL (grants, roles). */
    public static void admin(String url, String sql) {
        try (Connection admin = connect(url); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Terminates every session on the database but the caller's: a child loses its connections. */
    public static int cutOff(String url) {
        try (DatabaseSession db = DatabaseSession.open(url("postgres"))) {
            return db.strings("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE datname = ? AND pid <> pg_backend_pid()
                    """, nameOf(url)).size();
        }
    }

    /** Terminates only the session that holds the nightly run's lock (the row LOCK of run_lock, FOR UPDATE). */
    public static int cutOffLockHolder(String url) {
        try (DatabaseSession db = DatabaseSession.open(url)) {
            return db.strings("""
                    SELECT pg_terminate_backend(l.pid) FROM pg_locks l
                     WHERE l.locktype = 'relation' AND l.relation = 'run_lock'::regclass AND l.mode = 'RowShareLock'
                       AND l.granted AND l.pid <> pg_backend_pid()
                       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                    """).size();
        }
    }

    /** Marks a database made another way (a copy, say) to be dropped when the JVM exits. */
    public static void made(String database) {
        DATABASES_MADE.add(database);
    }

    /** Marks a role to be dropped when the JVM exits (after the databases that hold its grants). */
    public static void madeRole(String role) {
        ROLES_MADE.add(role);
    }

    /** Drops every database, then every role, this JVM made; a failure is one line, never a stop. */
    static void dropWhatWasMade() {
        List<String> statements = new ArrayList<>();
        DATABASES_MADE.forEach(name -> statements.add("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
        ROLES_MADE.forEach(role -> statements.add("DROP ROLE IF EXISTS " + role));
        if (statements.isEmpty()) {
            return;
        }
        DATABASES_MADE.clear();
        ROLES_MADE.clear();
        // never wait long on a lock: a session of a test still holding one is not worth a hung build
        try (Connection admin = connect(url("postgres") + "?options=-c%20lock_timeout%3D5s");
             Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                }
                catch (SQLException e) {
                    // a role that still has grants in a database another JVM made is that JVM's to drop
                    // (the support site's reader is one per JVM for this reason: SupportSiteFixture.READER)
                    if (!DEPENDENT_OBJECTS_STILL_EXIST.equals(e.getSQLState())) {
                        System.err.println("test cleanup: " + sql + " failed: " + e.getMessage());
                    }
                }
            }
        }
        catch (SQLException e) {
            System.err.println("test cleanup: cannot reach PostgreSQL to drop the test databases: " + e.getMessage());
        }
    }

    /** The database (or role) name a test's {@code name} gets: the prefix, lower case, only [a-z0-9_]. */
    public static String nameFor(String name) {
        return PREFIX + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }

    public static String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    /** The database name in a JDBC URL. */
    public static String nameOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** A connection as the tests' superuser. */
    public static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
