package com.marketplace.refunds.stuck.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** The sign-in check alone: exact names, one bcrypt per checked attempt, none when paused or remembered. */
class SupportSignInTests {

    private static final String PASSWORD = "a-long-support-passphrase";

    private final SignInThrottleTests.TurnedClock clock = new SignInThrottleTests.TurnedClock();
    private final AtomicInteger bcrypt = new AtomicInteger();
    private final SupportSignIn signIn = new SupportSignIn("support", PASSWORD, counting(new BCryptPasswordEncoder(4)),
            new SignInThrottle(2, Duration.ofMinutes(5), clock), new RememberedCredentials(Duration.ofMinutes(1), clock));

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
