package com.marketplace.refunds.action;

import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The people who act on refunds, each with an account of their own and a role: SUPPORT may request
 * actions; FINANCE may request, approve and reject. A password (stored as a bcrypt hash) is for the
 * support site; an account without one acts on the command line only. Accounts are disabled, never
 * deleted: their requests and decisions keep their names.
 */
@Component
public class People {

    public static final Set<String> ROLES = Set.of("SUPPORT", "FINANCE");
    private static final String NAME = "[A-Za-z0-9_][A-Za-z0-9_.@-]{0,63}";
    static final int MIN_PASSWORD = 12;

    private final JdbcClient jdbc;
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    public People(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds an account, or gives an existing one its new role and password and enables it again. */
    public boolean add(String name, String role, String password) {
        checkName(name);
        if (!ROLES.contains(role)) {
            throw new ActionRefused("the role is SUPPORT or FINANCE, not " + role);
        }
        if (password != null && password.length() < MIN_PASSWORD) {
            throw new ActionRefused("the password is too short: at least " + MIN_PASSWORD + " characters");
        }
        String hash = password == null ? null : bcrypt.encode(password);
        return jdbc.sql("""
                INSERT INTO person (name, role, password_hash) VALUES (:name, :role, :hash)
                ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
                                                 disabled_at = NULL
                RETURNING (xmax = 0)
                """).param("name", name).param("role", role).param("hash", hash).query(Boolean.class).single();
    }

    /** Disables the account; false when it was disabled already. */
    public boolean disable(String name) {
        checkName(name);
        int changed = jdbc.sql("UPDATE person SET disabled_at = now() WHERE name = :name AND disabled_at IS NULL")
                .param("name", name).update();
        if (changed == 0 && jdbc.sql("SELECT count(*) FROM person WHERE name = :name").param("name", name)
                .query(Long.class).single() == 0) {
            throw new ActionRefused("nobody named " + name + " has an account");
        }
        return changed > 0;
    }

    private static void checkName(String name) {
        if (name == null || !name.matches(NAME)) {
            throw new ActionRefused("a name is letters, digits and _ . @ - (at most 64), starting with a letter, digit "
                    + "or _: " + name);
        }
    }
}
