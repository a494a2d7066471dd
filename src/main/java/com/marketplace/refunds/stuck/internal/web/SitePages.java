package com.marketplace.refunds.stuck.internal.web;

import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletResponse;

/**
 * What every page of the site has: who is signed in (the header says it), and for a busy pool or the
 * database gone, the error page that says when to try again ({@link DatabaseTrouble}).
 */
@ControllerAdvice(assignableTypes = {StuckRefundsPage.class, RefundPage.class, RequestsPage.class, SupportErrors.class})
class SitePages {

    /** The person signed in: their name, their role, and whether they may decide on requests (FINANCE). */
    record SignedIn(String name, String role, boolean finance) {

        static SignedIn of(String name, boolean finance) {
            return new SignedIn(name, finance ? "FINANCE" : "SUPPORT", finance);
        }
    }

    private final DatabaseTrouble trouble;

    SitePages(DatabaseTrouble trouble) {
        this.trouble = trouble;
    }

    @ModelAttribute("signedIn")
    SignedIn signedIn() {
        return current();
    }

    /** Null on a page seen before signing in. */
    static SignedIn current() {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return SignedIn.of(signedIn.getName(), signedIn.getAuthorities().stream()
                .anyMatch(authority -> Accounts.FINANCE.equals(authority.getAuthority())));
    }

    @ExceptionHandler(DataAccessException.class)
    ModelAndView databaseTrouble(DataAccessException failure, HttpServletResponse response) {
        DatabaseTrouble.Answer answer = trouble.seen(failure);
        if (answer.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
        }
        ModelAndView page = new ModelAndView("error", Map.of("status", answer.status().value(), "busy", answer.busy()));
        page.setStatus(answer.status());
        SignedIn signedIn = current();
        if (signedIn != null) {
            page.addObject("signedIn", signedIn);
        }
        return page;
    }
}
