package com.marketplace.refunds.nightly;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.nightly.RunFigures.Count;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Holds;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.shared.OwnerOnly;
import com.marketplace.refunds.shared.RunParameters;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code <reports>/<D>/run-summary.json}, written when a run for D ends, whatever its outcome: the
 * outcome and exit code, each step's status, time and items written, and the run's counts and totals
 * (the same as the console summary), for a machine to read. It holds counts, totals and file names,
 * never a buyer, an order or a refund id. Written after the manifest, so the manifest does not list it.
 */
final class RunSummaryFile {

    static final String FILE_NAME = "run-summary.json";
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private RunSummaryFile() {
    }

    record Step(String name, String status, double seconds, long written) {
    }

    record Approved(String paymentMethod, String currency, long count, String amount) {
    }

    record File(String name, long records) {
    }

    /** A payment method and currency the run held for review (docs/hold.md), with the figures compared. */
    record Held(String paymentMethod, String currency, long held, long approved, String amount, String medianApproved,
                String medianAmount, int earlierRuns, String factor) {
    }

    record Summary(String businessDate, String outcome, int exitCode, String message, String startedAt,
                   String finishedAt, Double seconds, List<String> carriedLateDrops, List<String> datesWithoutDrop,
                   List<Step> steps, Map<String, Long> decisions, List<Approved> approved, Map<String, Long> badRows,
                   Map<String, Long> breaks, Map<String, Long> stuck, List<File> files, List<Held> held) {
    }

    static void write(JdbcClient jdbc, JobExecution execution, ExitCode exitCode, String message) {
        RunParameters run = RunParameters.of(execution);
        RunFigures figures = RunFigures.of(jdbc, run.businessDate());
        Summary summary = new Summary(run.businessDate().toString(), execution.getStatus().name(), exitCode.code(),
                message, instant(execution.getStartTime()), instant(execution.getEndTime()),
                seconds(execution.getStartTime(), execution.getEndTime()), dates(run.carried()),
                dates(run.withoutDrop()), execution.getStepExecutions().stream().map(RunSummaryFile::step).toList(),
                map(figures.decisions()),
                figures.approved().stream().map(a -> new Approved(a.paymentMethod(), a.currency(), a.n(),
                        Money.format(a.amountMinor(), Currencies.exponent(a.currency())))).toList(),
                map(figures.badRows()), map(figures.breaks()), map(figures.stuck()),
                figures.files().stream().map(f -> new File(f.fileName(), f.recordCount())).toList(),
                Holds.of(jdbc, run.businessDate()).stream().map(RunSummaryFile::held).toList());
        OwnerOnly.replace(run.reportsOfDay().resolve(FILE_NAME), JSON.writeValueAsBytes(summary));
    }

    private static Held held(Holds.Held held) {
        int exponent = Currencies.exponent(held.currency());
        return new Held(held.paymentMethod(), held.currency(), held.held(), held.refunds(),
                Holds.Held.money(held.amountMinor(), exponent), held.medianRefunds().stripTrailingZeros().toPlainString(),
                Holds.Held.money(held.medianAmountMinor(), exponent), held.earlierRuns(),
                held.factor().stripTrailingZeros().toPlainString());
    }

    private static Step step(StepExecution step) {
        Double seconds = seconds(step.getStartTime(), step.getEndTime());
        return new Step(step.getStepName(), step.getStatus().name(), seconds == null ? 0 : seconds, step.getWriteCount());
    }

    private static Map<String, Long> map(List<Count> counts) {
        Map<String, Long> map = new LinkedHashMap<>();
        counts.forEach(count -> map.put(count.name(), count.n()));
        return map;
    }

    private static List<String> dates(List<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).toList();
    }

    private static String instant(LocalDateTime time) {
        return time == null ? null : time.atZone(ZoneId.systemDefault()).toInstant().atOffset(ZoneOffset.UTC).toString();
    }

    private static Double seconds(LocalDateTime from, LocalDateTime to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
    }
}
