package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Who may see the site: people with an account of their own ({@code users add}, {@link Accounts}),
 * the name matched exactly. People sign in on a form and keep a session; the API takes the same
 * credential on every request (HTTP Basic) and answers 401 in JSON without it. Both go through
 * {@link SupportSignIn}: failed sign-ins are logged and, past a few, paused per account and address
 * (429 with Retry-After from the API, a message on the form). Everybody signed in may read and request
 * actions; only FINANCE may post a decision. Every change is a POST with its CSRF token. Pages forbid
 * inline scripts and framing.
 */
@Configuration(proxyBeanMethods = false)
class SupportSecurity {

    /** Where a decision on a request is posted: FINANCE only. */
    static final String DECISIONS = "/support/requests/{requestId}/decision";

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The hashes of {@code users add} (People), checked as they are stored. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The only way in; declaring it also keeps Spring Boot from making a default user with a generated password. */
    @Bean
    AuthenticationManager supportSignIns(SupportSettings settings, Accounts accounts, DatabaseTrouble trouble,
                                         PasswordEncoder encoder) {
        SupportSettings.SignIn signIn = settings.signIn();
        return new ProviderManager(new SupportSignIn(accounts, trouble, encoder,
                new SignInThrottle(signIn.maxFailures(), signIn.pause(), Clock.systemUTC()),
                new RememberedCredentials(signIn.rememberFor(), Clock.systemUTC())));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AuthenticationManager signIns) throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(signIns)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("SUPPORT"))
                .httpBasic(basic -> basic.realmName("refund-settlement support")
                        .authenticationEntryPoint(SupportSecurity::apiSignInNeeded))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // no cookies, so nothing to forge; and the API only reads
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    private static void apiSignInNeeded(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException problem) throws IOException {
        String body;
        if (problem instanceof SignInThrottle.Paused paused) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(paused.retryAfterSeconds()));
            body = ApiProblem.json("too_many_attempts", "too many failed sign-ins as this name from this address; "
                    + "try again in " + paused.retryAfterSeconds() + " seconds");
        }
        else if (problem instanceof SupportSignIn.Unchecked unchecked) {
            DatabaseTrouble.Answer answer = unchecked.answer();
            response.setStatus(answer.status().value());
            if (answer.retryAfterSeconds() != null) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
            }
            body = ApiProblem.json(answer.error(), answer.message());
        }
        else {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"refund-settlement support\"");
            body = ApiProblem.json("unauthorized", "sign in with your account's name and password (HTTP Basic)");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Only a page of the site is worth coming back to after signing in (not the browser's favicon.ico). */
    private static HttpSessionRequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/support/**"));
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, AuthenticationManager signIns) throws Exception {
        return http
                .authenticationManager(signIns)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, DECISIONS).hasRole("FINANCE")
                        .anyRequest().hasRole("SUPPORT"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/support/stuck-refunds", false)
                        .authenticationDetailsSource(SupportSignIn.TypedName::new)
                        .failureHandler((request, response, problem) -> response.sendRedirect(request.getContextPath()
                                + (problem instanceof SignInThrottle.Paused ? "/login?paused"
                                        : problem instanceof SupportSignIn.Unchecked unchecked
                                                ? (unchecked.answer().busy() ? "/login?busy" : "/login?unavailable")
                                        : "/login?error"))))
                // back to the page asked for exactly as it was asked: no "?continue" the list would refuse
                .requestCache(cache -> cache.requestCache(savedRequests()))
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }
}
