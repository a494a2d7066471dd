package com.marketplace.refunds.nightly;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.marketplace.refunds.nightly.RunFigures.Count;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.NightlyRunStatus;
import com.marketplace.refunds.shared.RefundStatus;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The metrics of a nightly command, written when it ends, whatever its outcome, to the Prometheus text
 * file {@code refunds.metrics.file} (a batch job exits before any scrape: node_exporter's textfile
 * collector reads the file instead). Spring Batch's own timers of jobs and steps, then the product's
 * gauges: the command's exit code and time, the last completed business date and its run, that date's
 * refunds approved and breaks, the last run's bad rows, the refunds stuck and held now, the dates whose
 * drop never came. Counts and totals only: never a buyer, an order or a refund id. Written under a
 * temporary name then moved, so the collector never reads half a file; readable by all (node_exporter
 * runs as another user), as it holds nothing private.
 */
@Component
public class RunMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);
    static final String SETTING = "refunds.metrics.file";

    private record LastCompleted(LocalDate businessDate, OffsetDateTime startedAt, OffsetDateTime finishedAt) {
    }

    private static final String LAST_COMPLETED = """
            SELECT business_date, started_at, finished_at FROM nightly_run WHERE status = %s
             ORDER BY business_date DESC LIMIT 1
            """.formatted(NightlyRunStatus.COMPLETED.sql());
    private static final String REJECTED_ROWS = """
            SELECT file AS name, count(*) AS n FROM stage_reject GROUP BY file ORDER BY file
            """;
    private static final String STUCK_NOW = """
            SELECT reason AS name, count(*) AS n FROM stuck_refund WHERE cleared_on IS NULL GROUP BY reason ORDER BY reason
            """;
    /** From the open refunds (HELD is one of them), never a scan of every refund ever paid. */
    private static final String HELD_NOW = "SELECT count(*) FROM open_refund WHERE status = " + RefundStatus.HELD.sql();
    /** Dates between the first and the last completed one that neither completed nor were carried. */
    private static final String DATES_WITHOUT_DROP = """
            SELECT count(*) FROM generate_series((SELECT min(business_date) FROM nightly_run WHERE status = %s),
                                                 (SELECT max(business_date) FROM nightly_run WHERE status = %s),
                                                 interval '1 day') AS day(d)
             WHERE NOT EXISTS (SELECT 1 FROM nightly_run r
                                WHERE r.business_date = day.d::date AND r.status IN (%s))
            """.formatted(NightlyRunStatus.COMPLETED.sql(), NightlyRunStatus.COMPLETED.sql(),
                    NightlyRunStatus.sqlList(NightlyRunStatus.COMPLETED, NightlyRunStatus.CARRIED));

    private final JdbcClient jdbc;
    private final PrometheusMeterRegistry batchMeterRegistry;
    private final Optional<Path> file;

    public RunMetrics(JdbcClient jdbc, PrometheusMeterRegistry batchMeterRegistry, Environment environment) {
        this.jdbc = jdbc;
        this.batchMeterRegistry = batchMeterRegistry;
        this.file = Optional.ofNullable(environment.getProperty(SETTING)).map(Path::of);
    }

    /** Writes the file, if one is set; a failure to write it is logged and never changes the command's outcome. */
    public void write(ExitCode exitCode, Duration took) {
        file.ifPresent(target -> writeSafely(target, () -> batchMeterRegistry.scrape() + product(exitCode, took)));
    }

    /**
     * When the application could not even start (the database unreachable, a bad setting): the exit code
     * and time only, to the file the setting names in the environment or a system property.
     */
    public static void writeWithoutTheApplication(ExitCode exitCode, Duration took) {
        Optional.ofNullable(System.getProperty(SETTING, System.getenv("REFUNDS_METRICS_FILE"))).filter(f -> !f.isBlank())
                .map(Path::of).ifPresent(target -> writeSafely(target, () -> {
                    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                    command(registry, exitCode, took);
                    return registry.scrape();
                }));
    }

    private String product(ExitCode exitCode, Duration took) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        command(registry, exitCode, took);
        try {
            fromTheDatabase(registry);
        }
        catch (DataAccessException e) {
            log.warn("The metrics hold the command's exit code only: the database did not answer ({})",
                    FirstLine.of(e.getMessage()));
        }
        return registry.scrape();
    }

    private static void command(MeterRegistry registry, ExitCode exitCode, Duration took) {
        gauge(registry, "refunds.run.exit.code", "Exit code of the last nightly command (0 completed, 1 failed, "
                + "2 refused, 3 another run in progress)", Tags.empty(), exitCode.code());
        gauge(registry, "refunds.run.finished.timestamp.seconds", "When the last nightly command ended, in seconds "
                + "since the epoch", Tags.empty(), Instant.now().getEpochSecond());
        gauge(registry, "refunds.run.command.duration.seconds", "How long the last nightly command took",
                Tags.empty(), took.toMillis() / 1000.0);
    }

    private void fromTheDatabase(MeterRegistry registry) {
        Optional<LastCompleted> last = jdbc.sql(LAST_COMPLETED).query(LastCompleted.class).optional();
        last.ifPresent(run -> {
            gauge(registry, "refunds.last.completed.business.date.timestamp.seconds", "The last completed business "
                    + "date, as seconds since the epoch at 00:00 UTC", Tags.empty(),
                    run.businessDate().atStartOfDay().toEpochSecond(ZoneOffset.UTC));
            if (run.finishedAt() != null) {
                gauge(registry, "refunds.last.completed.run.finished.timestamp.seconds", "When the run of the last "
                        + "completed business date ended", Tags.empty(), run.finishedAt().toEpochSecond());
                gauge(registry, "refunds.last.completed.run.duration.seconds", "How long the run of the last "
                        + "completed business date took", Tags.empty(),
                        Duration.between(run.startedAt(), run.finishedAt()).toMillis() / 1000.0);
            }
            RunFigures figures = RunFigures.of(jdbc, run.businessDate());
            for (RunFigures.Approved approved : figures.approved()) {
                Tags tags = Tags.of("payment_method", approved.paymentMethod(), "currency", approved.currency());
                gauge(registry, "refunds.approved.refunds", "Refunds approved by the last completed run", tags,
                        approved.n());
                // exact in decimal; the text format carries every value as a float64, so it is rounded once, here
                gauge(registry, "refunds.approved.amount", "Amount of the refunds approved by the last completed run, "
                        + "in major units of the currency", tags, new BigDecimal(approved.amountMinor())
                        .movePointLeft(Currencies.exponent(approved.currency())).doubleValue());
            }
            counts(registry, "refunds.breaks", "Reconciliation breaks of the last completed run", "break_type",
                    figures.breaks());
        });
        counts(registry, "refunds.rejected.rows", "Bad rows of the last run that loaded a drop, per extract", "file",
                jdbc.sql(REJECTED_ROWS).query(Count.class).list());
        counts(registry, "refunds.stuck.refunds", "Refunds stuck now, per reason", "reason",
                jdbc.sql(STUCK_NOW).query(Count.class).list());
        gauge(registry, "refunds.held.refunds", "Refunds held for review now", Tags.empty(),
                jdbc.sql(HELD_NOW).query(Long.class).single());
        gauge(registry, "refunds.dates.without.drop", "Business dates between the first and the last completed one "
                + "whose drop never came (neither run nor carried)", Tags.empty(),
                jdbc.sql(DATES_WITHOUT_DROP).query(Long.class).single());
    }

    private static void counts(MeterRegistry registry, String name, String help, String label, List<Count> counts) {
        for (Count count : counts) {
            gauge(registry, name, help, Tags.of(label, count.name()), count.n());
        }
    }

    private static void gauge(MeterRegistry registry, String name, String help, Tags tags, double value) {
        Gauge.builder(name, () -> value).description(help).tags(tags).strongReference(true).register(registry);
    }

    @FunctionalInterface
    private interface Text {
        String get();
    }

    private static void writeSafely(Path target, Text text) {
        try {
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            Files.writeString(partial, text.get(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException | RuntimeException e) {
            log.warn("Could not write the metrics to {} ({}: {}); the run's outcome is unchanged. Check {}",
                    target.toAbsolutePath(), e.getClass().getSimpleName(), FirstLine.of(e.getMessage()),
                    SETTING);
        }
    }
}
