package com.marketplace.refunds.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.stuck.SupportHttp;
import com.marketplace.refunds.stuck.SupportSiteFixture;
import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.ChildRun.Result;
import com.marketplace.refunds.support.RunningChild;
import com.marketplace.refunds.support.TestDatabase;

/**
 * {@code serve} as a service manager runs it, in a JVM of its own with its settings in the
 * environment: it says where it listens, serves, and on SIGTERM closes, frees its port and exits 0.
 * Misconfigured, it exits 2 with one line and no stack trace.
 */
class ServeReliabilityTests {

    private static final String DATABASE = SupportSiteFixture.create("rel_serve");
    private static final Pattern OPEN = Pattern.compile(
            "The support site is open at http://127\\.0\\.0\\.1:(\\d+)/support/stuck-refunds; stop it with Ctrl-C");

    @Test
    void servesUntilSigtermThenClosesFreesItsPortAndExitsZero() throws IOException {
        try (RunningChild site = new ChildRun(DATABASE).start(settings(SupportSiteFixture.READER), "serve")) {
            Matcher open = site.awaitOutput(OPEN, Duration.ofSeconds(60));
            int port = Integer.parseInt(open.group(1));

            String list = new SupportHttp(port).api("/api/stuck-refunds").body();
            site.sigterm();
            Result stopped = site.awaitExit(Duration.ofSeconds(30));

            assertThat(list).contains("\"count\":7");
            assertThat(stopped.exitCode()).as(stopped.output()).isZero();
            assertThat(stopped.output()).doesNotContain("Exception", "\tat ");
            try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
            }
        }
    }

    @Test
    void refusesTheBatchRoleWithExitTwoAndOneLine() {
        try (RunningChild site = new ChildRun(DATABASE).start(settings(TestDatabase.USER), "serve")) {
            Result refused = site.awaitExit(Duration.ofSeconds(60));

            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.outcome()).startsWith("refund-settlement: the support site must connect with a role that "
                    + "can only read and record requests through the database's functions, but '" + TestDatabase.USER + "' can change data");
            assertThat(refused.output()).doesNotContain("Exception", "\tat ");
        }
    }

    @Test
    void refusesARoleWithAColumnGrantWithExitTwoNamingThePrivilege() {
        String role = TestDatabase.nameFor("serve_column_writer");
        TestDatabase.admin("DROP ROLE IF EXISTS " + role);
        SupportSiteFixture.createReadOnlyRole(DATABASE, role);
        TestDatabase.admin(DATABASE, "GRANT UPDATE (status) ON nightly_run TO " + role);

        Result refused;
        try (RunningChild site = new ChildRun(DATABASE).start(settings(role), "serve")) {
            refused = site.awaitExit(Duration.ofSeconds(60));
        }
        finally {
            TestDatabase.admin(DATABASE, "DROP OWNED BY " + role);
            TestDatabase.admin("DROP ROLE " + role);
        }

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.outcome()).startsWith("refund-settlement: the support site must connect with a role that "
                + "can only read and record requests through the database's functions, but '" + role + "' can change data (UPDATE on public.nightly_run (status))")
                .contains("jobs/create-support-role");
        assertThat(refused.output()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void logsWhichDatabaseItReadsByHostPortAndNameNeverAPassword() {
        Map<String, String> withPasswords = new HashMap<>(settings(SupportSiteFixture.READER));
        withPasswords.put("REFUNDS_SUPPORT_DATASOURCE_URL", DATABASE + "?password=in-the-url-7731&ssl=false");
        withPasswords.put("REFUNDS_SUPPORT_DATASOURCE_PASSWORD", "in-its-setting-5519");
        withPasswords.put("LOGGING_LEVEL_COM_MARKETPLACE_REFUNDS", "INFO"); // as in production: tests log WARN only
        String output;
        try (RunningChild site = new ChildRun(DATABASE).start(withPasswords, "serve")) {
            site.awaitOutput(OPEN, Duration.ofSeconds(60));
            site.sigterm();
            output = site.awaitExit(Duration.ofSeconds(30)).output();
        }

        assertThat(output).contains("The support site reads the database " + TestDatabase.HOST + ":" + TestDatabase.PORT
                + "/" + TestDatabase.nameOf(DATABASE) + " as '" + SupportSiteFixture.READER + "'");
        assertThat(output).doesNotContain("in-the-url-7731", "in-its-setting-5519", "password=", "jdbc:");
    }

    @Test
    void aMisconfiguredDatabaseIsNamedByHostPortAndNameNeverWithItsPassword() {
        String empty = TestDatabase.fresh("rel_serve_empty");
        Map<String, String> withPasswords = new HashMap<>(settings(SupportSiteFixture.READER));
        withPasswords.put("REFUNDS_SUPPORT_DATASOURCE_URL", empty + "?password=in-the-url-7731");
        withPasswords.put("REFUNDS_SUPPORT_DATASOURCE_PASSWORD", "in-its-setting-5519");

        Result refused;
        try (RunningChild site = new ChildRun(DATABASE).start(withPasswords, "serve")) {
            refused = site.awaitExit(Duration.ofSeconds(60));
        }

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.outcome()).contains("the database " + TestDatabase.HOST + ":" + TestDatabase.PORT + "/"
                + TestDatabase.nameOf(empty) + " has no ");
        assertThat(refused.output()).doesNotContain("in-the-url-7731", "in-its-setting-5519", "password=", "jdbc:");
    }

    private static Map<String, String> settings(String role) {
        return Map.of("SERVER_PORT", "0", "REFUNDS_SUPPORT_DATASOURCE_URL", DATABASE, "REFUNDS_SUPPORT_DATASOURCE_USERNAME", role);
    }
}
