package com.marketplace.refunds.stuck.internal.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks a sign-in, on the form and over HTTP Basic alike: the name exactly (case and all), the
 * password against its bcrypt hash. A credential verified a moment ago passes without bcrypt
 * ({@link RememberedCredentials}); a pair of account and address with too many failures is refused
 * before any check ({@link SignInThrottle}). Every failed sign-in is a WARN line with the name made safe
 * and the address, never the password.
 */
final class SupportSignIn implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(SupportSignIn.class);
    private static final int LONGEST_NAME_LOGGED = 64;

    private final String account;
    private final String passwordHash;
    private final PasswordEncoder encoder;
    private final SignInThrottle throttle;
    private final RememberedCredentials remembered;

    SupportSignIn(String account, String password, PasswordEncoder encoder, SignInThrottle throttle,
                  RememberedCredentials remembered) {
        this.account = account;
        this.passwordHash = encoder.encode(password);
        this.encoder = encoder;
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
        boolean isAccount = MessageDigest.isEqual(name.getBytes(StandardCharsets.UTF_8),
                account.getBytes(StandardCharsets.UTF_8));
        if (isAccount && remembered.verified(name, password)) {
            return signedIn(name);
        }
        SignInThrottle.Attempt checked;
        try {
            checked = throttle.begin(isAccount ? account : null, address);
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
            matches = encoder.matches(password, passwordHash) && isAccount;
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
        remembered.remember(name, password);
        return signedIn(name);
    }

    private static Authentication signedIn(String name) {
        return UsernamePasswordAuthenticationToken.authenticated(name, null,
                List.of(new SimpleGrantedAuthority("ROLE_SUPPORT")));
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
