package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriComponentsBuilder;

import com.marketplace.refunds.shared.Identifiers;
import com.marketplace.refunds.shared.ReportCsv;
import com.marketplace.refunds.stuck.StuckCells;
import com.marketplace.refunds.stuck.StuckSteps;
import com.marketplace.refunds.stuck.internal.web.StuckQuery.BadQuery;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages support staff use: the stuck list with its filters, paging, totals and CSV download, and
 * a refund's detail with its history. Templates escape every value; a bad value gets its message and
 * a 400, with the form as it was typed.
 */
@Controller
class StuckRefundsPage {

    static final String LIST = "/support/stuck-refunds";

    private final StuckListing listing;
    private final RefundDetails details;
    private final DatabaseOutage outage;

    StuckRefundsPage(StuckListing listing, RefundDetails details, DatabaseOutage outage) {
        this.listing = listing;
        this.details = details;
        this.outage = outage;
    }

    @GetMapping("/")
    String home() {
        return "redirect:" + LIST;
    }

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping(LIST)
    String list(@RequestParam MultiValueMap<String, String> parameters, Model model, HttpServletResponse response) {
        Map<String, String> typed = new LinkedHashMap<>();
        StuckQuery.NAMES.forEach(name -> typed.put(name, parameters.getFirst(name)));
        model.addAttribute("typed", typed);
        model.addAttribute("reasons", StuckReasons.FOR_THE_BUYER);
        model.addAttribute("stuckAfterDays", listing.stuckAfterDays());
        try {
            StuckListing.Result result = listing.list(StuckQuery.parse(parameters, false));
            model.addAttribute("result", result);
            model.addAttribute("links", links(result));
        }
        catch (BadQuery e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", e.problems());
        }
        return "support/stuck-refunds";
    }

    /**
     * Exactly the rows of the page shown ({@code page=K}), or all pages ({@code page=all}), as
     * stuck-refunds.csv; for people signed in, and for tools under the API's credential.
     */
    @GetMapping({LIST + ".csv", "/api/stuck-refunds.csv"})
    void csv(@RequestParam MultiValueMap<String, String> parameters, HttpServletResponse response) throws IOException {
        StuckListing.Download download;
        try {
            download = listing.download(StuckQuery.parse(parameters, true));
        }
        catch (BadQuery e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().println("Cannot download the stuck list: " + String.join("; ", e.problems()));
            return;
        }
        String name = "stuck-refunds-" + download.asOf() + (download.page() == null ? "" : "-page-" + download.page())
                + ".csv";
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        ReportCsv.print(writer, StuckSteps.HEADER, csv -> download.rows().accept(stuck -> csv.row(StuckCells.of(stuck))));
        writer.flush();
    }

    @GetMapping("/support/refunds/{refundId}")
    String refund(@PathVariable String refundId, Model model, HttpServletResponse response) {
        model.addAttribute("reasons", StuckReasons.FOR_THE_BUYER);
        if (!Identifiers.isValid(refundId)) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", "A refund id is 1 to 64 letters, digits, '.', '_' or '-', like RF-0A1B2C3D4E5F");
            return "support/refund";
        }
        details.find(refundId).ifPresentOrElse(refund -> model.addAttribute("refund", refund), () -> {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("problem", "There is no refund " + refundId + "; check the id");
        });
        return "support/refund";
    }

    /** The database gone: the error page says to try again in a minute; the pool reconnects by itself. */
    @ExceptionHandler(DataAccessException.class)
    ModelAndView databaseUnavailable(DataAccessException failure) {
        outage.seen(failure);
        ModelAndView page = new ModelAndView("error", Map.of("status", HttpStatus.SERVICE_UNAVAILABLE.value()));
        page.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
        return page;
    }

    private static Map<String, String> links(StuckListing.Result result) {
        Map<String, String> links = new LinkedHashMap<>();
        if (result.page() > 1) {
            links.put("first", link(LIST, result, 1));
            links.put("previous", link(LIST, result, result.page() - 1));
        }
        if (result.page() < result.pages()) {
            links.put("next", link(LIST, result, result.page() + 1));
            links.put("last", link(LIST, result, result.pages()));
        }
        links.put("csvPage", link(LIST + ".csv", result, result.page()));
        links.put("csvAll", link(LIST + ".csv", result, "all"));
        return links;
    }

    /** The same query (as of the date shown, so a new run does not shift the pages) on another page. */
    private static String link(String path, StuckListing.Result result, Object page) {
        StuckQuery query = result.query();
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path).queryParam("asOf", result.asOf());
        if (query.paymentMethod() != null) {
            uri.queryParam("paymentMethod", query.paymentMethod());
        }
        if (query.store() != null) {
            uri.queryParam("store", query.store());
        }
        if (query.buyer() != null) {
            uri.queryParam("buyer", query.buyer());
        }
        if (query.order() != null) {
            uri.queryParam("order", query.order());
        }
        if (query.minAgeDays() != null) {
            uri.queryParam("minAgeDays", query.minAgeDays());
        }
        return uri.queryParam("page", page).encode().build().toUriString();
    }
}
