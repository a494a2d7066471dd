package com.marketplace.refunds.shared;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * What one nightly run is for: its business date, its folders, and the late dates whose drops it
 * carries (docs/running.md, "Late drops"), oldest first. The late dates are not part of the run's identity: a
 * restart looks for them again, so a late drop moved away is no longer carried.
 */
public record RunParameters(LocalDate businessDate, Path inbox, Path outbox, Path reports, long jobExecutionId,
                            List<LocalDate> carried, List<LocalDate> withoutDrop) {

    public static final String BUSINESS_DATE = "businessDate";
    private static final String CARRIED = "carriedDates";
    private static final String WITHOUT_DROP = "datesWithoutDrop";
    private static final int MAX_PARAMETER = 2_400;

    public RunParameters {
        carried = List.copyOf(carried);
        withoutDrop = List.copyOf(withoutDrop);
    }

    /** A run that carries no late drop and passed over no date. */
    public static JobParameters toJobParameters(LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        return toJobParameters(businessDate, inbox, outbox, reports, List.of(), List.of());
    }

    /**
     * The job's parameters: the date identifies the run; the folders, the late dates it carries and the
     * dates it passed over without a drop (named in its reports) do not.
     */
    public static JobParameters toJobParameters(LocalDate businessDate, Path inbox, Path outbox, Path reports,
                                                List<LocalDate> carried, List<LocalDate> withoutDrop) {
        return new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, businessDate)
                .addString("inbox", inbox.toAbsolutePath().normalize().toString(), false)
                .addString("outbox", outbox.toAbsolutePath().normalize().toString(), false)
                .addString("reports", reports.toAbsolutePath().normalize().toString(), false)
                .addString(CARRIED, joined(carried), false)
                .addString(WITHOUT_DROP, joined(withoutDrop), false)
                .toJobParameters();
    }

    public static RunParameters of(ChunkContext chunkContext) {
        return of(chunkContext.getStepContext().getStepExecution().getJobExecution());
    }

    public static RunParameters of(JobExecution jobExecution) {
        JobParameters parameters = jobExecution.getJobParameters();
        return new RunParameters(parameters.getLocalDate(BUSINESS_DATE), Path.of(parameters.getString("inbox")),
                Path.of(parameters.getString("outbox")), Path.of(parameters.getString("reports")),
                jobExecution.getId(), dates(parameters, CARRIED), dates(parameters, WITHOUT_DROP));
    }

    /**
     * Dates as text for the job repository (a parameter holds 2,500 characters at most): consecutive
     * dates as one range, {@code 2026-11-26..2026-12-15}, so a long gap without drops stays short.
     */
    static String joined(List<LocalDate> dates) {
        String text = DateRange.of(dates).stream()
                .map(range -> range.days() == 1 ? range.first().toString() : range.first() + ".." + range.last())
                .collect(Collectors.joining(","));
        if (text.length() > MAX_PARAMETER) {
            throw new ExplainedFailure("a run cannot carry, or pass over, so many scattered dates at once ("
                    + dates.size() + "); move some of the late drops out of the inbox and let the runs carry them "
                    + "a few at a time");
        }
        return text;
    }

    /** A list of dates, oldest first (none for an execution of an earlier version, which did not have it). */
    private static List<LocalDate> dates(JobParameters parameters, String name) {
        return parsed(parameters.getString(name));
    }

    /** The dates {@link #joined} wrote. */
    static List<LocalDate> parsed(String dates) {
        if (dates == null || dates.isBlank()) {
            return List.of();
        }
        List<LocalDate> all = new ArrayList<>();
        for (String part : dates.split(",")) {
            int range = part.indexOf("..");
            if (range < 0) {
                all.add(LocalDate.parse(part));
            }
            else {
                LocalDate.parse(part.substring(0, range)).datesUntil(LocalDate.parse(part.substring(range + 2))
                        .plusDays(1)).forEach(all::add);
            }
        }
        return all.stream().sorted().toList();
    }

    /** The run judges time as of the cut-off: D+1 at 00:00 UTC. */
    public Instant cutOff() {
        return businessDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Path drop() {
        return inbox.resolve(businessDate.toString());
    }

    /** The drop folder of one of the run's dates. */
    public Path dropOf(LocalDate date) {
        return inbox.resolve(date.toString());
    }

    /** Every drop the run reads: the late ones, oldest first, then its own. */
    public List<LocalDate> drops() {
        List<LocalDate> drops = new ArrayList<>(carried);
        drops.add(businessDate);
        return drops;
    }

    public boolean carries() {
        return !carried.isEmpty();
    }

    public Path reportsOfDay() {
        return reports.resolve(businessDate.toString());
    }

    /** Where the rejects of a drop go: {@code rejects/} for the run's own, {@code rejects/<late date>/} for a late one. */
    public Path rejectsFolder(LocalDate drop) {
        Path rejects = reportsOfDay().resolve("rejects");
        return drop.equals(businessDate) ? rejects : rejects.resolve(drop.toString());
    }
}
