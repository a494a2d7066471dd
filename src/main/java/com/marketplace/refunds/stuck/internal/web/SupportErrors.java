package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the site answers when a request ends in an error: the error page, or for the API a JSON problem,
 * with the status and nothing else (no path, no exception, no trace). {@code /error} asked for directly
 * is a page that does not exist: 404.
 */
@Controller
class SupportErrors implements ErrorController {

    /** A request attribute: what the site itself found wrong with the request, said to the client as is. */
    static final String PROBLEM = SupportErrors.class.getName() + ".problem";

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        response.setStatus(status.value());
        if (path instanceof String asked && asked.startsWith(request.getContextPath() + "/api/")) {
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            Object problem = request.getAttribute(PROBLEM);
            response.getOutputStream().write(ApiProblem.json(status.name().toLowerCase(),
                    problem instanceof String known ? known : message(status)).getBytes(StandardCharsets.UTF_8));
            return null;
        }
        ModelAndView page = new ModelAndView("error", Map.of("status", status.value(),
                "problem", request.getAttribute(PROBLEM) instanceof String known ? known : ""));
        page.setStatus(status);
        return page;
    }

    /** The status the failed request ended with; none (the error page asked for by its address) is a 404. */
    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer number ? HttpStatus.resolve(number) : null;
        return status == null || !status.isError() ? HttpStatus.NOT_FOUND : status;
    }

    private static String message(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "there is nothing here; the API is GET /api/stuck-refunds, /api/stuck-refunds.csv and "
                    + "/api/refunds/<refund_id>";
            case METHOD_NOT_ALLOWED -> "the API only answers GET";
            case BAD_REQUEST -> "the request is not valid";
            default -> status.is4xxClientError() ? "the request cannot be answered"
                    : "something went wrong; try again in a minute, and if it keeps happening tell the finance "
                            + "engineering team the time it happened";
        };
    }
}
