package com.marketplace.refunds.stuck.internal.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.marketplace.refunds.stuck.SupportSiteMisconfigured;

/**
 * {@code refunds.support.*}: who may sign in, how many rows a page shows, and the read-only database
 * role the site connects as. The password has no default: it is configured or the site does not start.
 */
@ConfigurationProperties("refunds.support")
record SupportSettings(@DefaultValue("support") String username, String password, @DefaultValue("50") int pageSize,
                       @DefaultValue Database datasource) {

    static final int SHORTEST_PASSWORD = 12;

    record Database(@DefaultValue("jdbc:postgresql://127.0.0.1:5432/refunds") String url,
                    @DefaultValue("refunds_support") String username, @DefaultValue("") String password) {

        @Override
        public String toString() {
            return url + " as " + username;
        }
    }

    SupportSettings {
        if (username == null || username.isBlank()) {
            throw new SupportSiteMisconfigured("refunds.support.username is empty; set REFUNDS_SUPPORT_USERNAME to the "
                    + "name support staff sign in with");
        }
        if (password == null || password.isBlank()) {
            throw new SupportSiteMisconfigured("no support password is configured; set REFUNDS_SUPPORT_PASSWORD "
                    + "(at least " + SHORTEST_PASSWORD + " characters) to the password support staff sign in with");
        }
        if (password.length() < SHORTEST_PASSWORD) {
            throw new SupportSiteMisconfigured("REFUNDS_SUPPORT_PASSWORD is shorter than " + SHORTEST_PASSWORD
                    + " characters; choose a longer one");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new SupportSiteMisconfigured("refunds.support.page-size must be from 1 to 1000, not " + pageSize);
        }
    }

    @Override
    public String toString() {
        return "SupportSettings[username=" + username + ", pageSize=" + pageSize + ", database=" + datasource.url()
                + " as " + datasource.username() + "]";
    }
}
