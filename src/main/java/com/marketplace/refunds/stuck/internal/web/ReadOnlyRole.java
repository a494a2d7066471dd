package com.marketplace.refunds.stuck.internal.web;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.stuck.SupportSiteMisconfigured;

/**
 * Refuses to start the site on a role that could change anything but through the database's own
 * functions that record action requests and decisions, on one that cannot read what the site shows or
 * call those functions, or when nobody could sign in. "Could change" is any privilege beyond reading,
 * held by the role or by any role it is a member of (inheriting or not: it could SET ROLE to it): a
 * write attribute (superuser, CREATEROLE, CREATEDB, REPLICATION, BYPASSRLS), membership in a predefined
 * role that writes, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES or TRIGGER on any table or column,
 * USAGE or UPDATE on a sequence, CREATE on a schema or the database, owning any object, or EXECUTE on a
 * security-definer function not in {@link #RECORDING_FUNCTIONS}.
 */
@Component
class ReadOnlyRole implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyRole.class);

    static final String[] READ = {"refund", "open_refund", "refund_status_history", "orders", "stuck_refund",
        "nightly_run", "any_refund", "any_order", "person", "action_request", "refund_reissue", "archived_refund"};

    /** Predefined roles whose members may write whatever the grants say. */
    static final List<String> WRITING_ROLES = List.of("pg_write_all_data", "pg_write_server_files",
            "pg_execute_server_program");

    /**
     * Security-definer functions (schema.name) the site may, and must be able to, execute: the database's
     * own ways of recording a request or a decision, which check who may do it (docs/actions.md).
     */
    static final Set<String> RECORDING_FUNCTIONS = Set.of("public.request_action", "public.decide_action");

    private static final int FINDINGS_NAMED = 5;

    private static final String SUPERUSER = """
            SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user
            """;

    /** What the role, or a role it is a member of, may do beyond reading; one line per finding. */
    private static final String BEYOND_READING = """
            WITH roles AS (
                SELECT r.*, CASE WHEN r.rolname = current_user THEN '' ELSE format(' through role %I', r.rolname) END AS via
                  FROM pg_roles r
                 WHERE pg_has_role(current_user, r.oid, 'MEMBER')
            ), relations AS (
                SELECT c.oid, c.relkind, format('%I.%I', n.nspname, c.relname) AS name
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
                   AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
            ), findings AS (
                SELECT 1 AS rank, a.attribute || r.via AS finding
                  FROM roles r CROSS JOIN LATERAL (VALUES ('SUPERUSER', r.rolsuper), ('CREATEROLE', r.rolcreaterole),
                       ('CREATEDB', r.rolcreatedb), ('REPLICATION', r.rolreplication), ('BYPASSRLS', r.rolbypassrls))
                       AS a (attribute, held)
                 WHERE a.held
                UNION ALL
                SELECT 2, format('membership in %I', r.rolname)
                  FROM roles r WHERE r.rolname = ANY (string_to_array(:writingRoles, ','))
                UNION ALL
                SELECT 3, p.privilege || ' on ' || t.name || r.via
                  FROM roles r CROSS JOIN relations t
                 CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p (privilege)
                 WHERE t.relkind <> 'S' AND has_table_privilege(r.oid, t.oid, p.privilege)
                UNION ALL
                SELECT 3, p.privilege || ' on ' || t.name || ' (' || string_agg(quote_ident(c.attname), ', '
                       ORDER BY c.attnum) || ')' || r.via
                  FROM roles r CROSS JOIN relations t
                  JOIN pg_attribute c ON c.attrelid = t.oid AND c.attnum > 0 AND NOT c.attisdropped
                 CROSS JOIN unnest(ARRAY['INSERT', 'UPDATE', 'REFERENCES']) AS p (privilege)
                 WHERE t.relkind <> 'S' AND NOT has_table_privilege(r.oid, t.oid, p.privilege)
                   AND has_column_privilege(r.oid, t.oid, c.attnum, p.privilege)
                 GROUP BY p.privilege, t.name, r.via
                UNION ALL
                SELECT 4, p.privilege || ' on sequence ' || t.name || r.via
                  FROM roles r CROSS JOIN relations t CROSS JOIN unnest(ARRAY['USAGE', 'UPDATE']) AS p (privilege)
                 WHERE t.relkind = 'S' AND has_sequence_privilege(r.oid, t.oid, p.privilege)
                UNION ALL
                SELECT 5, format('CREATE on schema %I', n.nspname) || r.via
                  FROM roles r CROSS JOIN pg_namespace n
                 WHERE has_schema_privilege(r.oid, n.oid, 'CREATE')
                UNION ALL
                SELECT 5, format('CREATE on database %I', current_database()) || r.via
                  FROM roles r
                 WHERE has_database_privilege(r.oid, current_database(), 'CREATE')
                UNION ALL
                SELECT 2, 'owner of ' || pg_describe_object(d.classid, d.objid, 0) || r.via
                  FROM roles r
                  JOIN pg_shdepend d ON d.refclassid = 'pg_authid'::regclass AND d.refobjid = r.oid AND d.deptype = 'o'
                 WHERE d.dbid IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
                UNION ALL
                SELECT 7, format('EXECUTE on security-definer function %I.%I(%s)', n.nspname, f.proname,
                       pg_get_function_identity_arguments(f.oid)) || r.via
                  FROM roles r CROSS JOIN pg_proc f JOIN pg_namespace n ON n.oid = f.pronamespace
                 WHERE f.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                   AND format('%I.%I', n.nspname, f.proname) <> ALL (string_to_array(:allowedFunctions, ','))
                   AND has_function_privilege(r.oid, f.oid, 'EXECUTE')
            )
            SELECT finding FROM findings ORDER BY rank, finding
            """;

    private static final String WHAT_IT_SHOWS = """
            SELECT (SELECT string_agg(t, ', ' ORDER BY t) FROM unnest(string_to_array(:read, ',')) t
                     WHERE to_regclass(t) IS NULL) AS missing,
                   (SELECT string_agg(t, ', ' ORDER BY t) FROM unnest(string_to_array(:read, ',')) t
                     WHERE to_regclass(t) IS NOT NULL AND NOT has_table_privilege(to_regclass(t), 'SELECT')) AS unreadable,
                   (SELECT string_agg(f, ', ' ORDER BY f) FROM unnest(string_to_array(:recording, ',')) f
                     WHERE NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                        WHERE format('%I.%I', n.nspname, p.proname) = f
                                          AND has_function_privilege(p.oid, 'EXECUTE'))) AS uncallable
            """;

    private final JdbcClient jdbc;
    private final SupportSettings settings;
    private final Accounts accounts;
    private final Set<String> allowedFunctions;

    @Autowired
    ReadOnlyRole(JdbcClient jdbc, SupportSettings settings, Accounts accounts) {
        this(jdbc, settings, accounts, Set.of());
    }

    /** With security-definer functions allowed besides the recording ones (for tests of the check). */
    ReadOnlyRole(JdbcClient jdbc, SupportSettings settings, Accounts accounts, Set<String> alsoAllowed) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.accounts = accounts;
        this.allowedFunctions = new TreeSet<>(RECORDING_FUNCTIONS);
        this.allowedFunctions.addAll(alsoAllowed);
    }

    @Override
    public void afterPropertiesSet() {
        Map<String, Object> role = jdbc.sql(SUPERUSER).query().singleRow();
        String name = (String) role.get("role");
        List<String> beyondReading = Boolean.TRUE.equals(role.get("superuser")) ? List.of("SUPERUSER")
                : jdbc.sql(BEYOND_READING).param("writingRoles", String.join(",", WRITING_ROLES))
                        .param("allowedFunctions", String.join(",", allowedFunctions)).query(String.class).list();
        if (!beyondReading.isEmpty()) {
            throw new SupportSiteMisconfigured("the support site must connect with a role that can only read and record "
                    + "requests through the database's functions, but '" + name + "' can change data ("
                    + named(beyondReading) + "); run jobs/create-support-role for a new role and set "
                    + "REFUNDS_SUPPORT_DATASOURCE_USERNAME to it, or run it again for this one (it takes back every "
                    + "grant but reading what the site shows and calling those functions) (README, Support site)");
        }
        Map<String, Object> shown = jdbc.sql(WHAT_IT_SHOWS).param("read", String.join(",", READ))
                .param("recording", String.join(",", RECORDING_FUNCTIONS)).query().singleRow();
        if (shown.get("missing") != null) {
            throw new SupportSiteMisconfigured("the database " + settings.datasource().address() + " has no "
                    + shown.get("missing") + " table; run the nightly job once (it creates the schema), or set "
                    + "REFUNDS_SUPPORT_DATASOURCE_URL to the refunds database");
        }
        if (shown.get("unreadable") != null) {
            throw new SupportSiteMisconfigured("the role '" + name + "' cannot read " + shown.get("unreadable")
                    + "; grant it with jobs/create-support-role (README, Support site)");
        }
        if (shown.get("uncallable") != null) {
            throw new SupportSiteMisconfigured("the role '" + name + "' cannot call " + shown.get("uncallable")
                    + ", which record action requests and decisions; grant it with jobs/create-support-role "
                    + "(README, Support site)");
        }
        if (accounts.thatMaySignIn() == 0) {
            throw new SupportSiteMisconfigured("nobody could sign in: no account has a password; add one with "
                    + "'refund-settlement users add --name=NAME --role=SUPPORT' (or FINANCE), typing the password on "
                    + "its first line of input (README, Support site)");
        }
        log.info("The support site reads the database {} as '{}', a role that can only read and record requests "
                + "through the database's functions", settings.datasource().address(), name);
    }

    private static String named(List<String> findings) {
        String named = String.join("; ", findings.subList(0, Math.min(FINDINGS_NAMED, findings.size())));
        return findings.size() > FINDINGS_NAMED ? named + "; and " + (findings.size() - FINDINGS_NAMED) + " more" : named;
    }
}
