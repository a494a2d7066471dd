package com.marketplace.refunds.stuck.internal.web;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * The people who may sign in to the site: the accounts of {@code users add} that have a password and
 * are not disabled. Everybody signed in may read the site (ROLE_SUPPORT); FINANCE may also approve and
 * reject requests (ROLE_FINANCE), which the database checks again when it records the decision.
 */
@Component
class Accounts {

    static final String SUPPORT = "ROLE_SUPPORT";
    static final String FINANCE = "ROLE_FINANCE";

    /** An account that may sign in: its name exactly as stored, its role, its bcrypt hash. */
    record Account(String name, String role, String passwordHash) {

        List<GrantedAuthority> authorities() {
            return "FINANCE".equals(role)
                    ? List.of(new SimpleGrantedAuthority(SUPPORT), new SimpleGrantedAuthority(FINANCE))
                    : List.of(new SimpleGrantedAuthority(SUPPORT));
        }
    }

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The account of exactly this name (case and all), if it may sign in. */
    Optional<Account> find(String name) {
        return jdbc.sql("""
                SELECT name, role, password_hash FROM person
                 WHERE name = :name AND disabled_at IS NULL AND password_hash IS NOT NULL
                """).param("name", name).query(Account.class).optional();
    }

    /** How many accounts may sign in: none means nobody could use the site. */
    long thatMaySignIn() {
        return jdbc.sql("SELECT count(*) FROM person WHERE disabled_at IS NULL AND password_hash IS NOT NULL")
                .query(Long.class).single();
    }
}
