package com.marketplace.refunds.stuck.internal.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import com.marketplace.refunds.stuck.internal.web.StuckQuery.BadQuery;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The stuck list support staff use, with its filters, paging and totals (its CSV download is
 * {@link StuckRefundsDownload}), and on each row the actions that fit the refund, each a link to its
 * request form on the refund's page ({@link RefundPage}). Templates escape every value; a bad value gets
 * its message and a 400, with the form as it was typed.
 */
@Controller
class StuckRefundsPage {

    static final String LIST = "/support/stuck-refunds";

    private final StuckListing listing;
    private final ActionDesk desk;

    StuckRefundsPage(StuckListing listing, ActionDesk desk) {
        this.listing = listing;
        this.desk = desk;
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
            model.addAttribute("choices", desk.choices(result.rows().stream().map(StuckRow::refundId).toList()));
        }
        catch (BadQuery e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problems", e.problems());
        }
        return "support/stuck-refunds";
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
