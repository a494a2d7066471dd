package com.marketplace.refunds.nightly;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.order;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import com.marketplace.refunds.cli.Cli;

/**
 * What a nightly command leaves for machines, whatever its outcome: the Prometheus text file of
 * {@code refunds.metrics.file} and each date's {@code run-summary.json}. The real command line in
 * this JVM, on a database of its own.
 */
class MonitoringIntegrationTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(RefundSettlementApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path work;

    @AfterEach
    void clearSettings() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty(RunMetrics.SETTING);
    }

    @Test
    void everyCommandWritesItsMetricsAndEachDateItsRunSummaryWhateverTheOutcome() throws IOException {
        System.setProperty("spring.datasource.url", TestDatabase.fresh("monitoring_metrics"));
        Path metrics = Files.createDirectories(work.resolve("textfile")).resolve("refund-settlement.prom");
        System.setProperty(RunMetrics.SETTING, metrics.toString());
        Drops.write(work.resolve("inbox"), "2026-11-10", Map.of("orders.csv", List.of(order("O-1", "10.00", "0.00"),
                        order("O-2", "abc", "0.00")),
                "cancellations.csv", List.of(cancellation("C-1", "O-1", "2026-11-10T09:00:00Z"))));

        int completed = cli.run(nightly());
        String afterCompleted = Files.readString(metrics);
        JsonNode summary = JsonMapper.builder().build().readTree(work.resolve("reports/2026-11-10/run-summary.json")
                .toFile());
        Path broken = Drops.write(work.resolve("inbox"), "2026-11-11", Map.of());
        Files.writeString(broken.resolve("orders.csv"), "\n", StandardOpenOption.APPEND);
        int failed = cli.run(nightly());
        String afterFailed = Files.readString(metrics);
        JsonNode failedSummary = JsonMapper.builder().build().readTree(work.resolve("reports/2026-11-11/run-summary.json")
                .toFile());

        assertThat(completed).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(afterCompleted).contains("refunds_run_exit_code 0.0")
                .contains("refunds_approved_refunds{currency=\"USD\",payment_method=\"CARD\"} 1.0")
                .contains("refunds_approved_amount{currency=\"USD\",payment_method=\"CARD\"} 10.0")
                .contains("refunds_rejected_rows{file=\"orders.csv\"} 1.0")
                .contains("refunds_last_completed_business_date_timestamp_seconds 1.7942688E9")
                .contains("refunds_held_refunds 0.0").contains("refunds_dates_without_drop 0.0")
                .containsPattern("spring_batch_step_seconds_count\\{[^}]*spring_batch_step_name=\"mergeDropStep\"[^}]*} 1")
                .containsPattern("spring_batch_job_seconds_count\\{[^}]*spring_batch_job_status=\"COMPLETED\"[^}]*} 1")
                .doesNotContain("O-1").doesNotContain("B-1").doesNotContain("RF-").doesNotContain("C-1");
        assertThat(Files.getPosixFilePermissions(metrics)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(metrics.resolveSibling("refund-settlement.prom.partial")).doesNotExist();
        assertThat(summary.get("outcome").asString()).isEqualTo("COMPLETED");
        assertThat(summary.get("exitCode").asInt()).isZero();
        assertThat(summary.get("decisions").get("APPROVED").asLong()).isEqualTo(1);
        assertThat(summary.get("approved").get(0).get("amount").asString()).isEqualTo("10.00");
        assertThat(summary.get("badRows").get("orders.csv").asLong()).isEqualTo(1);
        assertThat(summary.get("files")).hasSize(2);
        assertThat(summary.get("steps").valueStream().map(step -> step.get("name").asString()))
                .contains("verifyDropStep", "mergeDropStep", "writeManifestStep");
        assertThat(summary.toString()).doesNotContain("O-1").doesNotContain("RF-");

        assertThat(failed).isEqualTo(1);
        assertThat(afterFailed).contains("refunds_run_exit_code 1.0")
                .contains("refunds_last_completed_business_date_timestamp_seconds 1.7942688E9");
        assertThat(failedSummary.get("outcome").asString()).isEqualTo("FAILED");
        assertThat(failedSummary.get("exitCode").asInt()).isEqualTo(1);
        assertThat(failedSummary.get("message").asString()).contains("the nightly run for 2026-11-11 failed");
    }

    @Test
    void aCommandThatCannotReachTheDatabaseStillWritesItsExitCode() throws IOException {
        System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/refunds");
        Path metrics = work.resolve("refund-settlement.prom");
        System.setProperty(RunMetrics.SETTING, metrics.toString());

        int code = cli.run(nightly());

        assertThat(code).isEqualTo(1);
        assertThat(Files.readString(metrics)).contains("refunds_run_exit_code 1.0")
                .contains("refunds_run_finished_timestamp_seconds");
    }

    @Test
    void aNightlyCommandLineGoneWrongWritesExitCodeTwo() throws IOException {
        Path metrics = work.resolve("refund-settlement.prom");
        System.setProperty(RunMetrics.SETTING, metrics.toString());

        int code = cli.run("nightly", "--until=someday");

        assertThat(code).isEqualTo(2);
        assertThat(Files.readString(metrics)).contains("refunds_run_exit_code 2.0");
    }

    private String[] nightly() {
        return new String[] {"nightly", "--inbox=" + work.resolve("inbox"), "--outbox=" + work.resolve("outbox"),
                "--reports=" + work.resolve("reports")};
    }
}
