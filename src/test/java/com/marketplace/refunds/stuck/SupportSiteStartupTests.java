package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;
import com.marketplace.refunds.support.TestDatabase;

/** The site only starts read-only and with a configured credential; the role the README makes cannot write. */
class SupportSiteStartupTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportSiteStartupTests.class.getSimpleName());
    private static final String NOBODY = TestDatabase.nameFor("support_nobody");

    @Test
    void refusesToStartAsARoleThatCanChangeData() {
        assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + TestDatabase.USER,
                "--refunds.support.password=" + SupportSiteFixture.PASSWORD))
                .hasRootCauseInstanceOf(SupportSiteMisconfigured.class)
                .rootCause().hasMessageContaining("must connect with a role that can only read, but '"
                        + TestDatabase.USER + "' can change data").hasMessageContaining("jobs/create-support-role");
    }

    @Test
    void refusesToStartWithoutAConfiguredPasswordOrWithAShortOne() {
        assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + SupportSiteFixture.READER))
                .hasRootCauseInstanceOf(SupportSiteMisconfigured.class)
                .rootCause().hasMessageContaining("set REFUNDS_SUPPORT_PASSWORD");
        assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + SupportSiteFixture.READER,
                "--refunds.support.password=short"))
                .rootCause().hasMessageContaining("shorter than 12 characters");
    }

    @Test
    void refusesToStartOnARoleThatCannotReadWhatItShows() throws SQLException {
        try (Connection admin = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement sql = admin.createStatement()) {
            TestDatabase.madeRole(NOBODY);
            sql.execute("DO $$ BEGIN CREATE ROLE " + NOBODY + " LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
        }

        assertThatThrownBy(() -> start("--refunds.support.datasource.username=" + NOBODY,
                "--refunds.support.password=" + SupportSiteFixture.PASSWORD))
                .rootCause().isInstanceOf(SupportSiteMisconfigured.class)
                .hasMessageContaining("'" + NOBODY + "' cannot read any_order, any_refund, nightly_run, open_refund, "
                        + "orders, refund, refund_status_history, stuck_refund");
    }

    @Test
    void startsOnTheReadOnlyRoleListeningOnLocalhostOnly() {
        try (ConfigurableApplicationContext site = start(
                "--refunds.support.datasource.username=" + SupportSiteFixture.READER,
                "--refunds.support.password=" + SupportSiteFixture.PASSWORD)) {
            assertThat(SupportSite.url(site)).matches("http://127\\.0\\.0\\.1:\\d+/support/stuck-refunds");
        }
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
                    "SET default_transaction_read_only = off; UPDATE refund SET amount_minor = 1")) {
                try {
                    sql.execute(change);
                }
                catch (SQLException e) {
                    refused.add(e.getSQLState());
                }
            }
            assertThat(refused).as("each change is refused").hasSize(7);
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
