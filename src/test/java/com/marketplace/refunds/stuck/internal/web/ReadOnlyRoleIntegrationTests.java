package com.marketplace.refunds.stuck.internal.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.marketplace.refunds.stuck.SupportSiteFixture;
import com.marketplace.refunds.stuck.SupportSiteMisconfigured;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The site's check of its role against the real catalog: each role starts as jobs/create-support-role
 * makes it, then gets one privilege beyond reading; the site refuses every one of them, naming it.
 */
class ReadOnlyRoleIntegrationTests {

    private static final String DATABASE = SupportSiteFixture.create(ReadOnlyRoleIntegrationTests.class.getSimpleName());
    private static final String NAME = DATABASE.substring(DATABASE.lastIndexOf('/') + 1);
    private static final String WRITER = TestDatabase.nameFor("ro_writer");
    private static final String MIDDLE = TestDatabase.nameFor("ro_middle");
    private static final Set<String> ROLES = new LinkedHashSet<>();

    static Stream<Arguments> privilegesBeyondReading() {
        return Stream.of(
                arguments("column_update", "GRANT UPDATE (status) ON nightly_run TO {role}",
                        "UPDATE on public.nightly_run (status)"),
                arguments("column_insert", "GRANT INSERT (business_date, status) ON nightly_run TO {role}",
                        "INSERT on public.nightly_run (business_date, status)"),
                arguments("column_references", "GRANT REFERENCES (order_id) ON orders TO {role}",
                        "REFERENCES on public.orders (order_id)"),
                arguments("table_insert", "GRANT INSERT ON settlement_file TO {role}", "INSERT on public.settlement_file"),
                arguments("table_update_public", "GRANT UPDATE ON refund TO PUBLIC", "UPDATE on public.refund"),
                arguments("table_delete", "GRANT DELETE ON stuck_refund TO {role}", "DELETE on public.stuck_refund"),
                arguments("table_truncate", "GRANT TRUNCATE ON refund_status_history TO {role}",
                        "TRUNCATE on public.refund_status_history"),
                arguments("table_trigger", "GRANT TRIGGER ON refund TO {role}", "TRIGGER on public.refund"),
                arguments("sequence_usage", "GRANT USAGE ON SEQUENCE batch_job_execution_seq TO {role}",
                        "USAGE on sequence public.batch_job_execution_seq"),
                arguments("sequence_update", "GRANT UPDATE ON SEQUENCE batch_step_execution_seq TO {role}",
                        "UPDATE on sequence public.batch_step_execution_seq"),
                arguments("schema_create", "GRANT CREATE ON SCHEMA public TO {role}", "CREATE on schema public"),
                arguments("other_schema_create", "CREATE SCHEMA scratch; GRANT CREATE ON SCHEMA scratch TO {role}",
                        "CREATE on schema scratch"),
                arguments("database_create", "GRANT CREATE ON DATABASE {database} TO {role}",
                        "CREATE on database {database}"),
                arguments("owner", "CREATE TABLE scratch_owned (id int); ALTER TABLE scratch_owned OWNER TO {role}",
                        "owner of table scratch_owned"),
                arguments("superuser", "ALTER ROLE {role} SUPERUSER", "SUPERUSER"),
                arguments("createrole", "ALTER ROLE {role} CREATEROLE", "CREATEROLE"),
                arguments("createdb", "ALTER ROLE {role} CREATEDB", "CREATEDB"),
                arguments("replication", "ALTER ROLE {role} REPLICATION", "REPLICATION"),
                arguments("bypassrls", "ALTER ROLE {role} BYPASSRLS", "BYPASSRLS"),
                arguments("write_all_data", "GRANT pg_write_all_data TO {role}", "membership in pg_write_all_data"),
                arguments("write_server_files", "GRANT pg_write_server_files TO {role}",
                        "membership in pg_write_server_files"),
                arguments("execute_server_program", "GRANT pg_execute_server_program TO {role}",
                        "membership in pg_execute_server_program"),
                arguments("membership_not_inherited", "CREATE ROLE {writer} NOLOGIN; GRANT UPDATE ON refund TO {writer}; "
                        + "CREATE ROLE {middle} NOLOGIN; GRANT {writer} TO {middle}; GRANT {middle} TO {role}; "
                        + "ALTER ROLE {role} NOINHERIT", "UPDATE on public.refund through role {writer}"),
                arguments("security_definer", "CREATE FUNCTION touch_runs() RETURNS void LANGUAGE sql SECURITY DEFINER "
                        + "AS 'UPDATE nightly_run SET status = status'; REVOKE EXECUTE ON FUNCTION touch_runs() FROM PUBLIC; "
                        + "GRANT EXECUTE ON FUNCTION touch_runs() TO {role}",
                        "EXECUTE on security-definer function public.touch_runs()"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("privilegesBeyondReading")
    void refusesARoleThatMayDoAnythingButReadNamingWhat(String name, String grants, String named) {
        String role = role(name);
        TestDatabase.admin(DATABASE, fill(grants, role));
        try {
            assertThatThrownBy(() -> check(role, Set.of())).isInstanceOf(SupportSiteMisconfigured.class)
                    .hasMessageContaining("must connect with a role that can only read and record requests through the database's functions, but '" + role + "' can change data (")
                    .hasMessageContaining(fill(named, role))
                    .hasMessageContaining("run jobs/create-support-role");
        }
        finally {
            if (grants.contains("TO PUBLIC")) {
                TestDatabase.admin(DATABASE, "REVOKE UPDATE ON refund FROM PUBLIC");
            }
        }
    }

    @Test
    void acceptsTheRoleTheScriptMakes() {
        assertThatCode(() -> check(SupportSiteFixture.READER, Set.of())).doesNotThrowAnyException();
    }

    @Test
    void acceptsASecurityDefinerFunctionOnlyOnceItIsAllowed() {
        String role = role("allowed_function");
        TestDatabase.admin(DATABASE, fill("CREATE FUNCTION record_request() RETURNS void LANGUAGE sql SECURITY DEFINER AS 'SELECT'; "
                + "GRANT EXECUTE ON FUNCTION record_request() TO {role}", role));

        assertThatThrownBy(() -> check(role, Set.of())).hasMessageContaining("public.record_request()");
        assertThatCode(() -> check(role, Set.of("public.record_request"))).doesNotThrowAnyException();
        TestDatabase.admin(DATABASE, "DROP FUNCTION record_request()");
    }

    @Test
    void runningTheScriptAgainTakesBackEveryGrantBeyondReading() {
        String role = role("taken_back");
        TestDatabase.admin(DATABASE, fill("GRANT UPDATE (status) ON nightly_run TO {role}; GRANT INSERT ON refund TO {role}; "
                + "GRANT USAGE, UPDATE ON SEQUENCE batch_job_execution_seq TO {role}; GRANT CREATE ON SCHEMA public TO "
                + "{role}; GRANT CREATE ON DATABASE {database} TO {role}; GRANT pg_write_all_data TO {role}; "
                + "ALTER ROLE {role} CREATEROLE", role));
        assertThatThrownBy(() -> check(role, Set.of())).isInstanceOf(SupportSiteMisconfigured.class);

        SupportSiteFixture.createReadOnlyRole(DATABASE, role);

        assertThatCode(() -> check(role, Set.of())).doesNotThrowAnyException();
    }

    @AfterAll
    static void dropTheRoles() {
        for (String role : ROLES) {
            TestDatabase.admin(DATABASE, "REASSIGN OWNED BY " + role + " TO " + TestDatabase.USER + "; DROP OWNED BY " + role);
        }
        for (String role : ROLES) {
            TestDatabase.admin("DROP ROLE IF EXISTS " + role);
        }
        TestDatabase.admin(DATABASE, "DROP OWNED BY " + MIDDLE + "; DROP OWNED BY " + WRITER);
        TestDatabase.admin("DROP ROLE IF EXISTS " + MIDDLE + "; DROP ROLE IF EXISTS " + WRITER);
    }

    /** A role as jobs/create-support-role makes it, fresh (a run before may have left one with the same name). */
    private static String role(String name) {
        String role = TestDatabase.nameFor("ro_" + name);
        TestDatabase.admin("DROP ROLE IF EXISTS " + role);
        if (name.equals("membership_not_inherited")) {
            TestDatabase.admin("DROP ROLE IF EXISTS " + MIDDLE + "; DROP ROLE IF EXISTS " + WRITER);
        }
        SupportSiteFixture.createReadOnlyRole(DATABASE, role);
        ROLES.add(role);
        return role;
    }

    private static void check(String role, Set<String> allowedFunctions) {
        JdbcClient asRole = JdbcClient.create(new DriverManagerDataSource(DATABASE, role, ""));
        SupportSettings settings = new SupportSettings(50,
                new SupportSettings.Database(DATABASE, role, "", 4, Duration.ofSeconds(5)),
                new SupportSettings.SignIn(5, Duration.ofMinutes(5), Duration.ofMinutes(5)));
        new ReadOnlyRole(asRole, settings, new Accounts(asRole), allowedFunctions).afterPropertiesSet();
    }

    private static String fill(String text, String role) {
        return text.replace("{role}", role).replace("{database}", NAME).replace("{writer}", WRITER)
                .replace("{middle}", MIDDLE);
    }
}
