package com.marketplace.refunds.stuck.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.marketplace.refunds.stuck.internal.web.StuckQuery.BadQuery;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The CSV download: exactly the rows of the page shown ({@code page=K}), or all pages ({@code page=all}),
 * as stuck-refunds.csv; for people signed in, and for tools under the API's credential. The rows are
 * read first, a short query at a time, into an owner-only temporary file ({@link StuckListing#download});
 * only then is the answer begun, so a slow client holds no database connection, and a read that fails
 * is answered with a status and a line saying why, never a download broken off.
 */
@Controller
class StuckRefundsDownload {

    private static final Logger log = LoggerFactory.getLogger(StuckRefundsDownload.class);

    private final StuckListing listing;
    private final DatabaseTrouble trouble;

    StuckRefundsDownload(StuckListing listing, DatabaseTrouble trouble) {
        this.listing = listing;
        this.trouble = trouble;
    }

    @GetMapping({StuckRefundsPage.LIST + ".csv", "/api/stuck-refunds.csv"})
    void csv(@RequestParam MultiValueMap<String, String> parameters, HttpServletResponse response) throws IOException {
        StuckListing.Download download;
        try {
            download = listing.download(StuckQuery.parse(parameters, true));
        }
        catch (BadQuery e) {
            text(response, HttpStatus.BAD_REQUEST, String.join("; ", e.problems()));
            return;
        }
        catch (IOException e) {
            log.error("A download of the stuck list could not be written to a temporary file: {}", e.getMessage());
            text(response, HttpStatus.INTERNAL_SERVER_ERROR, "the server could not prepare the file; tell the finance "
                    + "engineering team the time it happened");
            return;
        }
        try (download) {
            String name = "stuck-refunds-" + download.asOf()
                    + (download.page() == null ? "" : "-page-" + download.page()) + ".csv";
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
            response.setContentLengthLong(download.file().size());
            download.file().rewound().transferTo(response.getOutputStream());
        }
        catch (IOException gone) {
            log.info("A download of the stuck list was broken off by its client");
        }
    }

    /** A busy pool or the database gone: 503 and when to try again; any other failure 500 (DatabaseTrouble). */
    @ExceptionHandler(DataAccessException.class)
    void databaseTrouble(DataAccessException failure, HttpServletResponse response) throws IOException {
        DatabaseTrouble.Answer answer = trouble.seen(failure);
        if (answer.retryAfterSeconds() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(answer.retryAfterSeconds()));
        }
        text(response, answer.status(), answer.message());
    }

    private static void text(HttpServletResponse response, HttpStatus status, String why) throws IOException {
        response.setStatus(status.value());
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(("Cannot download the stuck list: " + why + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
