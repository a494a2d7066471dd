package com.marketplace.refunds.stuck.internal.web;

import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.marketplace.refunds.shared.Identifiers;
import com.marketplace.refunds.stuck.internal.web.StuckQuery.BadQuery;

/**
 * The JSON API: the stuck list with the page's filters, and a refund's history. Every bad value is a
 * 400 listing the problems; a parameter it does not know is one too, so a typo never widens a list.
 */
@RestController
class StuckRefundsApi {

    private final StuckListing listing;
    private final RefundDetails details;
    private final DatabaseTrouble trouble;

    StuckRefundsApi(StuckListing listing, RefundDetails details, DatabaseTrouble trouble) {
        this.listing = listing;
        this.details = details;
        this.trouble = trouble;
    }

    /** A page of the list: which page of how many, the count and totals of all it selects, and its rows. */
    record Page(String asOf, int page, int pageSize, int pages, long count, List<StuckListing.Total> totals,
                List<StuckRow> refunds) {
    }

    @GetMapping("/api/stuck-refunds")
    Page stuckRefunds(@RequestParam MultiValueMap<String, String> parameters) {
        StuckListing.Result result = listing.list(StuckQuery.parse(parameters, false));
        return new Page(result.asOf().toString(), result.page(), result.pageSize(), result.pages(), result.count(),
                result.totals(), result.rows());
    }

    @GetMapping("/api/refunds/{refundId}")
    ResponseEntity<?> refund(@PathVariable String refundId) {
        if (!Identifiers.isValid(refundId)) {
            throw new BadQuery(List.of("a refund id is 1 to 64 letters, digits, '.', '_' or '-'"));
        }
        return details.find(refundId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).body(new ApiProblem("not_found", "there is no refund " + refundId,
                        List.of())));
    }

    /** A busy pool or the database gone: 503 and when to try again; any other failure: 500 (DatabaseTrouble). */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ApiProblem> databaseTrouble(DataAccessException failure) {
        DatabaseTrouble.Answer answer = trouble.seen(failure);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
        }
        return response.body(new ApiProblem(answer.error(), answer.message(), List.of()));
    }

    @ExceptionHandler(BadQuery.class)
    ResponseEntity<ApiProblem> badQuery(BadQuery problem) {
        return ResponseEntity.badRequest().body(new ApiProblem("bad_request",
                "the request is not valid: " + String.join("; ", problem.problems()), problem.problems()));
    }
}
