package com.marketplace.refunds.nightly;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.NightlyRunStatus;

/**
 * Business dates run in order (docs/running.md). A completed date never runs again, nor a
 * late date a later run carried; a date is refused while a later one has completed (its drop is
 * carried by the next run instead), while an earlier one after the last completed date failed and
 * its drop is still in the inbox, and while an earlier date after the last completed one has a
 * complete drop waiting. A date whose drop never came, or whose failed drop was taken away, does
 * not stand in the way.
 */
final class DateOrder {

    private static final Logger log = LoggerFactory.getLogger(DateOrder.class);

    private record Run(String status, LocalDate carriedBy) {
    }

    private static final String RUN_OF = "SELECT status, carried_by FROM nightly_run WHERE business_date = :d";
    private static final String LATER_COMPLETED = """
            SELECT business_date FROM nightly_run WHERE status = %s AND business_date > :d
             ORDER BY business_date DESC LIMIT 1
            """.formatted(NightlyRunStatus.COMPLETED.sql());
    /** Failed dates before this one and after the last completed one: those before it are late, and carried. */
    private static final String EARLIER_UNFINISHED = """
            SELECT business_date FROM nightly_run
             WHERE status IN (%s) AND business_date < :d
               AND business_date > coalesce((SELECT max(c.business_date) FROM nightly_run c WHERE c.status = %s),
                                            DATE '-infinity')
             ORDER BY business_date
            """.formatted(NightlyRunStatus.sqlList(NightlyRunStatus.FAILED, NightlyRunStatus.RUNNING),
                    NightlyRunStatus.COMPLETED.sql());

    private final JdbcClient jdbc;

    DateOrder(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What to say instead of running the date (it completed already, or it is out of order); empty when it may run. */
    Optional<RunOutcome> instead(LocalDate businessDate, Path inbox) {
        Optional<Run> run = jdbc.sql(RUN_OF).param("d", businessDate).query(Run.class).optional();
        if (run.filter(r -> NightlyRunStatus.COMPLETED.name().equals(r.status())).isPresent()) {
            return Optional.of(new RunOutcome(ExitCode.COMPLETED, "The nightly run for " + businessDate
                    + " has already completed; nothing was done."));
        }
        if (run.filter(r -> NightlyRunStatus.CARRIED.name().equals(r.status())).isPresent()) {
            return refused(businessDate + " does not run on its own: its drop came late and was carried by the run for "
                    + run.get().carriedBy() + " (its triggers decided and its refunds paid with that date's, its "
                    + "rejects in " + run.get().carriedBy() + "'s reports under rejects/" + businessDate + "/).");
        }
        Optional<LocalDate> later = jdbc.sql(LATER_COMPLETED).param("d", businessDate).query(LocalDate.class).optional();
        if (later.isPresent()) {
            return refused(businessDate + " is out of order: " + later.get() + " has already completed, and dates run "
                    + "in order. Its drop, once complete, is carried by the next run: run `" + Launcher.nightly()
                    + "` to catch up.");
        }
        Optional<LocalDate> failed = failedWithItsDropStillThere(businessDate, inbox);
        if (failed.isPresent()) {
            return refused("the run for " + failed.get() + " failed and has not completed; run `"
                    + Launcher.nightly(failed.get()) + "` first (with the same folders), or `" + Launcher.nightly()
                    + "` to catch up.");
        }
        Optional<LocalDate> waiting = completeDropWaiting(businessDate, inbox);
        return waiting.flatMap(date -> refused(businessDate + " cannot run yet: " + date
                + " has a complete drop waiting in " + inbox.toAbsolutePath() + " that has not run; run it first, "
                + "or run `" + Launcher.nightly() + "` to catch up."));
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
        return new DropCalendar(jdbc, inbox).due(Optional.of(businessDate.minusDays(1))).stream().findFirst();
    }

    private static Optional<RunOutcome> refused(String message) {
        return Optional.of(new RunOutcome(ExitCode.USAGE, message));
    }
}
