package com.marketplace.refunds.nightly;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.NightlyRunStatus;

/**
 * Which business dates a run deals with (docs/running.md, "Catch-up" and "Late drops"), from the inbox's date folders and what
 * nightly_run recorded. A drop is complete when its {@code control.csv} is there. A date is <em>due</em>
 * when its drop is complete and it is after the last completed date; a date that never ran (or failed
 * and was given up) is <em>late</em> once a later date has completed, if it is after the first date
 * that ever completed: a run carries the complete late drops.
 */
final class DropCalendar {

    private static final String LAST_COMPLETED = "SELECT max(business_date) FROM nightly_run WHERE status = "
            + NightlyRunStatus.COMPLETED.sql();
    private static final String FIRST_COMPLETED = "SELECT min(business_date) FROM nightly_run WHERE status = "
            + NightlyRunStatus.COMPLETED.sql();
    private static final String DONE_BETWEEN = """
            SELECT business_date FROM nightly_run
             WHERE status IN (%s) AND business_date > :from AND business_date < :to
            """.formatted(NightlyRunStatus.sqlList(NightlyRunStatus.COMPLETED, NightlyRunStatus.CARRIED));
    private static final String LAST_COMPLETED_BEFORE = """
            SELECT max(business_date) FROM nightly_run WHERE status = %s AND business_date < :d
            """.formatted(NightlyRunStatus.COMPLETED.sql());

    private final JdbcClient jdbc;
    private final Path inbox;

    DropCalendar(JdbcClient jdbc, Path inbox) {
        this.jdbc = jdbc;
        this.inbox = inbox;
    }

    Optional<LocalDate> lastCompleted() {
        return jdbc.sql(LAST_COMPLETED).query(LocalDate.class).optional();
    }

    /** The dates to run, oldest first: complete drops after the last completed date, up to {@code until}. */
    List<LocalDate> due(Optional<LocalDate> until) {
        Optional<LocalDate> last = lastCompleted();
        return completeDrops().stream()
                .filter(date -> last.isEmpty() || date.isAfter(last.get()))
                .filter(date -> until.isEmpty() || !date.isAfter(until.get()))
                .toList();
    }

    /** The late dates whose complete drops the run for {@code businessDate} carries, oldest first. */
    List<LocalDate> late(LocalDate businessDate) {
        Optional<LocalDate> first = jdbc.sql(FIRST_COMPLETED).query(LocalDate.class).optional();
        if (first.isEmpty() || !businessDate.isAfter(first.get())) {
            return List.of();
        }
        Set<LocalDate> done = done(first.get(), businessDate);
        return completeDrops().stream()
                .filter(date -> date.isAfter(first.get()) && date.isBefore(businessDate) && !done.contains(date))
                .toList();
    }

    /**
     * The dates passed over by the run for {@code businessDate}: since the last completed date before
     * it, those neither done, nor carried by this run, nor with a complete drop.
     */
    List<LocalDate> withoutDrop(LocalDate businessDate, List<LocalDate> carried) {
        Optional<LocalDate> since = jdbc.sql(LAST_COMPLETED_BEFORE).param("d", businessDate).query(LocalDate.class)
                .optional();
        if (since.isEmpty()) {
            return List.of();
        }
        Set<LocalDate> done = done(since.get(), businessDate);
        Set<LocalDate> complete = new TreeSet<>(completeDrops());
        return since.get().plusDays(1).datesUntil(businessDate)
                .filter(date -> !done.contains(date) && !carried.contains(date) && !complete.contains(date))
                .toList();
    }

    private Set<LocalDate> done(LocalDate from, LocalDate to) {
        return new TreeSet<>(jdbc.sql(DONE_BETWEEN).param("from", from).param("to", to).query(LocalDate.class).list());
    }

    /** Whether the date's drop is complete: its control file is in the inbox. */
    boolean complete(LocalDate date) {
        return Files.isRegularFile(inbox.resolve(date.toString()).resolve("control.csv"));
    }

    /** The dates whose drop is complete, oldest first. */
    List<LocalDate> completeDrops() {
        if (!Files.isDirectory(inbox)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(inbox)) {
            return folders.map(folder -> dateOf(folder.getFileName().toString()))
                    .flatMap(Optional::stream)
                    .filter(this::complete)
                    .sorted()
                    .toList();
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
}
