package com.marketplace.refunds.stuck.internal.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.stuck.SupportSiteMisconfigured;

/**
 * Refuses to start the site on a role that could change data (a superuser, the batch's role, any role
 * that may insert, update, delete or truncate a table), or on one that cannot read what the site shows.
 */
@Component
class ReadOnlyRole implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyRole.class);

    static final String[] READ = {"refund", "refund_status_history", "orders", "stuck_refund", "nightly_run"};

    private static final String PRIVILEGES = """
            SELECT current_user AS role,
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
                   (SELECT string_agg(c.relname, ', ' ORDER BY c.relname)
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                       AND c.relkind IN ('r', 'p')
                       AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')) AS writable,
                   (SELECT string_agg(t, ', ' ORDER BY t) FROM unnest(string_to_array(:read, ',')) t
                     WHERE to_regclass(t) IS NULL) AS missing,
                   (SELECT string_agg(t, ', ' ORDER BY t) FROM unnest(string_to_array(:read, ',')) t
                     WHERE to_regclass(t) IS NOT NULL AND NOT has_table_privilege(to_regclass(t), 'SELECT')) AS unreadable
            """;

    private final JdbcClient jdbc;
    private final SupportSettings settings;

    ReadOnlyRole(JdbcClient jdbc, SupportSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        Map<String, Object> found = jdbc.sql(PRIVILEGES).param("read", String.join(",", READ)).query().singleRow();
        String role = (String) found.get("role");
        if (Boolean.TRUE.equals(found.get("superuser")) || found.get("writable") != null) {
            throw new SupportSiteMisconfigured("the support site must connect with a role that can only read, but '"
                    + role + "' can change data" + (found.get("writable") == null ? " (a superuser)"
                    : " (in " + found.get("writable") + ")") + "; create the read-only role with jobs/create-support-role "
                    + "and set REFUNDS_SUPPORT_DATASOURCE_USERNAME (README, Support site)");
        }
        if (found.get("missing") != null) {
            throw new SupportSiteMisconfigured("the database " + settings.datasource().address() + " has no "
                    + found.get("missing") + " table; run the nightly job once (it creates the schema), or set "
                    + "REFUNDS_SUPPORT_DATASOURCE_URL to the refunds database");
        }
        if (found.get("unreadable") != null) {
            throw new SupportSiteMisconfigured("the role '" + role + "' cannot read " + found.get("unreadable")
                    + "; grant it with jobs/create-support-role (README, Support site)");
        }
        log.info("The support site reads the database {} as '{}', a role that can only read",
                settings.datasource().address(), role);
    }
}
