package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.stuck.SupportSiteFixture;
import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.DatabaseSession;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The run lock against a role that is not the batch's: the read-only support role made by
 * {@code jobs/create-support-role}, which anyone with the support credentials can log in as. Nothing
 * it can do may keep the nightly run from running: not the advisory lock the run once used, not a
 * session named like a nightly run's, and the run lock itself it can neither read nor take.
 */
class RunLockReliabilityTests {

    /** The advisory lock key ("RFND") the nightly run used to take: anyone could take it too. */
    private static final long OLD_ADVISORY_KEY = 0x52464E44L;

    @TempDir
    Path work;

    @Test
    void theSupportRoleCannotTakeTheRunLockAndItsAdvisoryLockDoesNotBlockTheRun() throws SQLException {
        String database = migratedWithSupportRole("rel_lock_attack_advisory");
        try (Connection attacker = DriverManager.getConnection(database, supportRole(), "");
             Statement sql = attacker.createStatement()) {
            sql.execute("SELECT pg_advisory_lock(" + OLD_ADVISORY_KEY + ")");
            sql.execute("SET default_transaction_read_only = off"); // the role's own setting: anyone may lift it
            String lockRefused = sqlStateOf(sql, "SELECT * FROM run_lock FOR UPDATE");
            String tokenRefused = sqlStateOf(sql, "SELECT run_token FROM run_lock");

            Result run = new ChildRun(database).run(FirstSampleDate.nightly(work));

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(lockRefused).as("the run lock is not the support role's to take (insufficient privilege)")
                    .isEqualTo("42501");
            assertThat(tokenRefused).as("nor its token to read").isEqualTo("42501");
        }
        try (DatabaseSession db = DatabaseSession.open(database)) {
            FirstSampleDate.assertEndedAsAnUninterruptedRun(db, work);
        }
    }

    @Test
    void aSessionOfAnotherRoleNamedLikeANightlyRunDoesNotPassForALiveRun() throws SQLException {
        String database = migratedWithSupportRole("rel_lock_attack_session_name");
        Properties named = new Properties();
        named.setProperty("user", supportRole());
        named.setProperty("ApplicationName", "refund-settlement-nightly-4242");
        try (Connection impostor = DriverManager.getConnection(database, named);
             Statement sql = impostor.createStatement()) {
            sql.execute("SELECT 1");

            Result run = new ChildRun(database).run(FirstSampleDate.nightly(work));

            assertThat(run.exitCode()).as(run.output()).isZero();
        }
        try (DatabaseSession db = DatabaseSession.open(database)) {
            FirstSampleDate.assertEndedAsAnUninterruptedRun(db, work);
        }
    }

    /** The SQLSTATE the statement fails with, or "none" when it succeeds. */
    private static String sqlStateOf(Statement sql, String statement) {
        try {
            sql.execute(statement);
            return "none";
        }
        catch (SQLException e) {
            return e.getSQLState();
        }
    }

    /** A fresh database with the schema, and the support role made as the README says. */
    private static String migratedWithSupportRole(String name) {
        String url = TestDatabase.fresh(name);
        Flyway.configure().dataSource(url, TestDatabase.USER, "").locations("classpath:db/migration").load().migrate();
        SupportSiteFixture.createReadOnlyRole(url, supportRole());
        return url;
    }

    private static String supportRole() {
        return TestDatabase.nameFor("lock_attacker");
    }
}
