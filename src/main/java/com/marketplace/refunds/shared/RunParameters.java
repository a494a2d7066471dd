package com.marketplace.refunds.shared;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;

/** What one nightly run is for: its business date and its folders. */
public record RunParameters(LocalDate businessDate, Path inbox, Path outbox, Path reports, long jobExecutionId) {

    public static final String BUSINESS_DATE = "businessDate";

    public static JobParameters toJobParameters(LocalDate businessDate, Path inbox, Path outbox, Path reports) {
        return new JobParametersBuilder()
                .addLocalDate(BUSINESS_DATE, businessDate)
                .addString("inbox", inbox.toAbsolutePath().normalize().toString(), false)
                .addString("outbox", outbox.toAbsolutePath().normalize().toString(), false)
                .addString("reports", reports.toAbsolutePath().normalize().toString(), false)
                .toJobParameters();
    }

    public static RunParameters of(ChunkContext chunkContext) {
        var jobExecution = chunkContext.getStepContext().getStepExecution().getJobExecution();
        JobParameters parameters = jobExecution.getJobParameters();
        return new RunParameters(parameters.getLocalDate(BUSINESS_DATE), Path.of(parameters.getString("inbox")),
                Path.of(parameters.getString("outbox")), Path.of(parameters.getString("reports")),
                jobExecution.getId());
    }

    /** The run judges time as of the cut-off: D+1 at 00:00 UTC. */
    public Instant cutOff() {
        return businessDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    public Path drop() {
        return inbox.resolve(businessDate.toString());
    }

    public Path reportsOfDay() {
        return reports.resolve(businessDate.toString());
    }
}
