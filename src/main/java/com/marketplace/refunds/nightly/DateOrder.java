package com.marketplace.refunds.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Business dates run in order (CONTRACT section 6). A completed date never runs again; a date is
 * refused while a later one has completed, while an earlier one failed and its drop is still in the
 * inbox, and while an earlier date after the last completed one has a complete drop waiting. A date
 * whose drop never came, or whose failed drop was taken away, does not stand in the way.
 */
final class DateOrder {

    private static final Logger log = LoggerFactory.getLogger(DateOrder.class);

    private static final String STATUS_OF = "SELECT status FROM nightly_run WHERE business_date = :d";
    private static final String LATER_COMPLETED = """
            SELECT business_date FROM nightly_run WHERE status = 'COMPLETED' AND business_date > :d
             ORDER BY business_date DESC LIMIT 1
            """;
    private static final String EARLIER_UNFINISHED = """
            SELECT business_date FROM nightly_run WHERE status <> 'COMPLETED' AND business_date < :d
             ORDER BY business_date
            """;
    private static final String LAST_COMPLETED = """
            SELECT max(business_date) FROM nightly_run WHERE status = 'COMPLETED'
            """;

    private final JdbcClient jdbc;

    DateOrder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to say instead of running the date (it completed already, or it is out of order); empty when it may run. */
    Optional<RunOutcome> instead(LocalDate businessDate, Path inbox) {
        Optional<String> status = jdbc.sql(STATUS_OF).param("d", businessDate).query(String.class).optional();
        if (status.filter("COMPLETED"::equals).isPresent()) {
            return Optional.of(new RunOutcome(ExitCode.COMPLETED, "The nightly run for " + businessDate
                    + " has already completed; nothing was done."));
        }
        Optional<LocalDate> later = jdbc.sql(LATER_COMPLETED).param("d", businessDate).query(LocalDate.class).optional();
        if (later.isPresent()) {
            return refused(businessDate + " is out of order: " + later.get() + " has already completed, and dates run "
                    + "in order. Run the next date after " + later.get() + " instead.");
        }
        Optional<LocalDate> failed = failedWithItsDropStillThere(businessDate, inbox);
        if (failed.isPresent()) {
            return refused("the run for " + failed.get() + " failed and has not completed; run `"
                    + Launcher.nightly(failed.get()) + "` first (with the same folders).");
        }
        Optional<LocalDate> waiting = completeDropWaiting(businessDate, inbox);
        return waiting.flatMap(date -> refused(businessDate + " cannot run yet: " + date
                + " has a complete drop waiting in " + inbox.toAbsolutePath() + " that has not run; run it first, "
                + "or run `nightly` to catch up."));
    }

    /** The earliest earlier date whose run failed while its drop folder is still in the inbox. */
    private Optional<LocalDate> failedWithItsDropStillThere(LocalDate businessDate, Path inbox) {
        List<LocalDate> unfinished = jdbc.sql(EARLIER_UNFINISHED).param("d", businessDate).query(LocalDate.class).list();
        for (LocalDate date : unfinished) {
            if (Files.isDirectory(inbox.resolve(date.toString()))) {
                return Optional.of(date);
            }
            log.warn("The run for {} failed and its drop folder is no longer in {}: it no longer stands in the way",
                    date, inbox.toAbsolutePath());
        }
        return Optional.empty();
    }

    /** The earliest date before this one, after the last completed one, whose drop is complete (control.csv). */
    private Optional<LocalDate> completeDropWaiting(LocalDate businessDate, Path inbox) {
        LocalDate lastCompleted = jdbc.sql(LAST_COMPLETED).query(LocalDate.class).optional().orElse(null);
        if (!Files.isDirectory(inbox)) {
            return Optional.empty();
        }
        try (Stream<Path> folders = Files.list(inbox)) {
            return folders.map(folder -> dateOf(folder.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .filter(date -> date.isBefore(businessDate) && (lastCompleted == null || date.isAfter(lastCompleted)))
                    .filter(date -> Files.isRegularFile(inbox.resolve(date.toString()).resolve("control.csv")))
                    .min(LocalDate::compareTo);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot list the inbox " + inbox.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + "); check its permissions", e);
        }
    }

    private static Optional<LocalDate> dateOf(String folderName) {
        if (!folderName.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(folderName));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<RunOutcome> refused(String message) {
        return Optional.of(new RunOutcome(ExitCode.USAGE, message));
    }
}
