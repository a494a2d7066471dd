package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A request whose parameters cannot be decoded (a query with {@code %FF}, which is no UTF-8) is answered
 * 400 here, before anything else reads them, with one log line: otherwise the container logs a
 * hundred-line stack trace for each, quoting the broken value. Runs right after the character
 * encoding filter, so a form body is read as UTF-8 too, and before security, which reads the sign-in form.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class UnreadableParameters extends OncePerRequestFilter {

    static final String PROBLEM = "the parameters cannot be read: write them as percent-encoded UTF-8 "
            + "(for example %C3%A9 for \u00e9)";

    private static final Logger log = LoggerFactory.getLogger(UnreadableParameters.class);
    private static final int LONGEST_PATH_LOGGED = 100;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            request.getParameterMap();
        }
        catch (IllegalStateException unreadable) {
            String path = request.getRequestURI();
            log.warn("Refused {} {} from {} with 400: its parameters are not percent-encoded UTF-8", request.getMethod(),
                    path.length() > LONGEST_PATH_LOGGED ? path.substring(0, LONGEST_PATH_LOGGED) + "..." : path,
                    request.getRemoteAddr());
            request.setAttribute(SupportErrors.PROBLEM, PROBLEM);
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return;
        }
        chain.doFilter(request, response);
    }
}
