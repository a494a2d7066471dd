package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The site only starts on a role that can only read and record through the database's functions, and
 * when somebody could sign in; the role the README makes cannot write a table, action requests included.
 */
class SupportSiteStartupTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportSiteStartupTests.class.getSimpleName());
    private static final String NOBODY = TestDatabase.nameFor("support_nobody");

    @Test
    void refusesToStartAsARoleThatCanChangeData() {
        assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + TestDatabase.USER))
                .hasRootCauseInstanceOf(SupportSiteMisconfigured.class)
                .rootCause().hasMessageContaining("must connect with a role that can only read and record requests through the database's functions, but '"
                        + TestDatabase.USER + "' can change data").hasMessageContaining("jobs/create-support-role");
    }

    @Test
    void refusesToStartWhenNobodyCouldSignIn() throws SQLException {
        try (Connection admin = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement sql = admin.createStatement()) {
            sql.execute("UPDATE person SET disabled_at = now() WHERE password_hash IS NOT NULL");
            try {
                assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + SupportSiteFixture.READER))
                        .hasRootCauseInstanceOf(SupportSiteMisconfigured.class)
                        .rootCause().hasMessageContaining("nobody could sign in: no account has a password; add one with "
                                + "'refund-settlement users add --name=NAME --role=SUPPORT'");
            }
            finally {
                sql.execute("UPDATE person SET disabled_at = NULL");
            }
        }
    }

    @Test
    void refusesToStartOnARoleThatCannotReadWhatItShows() throws SQLException {
        try (Connection admin = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement sql = admin.createStatement()) {
            TestDatabase.madeRole(NOBODY);
            sql.execute("DO $$ BEGIN CREATE ROLE " + NOBODY + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }

        assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + NOBODY))
                .rootCause().isInstanceOf(SupportSiteMisconfigured.class)
                .hasMessageContaining("'" + NOBODY + "' cannot read action_request, any_order, any_refund, "
                        + "archived_refund, nightly_run, open_refund, orders, person, refund, refund_reissue, "
                        + "refund_status_history, stuck_refund");
    }

    @Test
    void startsOnTheReadOnlyRoleListeningOnLocalhostOnly() {
        try (ConfigurableApplicationContext site = start(
                "--refunds.support.datasource.username=" + SupportSiteFixture.READER)) {
            assertThat(SupportSite.url(site)).matches("http://127\\.0\\.0\\.1:\\d+/support/stuck-refunds");
        }
    }

    /**
     * Tomcat's base folder (Spring Boot makes one in the temporary folder at each start and leaves its
     * empty work/Tomcat/localhost/ROOT tree there) goes with the site: a site restarted every day, or
     * the suite's dozens of starts, left one tree each in /tmp.
     */
    @Test
    void aStoppedSiteLeavesNoWorkingFolderBehind() {
        Path base;
        try (ConfigurableApplicationContext site = start(
                "--refunds.support.datasource.username=" + SupportSiteFixture.READER)) {
            TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) site).getWebServer();
            base = server.getTomcat().getServer().getCatalinaBase().toPath();
            assertThat(base.resolve("work")).as("Tomcat works in it while the site runs").isDirectory();
        }

        assertThat(base).as("the base folder once the site stopped").doesNotExist();
    }

    @Test
    void theReadOnlyRoleCanReadTheSiteTablesAndChangeNothing() throws SQLException {
        try (Connection reader = DriverManager.getConnection(DATABASE, SupportSiteFixture.READER, "");
             Statement sql = reader.createStatement()) {
            assertThat(count(sql, "SELECT count(*) FROM refund")).isEqualTo(9);

            List<String> refused = new ArrayList<>();
            for (String change : List.of("UPDATE refund SET status = 'REFUNDED'", "DELETE FROM stuck_refund",
                    "INSERT INTO nightly_run (business_date, status, started_at) VALUES ('2030-01-01', 'RUNNING', now())",
                    "TRUNCATE orders", "SELECT count(*) FROM settlement_file", "CREATE TABLE mine (id int)",
                    "SET default_transaction_read_only = off; UPDATE refund SET amount_minor = 1",
                    "SET default_transaction_read_only = off; INSERT INTO action_request (action, refund_id, reason, "
                            + "requested_by) VALUES ('cancel', 'RF-1C', 'x', 'alice')",
                    "SET default_transaction_read_only = off; UPDATE person SET role = 'FINANCE'",
                    "SET default_transaction_read_only = off; UPDATE action_request SET status = 'APPROVED'")) {
                try {
                    sql.execute(change);
                }
                catch (SQLException e) {
                    refused.add(e.getSQLState());
                }
            }
            assertThat(refused).as("each change is refused").hasSize(10);
            assertThat(count(sql, "SELECT count(*) FROM refund WHERE status = 'REFUNDED'")).isEqualTo(1);
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (var rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--refunds.support.datasource.url=" + DATABASE));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(SupportWebConfiguration.class).web(WebApplicationType.SERVLET)
                .run(args.toArray(String[]::new));
    }
}
