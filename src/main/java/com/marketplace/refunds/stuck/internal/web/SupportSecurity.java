package com.marketplace.refunds.stuck.internal.web;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * Who may see the site: the one support account of {@code refunds.support.username} / {@code .password}.
 * People sign in on a form and keep a session; the API takes the same credential on every request
 * (HTTP Basic) and answers 401 in JSON without it. Pages forbid inline scripts and framing.
 */
@Configuration(proxyBeanMethods = false)
class SupportSecurity {

    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService supportAccount(SupportSettings settings, PasswordEncoder encoder) {
        // sign-ins are checked against a hash; the settings never print the password (SupportSettings.toString)
        return new InMemoryUserDetailsManager(User.withUsername(settings.username())
                .password(encoder.encode(settings.password())).roles("SUPPORT").build());
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole("SUPPORT"))
                .httpBasic(basic -> basic.realmName("refund-settlement support")
                        .authenticationEntryPoint((request, response, problem) -> {
                            response.setStatus(401);
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"refund-settlement support\"");
                            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                            response.getOutputStream().write(ApiProblem.json("unauthorized",
                                    "sign in with the support credential (HTTP Basic)").getBytes(StandardCharsets.UTF_8));
                        }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // no cookies, so nothing to forge; and the API only reads
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }

    private static HttpSessionRequestCache savedRequests() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/css/**", "/error").permitAll()
                        .anyRequest().hasRole("SUPPORT"))
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/support/stuck-refunds", false))
                // back to the page asked for exactly as it was asked: no "?continue" the list would refuse
                .requestCache(cache -> cache.requestCache(savedRequests()))
                .logout(logout -> logout.logoutSuccessUrl("/login?signed-out"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
                .build();
    }
}
