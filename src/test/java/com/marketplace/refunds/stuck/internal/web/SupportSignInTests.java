package com.marketplace.refunds.stuck.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import com.marketplace.refunds.support.TestDatabase;

/**
 * The sign-in check against people's accounts in a real database: exact names, the role's authorities,
 * one bcrypt per checked attempt, none when paused or remembered, and a disabled account or a changed
 * password taking effect at once.
 */
class SupportSignInTests {

    private static final String PASSWORD = "a-long-support-passphrase";
    private static final String DATABASE = TestDatabase.freshFor(SupportSignInTests.class);
    private static final DriverManagerDataSource DATA_SOURCE = new DriverManagerDataSource(DATABASE, TestDatabase.USER, "");
    private static final JdbcClient JDBC = JdbcClient.create(DATA_SOURCE);

    static {
        Flyway.configure().dataSource(DATABASE, TestDatabase.USER, "").locations("classpath:db/migration").load().migrate();
    }

    private final SignInThrottleTests.TurnedClock clock = new SignInThrottleTests.TurnedClock();
    private final AtomicInteger bcrypt = new AtomicInteger();
    private final SupportSignIn signIn = new SupportSignIn(new Accounts(JDBC), new DatabaseTrouble(DATA_SOURCE), counting(new BCryptPasswordEncoder(4)),
            new SignInThrottle(2, Duration.ofMinutes(5), clock), new RememberedCredentials(Duration.ofMinutes(1), clock));

    @BeforeEach
    void accounts() {
        JDBC.sql("DELETE FROM person").update();
        account("support", "SUPPORT", PASSWORD);
        account("fin", "FINANCE", PASSWORD);
        account("cli-only", "SUPPORT", null);
    }

    @Test
    void financeMayAlsoDecideAndAnAccountWithoutPasswordCannotSignIn() {
        assertThat(signIn.authenticate(attempt("fin", PASSWORD, "10.0.0.1")).getAuthorities())
                .extracting(Object::toString).containsExactlyInAnyOrder("ROLE_SUPPORT", "ROLE_FINANCE");
        assertThatThrownBy(() -> signIn.authenticate(attempt("cli-only", "", "10.0.0.1")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> signIn.authenticate(attempt("cli-only", PASSWORD, "10.0.0.1")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void aDisabledAccountOrAChangedPasswordTakesEffectAtOnceDespiteTheRememberedCredential() {
        signIn.authenticate(attempt("support", PASSWORD, "10.0.0.1"));
        JDBC.sql("UPDATE person SET disabled_at = now() WHERE name = 'support'").update();
        assertThatThrownBy(() -> signIn.authenticate(attempt("support", PASSWORD, "10.0.0.1")))
                .isInstanceOf(BadCredentialsException.class);

        account("fin", "FINANCE", PASSWORD);
        signIn.authenticate(attempt("fin", PASSWORD, "10.0.0.2"));
        account("fin", "FINANCE", "another-long-passphrase");
        assertThatThrownBy(() -> signIn.authenticate(attempt("fin", PASSWORD, "10.0.0.2")))
                .isInstanceOf(BadCredentialsException.class);
        assertThat(signIn.authenticate(attempt("fin", "another-long-passphrase", "10.0.0.2")).getName()).isEqualTo("fin");
    }

    private static void account(String name, String role, String password) {
        JDBC.sql("""
                INSERT INTO person (name, role, password_hash) VALUES (:name, :role, :hash)
                ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
                                                 disabled_at = NULL
                """).param("name", name).param("role", role)
                .param("hash", password == null ? null : new BCryptPasswordEncoder(4).encode(password)).update();
    }

    @Test
    void signsInTheExactNameOnlyAndPaysBcryptForAWrongNameAsForAWrongPassword() {
        assertThat(signIn.authenticate(attempt("support", PASSWORD, "10.0.0.1")).getAuthorities())
                .extracting(Object::toString).containsExactly("ROLE_SUPPORT");
        for (String name : new String[] {"SUPPORT", "support ", " support", "supp"}) {
            int before = bcrypt.get();
            assertThatThrownBy(() -> signIn.authenticate(attempt(name, PASSWORD, "10.0.0." + name.length())))
                    .isInstanceOf(BadCredentialsException.class);
            assertThat(bcrypt.get() - before).as(name).isEqualTo(1);
        }
    }

    @Test
    void refusesEvenTheRightPasswordWithoutBcryptWhilePausedUnlessItWasJustVerified() {
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> signIn.authenticate(attempt("support", "wrong-password-1", "10.0.0.9")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        int paused = bcrypt.get();

        assertThatThrownBy(() -> signIn.authenticate(attempt("support", PASSWORD, "10.0.0.9")))
                .isInstanceOf(SignInThrottle.Paused.class);
        assertThat(bcrypt.get()).isEqualTo(paused);
        signIn.authenticate(attempt("support", PASSWORD, "10.0.0.8"));
        assertThat(signIn.authenticate(attempt("support", PASSWORD, "10.0.0.9")).isAuthenticated()).isTrue();
        assertThat(bcrypt.get()).isEqualTo(paused + 1);
    }

    @Test
    void remembersAVerifiedCredentialForAMomentOnly() {
        signIn.authenticate(attempt("support", PASSWORD, "10.0.0.1"));
        signIn.authenticate(attempt("support", PASSWORD, "10.0.0.1"));
        assertThat(bcrypt.get()).isEqualTo(1);

        clock.turn(Duration.ofMinutes(1));
        signIn.authenticate(attempt("support", PASSWORD, "10.0.0.1"));
        assertThat(bcrypt.get()).isEqualTo(2);
    }

    @Test
    void makesANameSafeForOneLogLine() {
        assertThat(SupportSignIn.safe("a\r\nb\t\"c\"\\\u001b\u00e9\ud83d\ude00")).isEqualTo(
                "\"a\\r\\nb\\t\\\"c\\\"\\\\\\u001b\\u00e9\\ud83d\\ude00\"");
        assertThat(SupportSignIn.safe("y".repeat(65))).isEqualTo("\"" + "y".repeat(64) + "\"...");
    }

    private static Authentication attempt(String name, String password, String address) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(name, password);
        attempt.setDetails(new WebAuthenticationDetails(address, null));
        return attempt;
    }

    private PasswordEncoder counting(PasswordEncoder encoder) {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return encoder.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                bcrypt.incrementAndGet();
                return encoder.matches(raw, encoded);
            }
        };
    }
}
