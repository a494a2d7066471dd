package com.marketplace.refunds.stuck.internal.web;

import java.time.Duration;
import java.util.Properties;

import org.postgresql.Driver;
import org.postgresql.PGProperty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.marketplace.refunds.stuck.SupportSiteMisconfigured;

/**
 * {@code refunds.support.*}: how many rows a page shows, how sign-ins are throttled, and the database
 * role the site connects as. Who may sign in is no setting: people have accounts of their own in the
 * database ({@code users add}).
 */
@ConfigurationProperties("refunds.support")
record SupportSettings(@DefaultValue("50") int pageSize, @DefaultValue Database datasource,
                       @DefaultValue SignIn signIn) {

    /**
     * {@code refunds.support.sign-in.*}: after {@code max-failures} failed sign-ins of one account (or of
     * names that are no account) from one address, that pair is paused for {@code pause}; a verified API
     * credential is remembered for {@code remember-for}, so a client's next requests do not pay bcrypt.
     */
    record SignIn(@DefaultValue("5") int maxFailures, @DefaultValue("5m") Duration pause,
                  @DefaultValue("5m") Duration rememberFor) {

        SignIn {
            if (maxFailures < 1 || maxFailures > 1000) {
                throw new SupportSiteMisconfigured("refunds.support.sign-in.max-failures must be from 1 to 1000, not "
                        + maxFailures);
            }
            if (pause.compareTo(Duration.ofSeconds(1)) < 0 || pause.compareTo(Duration.ofDays(1)) > 0) {
                throw new SupportSiteMisconfigured("refunds.support.sign-in.pause must be from 1s to 1d, like 5m");
            }
            if (rememberFor.isNegative() || rememberFor.compareTo(Duration.ofHours(1)) > 0) {
                throw new SupportSiteMisconfigured("refunds.support.sign-in.remember-for must be from 0s to 1h, like 5m");
            }
        }
    }

    /**
     * {@code refunds.support.datasource.*}: the read-only role's connection, and its pool: at most
     * {@code pool-size} connections; a request waits up to {@code connection-timeout} for one, then is
     * answered 503 "busy" with Retry-After.
     */
    record Database(@DefaultValue("jdbc:postgresql://127.0.0.1:5432/refunds") String url,
                    @DefaultValue("refunds_support") String username, @DefaultValue("") String password,
                    @DefaultValue("4") int poolSize, @DefaultValue("5s") Duration connectionTimeout) {

        Database {
            if (poolSize < 1 || poolSize > 100) {
                throw new SupportSiteMisconfigured("refunds.support.datasource.pool-size must be from 1 to 100, not "
                        + poolSize);
            }
            if (connectionTimeout.toMillis() < 250 || connectionTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new SupportSiteMisconfigured("refunds.support.datasource.connection-timeout must be from 250ms "
                        + "to 1m, like 5s");
            }
        }

        /**
         * Where the site reads, as host:port/database: what a log line or a message may say of the URL,
         * which can carry a password ({@code ?password=...}) like any of its other parameters.
         */
        String address() {
            Properties parsed = url == null ? null : Driver.parseURL(url, new Properties());
            if (parsed == null) {
                return "(a URL that is not jdbc:postgresql://host:port/database)";
            }
            String[] hosts = parsed.getProperty(PGProperty.PG_HOST.getName(), "").split(",");
            String[] ports = parsed.getProperty(PGProperty.PG_PORT.getName(), "").split(",");
            StringBuilder address = new StringBuilder();
            for (int i = 0; i < hosts.length; i++) {
                address.append(i == 0 ? "" : ",").append(hosts[i])
                        .append(':').append(i < ports.length ? ports[i] : "");
            }
            return address.append('/').append(parsed.getProperty(PGProperty.PG_DBNAME.getName(), "")).toString();
        }

        @Override
        public String toString() {
            return address() + " as " + username;
        }
    }

    SupportSettings {
        if (pageSize < 1 || pageSize > 1000) {
            throw new SupportSiteMisconfigured("refunds.support.page-size must be from 1 to 1000, not " + pageSize);
        }
    }

    @Override
    public String toString() {
        return "SupportSettings[pageSize=" + pageSize + ", database=" + datasource + "]";
    }
}
