package com.marketplace.refunds.stuck.internal.web;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks a sign-in, on the form and over HTTP Basic alike, against the person's own account
 * ({@link Accounts}): the name exactly (case and all), the password against its bcrypt hash. A
 * credential verified a moment ago passes without bcrypt ({@link RememberedCredentials}, keyed by the
 * stored hash too, so a new password or a disabled account takes effect at once); a pair of account
 * and address with too many failures is refused before any check ({@link SignInThrottle}). Every failed
 * sign-in is a WARN line with the name made safe and the address, never the password.
 */
final class SupportSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SupportSignIn.class);
    private static final int LONGEST_NAME_LOGGED = 64;

    /** A sign-in that could not be checked: the database was busy or gone; what to answer is {@link #answer}. */
    static final class Unchecked extends AuthenticationServiceException {

        private final transient DatabaseTrouble.Answer answer;

        Unchecked(DatabaseTrouble.Answer answer, Throwable cause) {
            super(answer.message(), cause);
            this.answer = answer;
        }

        DatabaseTrouble.Answer answer() {
            return answer;
        }
    }

    private final Accounts accounts;
    private final DatabaseTrouble trouble;
    private final PasswordEncoder bcrypt;
    /** What a name that is no account is checked against, so timing never tells which names exist. */
    private final String noAccountHash;
    private final SignInThrottle throttle;
    private final RememberedCredentials remembered;

    SupportSignIn(Accounts accounts, DatabaseTrouble trouble, PasswordEncoder bcrypt, SignInThrottle throttle,
                  RememberedCredentials remembered) {
        this.accounts = accounts;
        this.trouble = trouble;
        this.bcrypt = bcrypt;
        this.noAccountHash = bcrypt.encode(UUID.randomUUID().toString());
        this.throttle = throttle;
        this.remembered = remembered;
    }

    /**
     * What the sign-in form carried, before Spring Security trims the name: so " support" is refused on
     * the form exactly as over HTTP Basic, where nothing trims it.
     */
    static final class TypedName extends WebAuthenticationDetails {

        private final String name;

        TypedName(HttpServletRequest request) {
            super(request);
            this.name = request.getParameter("username");
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getDetails() instanceof TypedName typed && typed.name != null ? typed.name
                : attempt.getName();
        String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
        String address = attempt.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "?";
        Accounts.Account account;
        try {
            account = accounts.find(name).orElse(null);
        }
        catch (DataAccessException e) {
            throw new Unchecked(trouble.seen(e), e); // logged, and a dead pool dropped, as for any page
        }
        boolean isAccount = account != null;
        if (isAccount && remembered.verified(name + "\n" + account.passwordHash(), password)) {
            return signedIn(account);
        }
        SignInThrottle.Attempt checked;
        try {
            checked = throttle.begin(isAccount ? name : null, address);
        }
        catch (SignInThrottle.Paused paused) {
            if (paused.first()) {
                log.warn("Sign-in as {} from {} refused without a check: too many failed sign-ins, paused for {} s more; "
                        + "further refusals in this pause are not logged", safe(name), address,
                        paused.retryAfterSeconds());
            }
            throw paused;
        }
        boolean matches;
        try {
            // a name that is no account pays the same bcrypt, so timing never tells which names exist
            matches = bcrypt.matches(password, isAccount ? account.passwordHash() : noAccountHash) && isAccount;
        }
        catch (RuntimeException e) {
            checked.failed();
            throw e;
        }
        if (!matches) {
            boolean paused = checked.failed();
            log.warn("Failed sign-in as {} from {}{}", safe(name), address, !paused ? ""
                    : (isAccount ? "; sign-ins as that account" : "; sign-ins with names that are no account")
                            + " from there are paused for " + throttle.pause().toSeconds() + " s");
            throw new BadCredentialsException("Wrong name or password");
        }
        checked.succeeded();
        remembered.remember(name + "\n" + account.passwordHash(), password);
        return signedIn(account);
    }

    private static Authentication signedIn(Accounts.Account account) {
        return UsernamePasswordAuthenticationToken.authenticated(account.name(), null, account.authorities());
    }

    /** The name as typed, quoted, cut short, every control or non-ASCII character escaped: one log line, never forged ones. */
    static String safe(String name) {
        StringBuilder safe = new StringBuilder("\"");
        name.codePoints().limit(LONGEST_NAME_LOGGED).forEach(c -> {
            switch (c) {
                case '\r' -> safe.append("\\r");
                case '\n' -> safe.append("\\n");
                case '\t' -> safe.append("\\t");
                case '"' -> safe.append("\\\"");
                case '\\' -> safe.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        safe.append((char) c);
                    }
                    else {
                        for (char unit : Character.toChars(c)) {
                            safe.append(String.format("\\u%04x", (int) unit));
                        }
                    }
                }
            }
        });
        return safe.append(name.codePointCount(0, name.length()) > LONGEST_NAME_LOGGED ? "\"..." : "\"").toString();
    }
}
