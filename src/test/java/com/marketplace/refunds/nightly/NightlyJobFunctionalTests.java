package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.marketplace.refunds.shared.Currencies;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The whole nightly job over the hand-made drops of sample-data/, every business date in a row:
 * the exact decisions, rejected lines, refunds, reconciliation and stuck refunds that
 * sample-data/README.md explains. Each test starts from an empty database and its own folders and
 * runs the dates through {@link NightlyRunner}, as the command does, so no test needs another first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class NightlyJobFunctionalTests {

    private static final String DATABASE = TestDatabase.freshFor(NightlyJobFunctionalTests.class);
    private static final Path SAMPLE_DATA = Path.of("sample-data");
    private static final Path EXPECTED = Path.of("src/test/resources/nightly/expected");
    private static final List<String> DATES = List.of("2026-11-23", "2026-11-24", "2026-11-25", "2026-12-16",
            "2026-12-28");

    @TempDir
    Path output;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NightlyRunner runner;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    /**
     * Given an empty database, every sample date run in order as the command runs it; {@code afterEachDate}
     * is called with each date once its run has completed.
     */
    private void runEverySampleDate(DateCheck afterEachDate) throws Exception {
        Databases.reset(dataSource);
        for (String date : DATES) {
            RunOutcome outcome = runner.run(LocalDate.parse(date), SAMPLE_DATA, output.resolve("outbox"),
                    output.resolve("reports"));

            assertThat(outcome.exitCode()).as("run for %s: %s", date, outcome.message()).isEqualTo(ExitCode.COMPLETED);
            afterEachDate.check(date);
        }
    }

    private void runEverySampleDate() throws Exception {
        runEverySampleDate(date -> {
        });
    }

    @FunctionalInterface
    private interface DateCheck {
        void check(String date) throws Exception;
    }

    @Test
    void decidesEverySampleDateExactlyAsExpected() throws Exception {
        runEverySampleDate(date -> {
            assertThat(jobExecutionStatus(date)).as("run for %s", date).isEqualTo(BatchStatus.COMPLETED.name());
            assertThat(Files.readString(output.resolve("reports").resolve(date).resolve("decisions.csv")))
                    .as("decisions.csv of %s", date)
                    .isEqualTo(Files.readString(EXPECTED.resolve(date).resolve("decisions.csv")));
            assertThat(rejectedLines(date)).as("rejected lines of %s", date)
                    .containsExactlyInAnyOrderElementsOf(expectedLines(date, "rejects.csv"));
            assertThat(refunds()).as("refunds after %s", date)
                    .containsExactlyElementsOf(expectedLines(date, "refunds.csv"));
            assertThat(Files.readString(output.resolve("reports").resolve(date).resolve("reconciliation-summary.csv")))
                    .as("roll-forward of %s", date)
                    .isEqualTo(Files.readString(EXPECTED.resolve(date).resolve("reconciliation-summary.csv")));
            assertThat(breaks(date)).as("breaks of %s", date)
                    .containsExactlyInAnyOrderElementsOf(expectedLines(date, "breaks.csv"));
            assertThat(statuses()).as("statuses after %s", date)
                    .containsExactlyElementsOf(expectedLines(date, "statuses.csv"));
            assertThat(Files.readString(output.resolve("reports").resolve(date).resolve("stuck-refunds.csv")))
                    .as("stuck-refunds.csv of %s", date)
                    .isEqualTo(Files.readString(EXPECTED.resolve(date).resolve("stuck-refunds.csv")));
        });
    }

    /** The status of the job execution that completed the date's nightly run. */
    private String jobExecutionStatus(String date) {
        return jdbc.sql("""
                SELECT e.status FROM nightly_run r JOIN batch_job_execution e ON e.job_execution_id = r.job_execution_id
                 WHERE r.business_date = :d
                """).param("d", LocalDate.parse(date)).query(String.class).single();
    }

    /** The breaks of the date without their free-text detail, which the expected files leave out. */
    private List<String> breaks(String date) throws Exception {
        try (var csv = new com.opencsv.CSVReader(Files.newBufferedReader(
                output.resolve("reports").resolve(date).resolve("reconciliation-breaks.csv")))) {
            return csv.readAll().stream().skip(1)
                    .map(row -> String.join(",", java.util.Arrays.copyOf(row, row.length - 1))).toList();
        }
    }

    private List<String> statuses() {
        return jdbc.sql("SELECT refund_id || ',' || status FROM refund ORDER BY refund_id COLLATE \"C\"")
                .query(String.class).list();
    }

    @Test
    void publishesOneSettlementFilePerMethodAndDateWithExactlyTheDaysRefunds() throws Exception {
        runEverySampleDate();
        Map<String, String[]> orders = sampleOrders();
        for (int day = 0; day < DATES.size(); day++) {
            String date = DATES.get(day);
            Path folder = output.resolve("outbox").resolve(date);
            for (String method : List.of("CARD", "PAYPAL")) {
                String name = "%s-refunds-%s-%06d.csv".formatted(method.toLowerCase(), date.replace("-", ""), day + 1);
                String expected = expectedSettlementFile(method, date, orders);

                byte[] written = Files.readAllBytes(folder.resolve(name));
                DocumentContext control = JsonPath.parse(Files.readString(folder.resolve(name + ".ctl.json")));

                assertThat(new String(written, StandardCharsets.UTF_8)).as(name).isEqualTo(expected);
                assertThat(control.read("$.file", String.class)).isEqualTo(name);
                assertThat(control.read("$.paymentMethod", String.class)).isEqualTo(method);
                assertThat(control.read("$.businessDate", String.class)).isEqualTo(date);
                assertThat(control.read("$.sequence", Integer.class)).isEqualTo(day + 1);
                assertThat(control.read("$.recordCount", Integer.class)).isEqualTo(expected.split("\n").length - 1);
                assertThat(control.read("$.totals", Map.class)).isEqualTo(totalsOf(expected));
                assertThat(control.read("$.sha256", String.class)).isEqualTo(Drops.sha256(written));
                assertThat(Files.getPosixFilePermissions(folder.resolve(name))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            }
            assertThat(Files.getPosixFilePermissions(folder)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
            try (var files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("nothing but the published files")
                        .hasSize(4).noneMatch(f -> f.startsWith("."));
            }
        }
    }

    @Test
    void keepsEveryReportReadableByItsOwnerOnly() throws Exception {
        runEverySampleDate();
        Path reports = output.resolve("reports");
        for (String date : DATES) {
            try (var paths = Files.walk(reports.resolve(date))) {
                List<Path> all = paths.toList();
                assertThat(all).as("the reports of %s", date).contains(reports.resolve(date).resolve("decisions.csv"),
                        reports.resolve(date).resolve("reconciliation.html"), reports.resolve(date).resolve("manifest.csv"));
                for (Path path : all) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).as("%s", path)
                            .isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
                }
            }
        }
    }

    /** The rows the date's file must hold, from the expected refunds and the sample orders alone. */
    private static String expectedSettlementFile(String method, String date, Map<String, String[]> orders) {
        StringBuilder file = new StringBuilder("refund_id,order_id,")
                .append(method.equals("CARD") ? "psp_reference" : "capture_id").append(",currency,amount,reason\n");
        expectedLines(date, "refunds.csv").stream()
                .map(line -> line.split(","))
                .filter(refund -> refund[5].equals(date) && orders.get(refund[2])[3].equals(method))
                .sorted(java.util.Comparator.comparing(refund -> refund[1]))
                .forEach(refund -> file.append(String.join(",", refund[1], refund[2], orders.get(refund[2])[4], refund[3],
                        refund[4], TRIGGERS.get(refund[0].substring(0, refund[0].indexOf(':'))))).append('\n'));
        return file.toString();
    }

    private static final Map<String, String> TRIGGERS = Map.of("CANCEL", "CANCELLATION", "AUTOCANCEL",
            "AUTO_CANCELLATION", "FRAUD", "FRAUD_BLOCK", "RETURN", "FREE_RETURN", "DISPUTE", "DISPUTE");

    private static Map<String, String> totalsOf(String file) {
        Map<String, java.math.BigDecimal> sums = new java.util.TreeMap<>();
        file.lines().skip(1).map(line -> line.split(","))
                .forEach(row -> sums.merge(row[3], new java.math.BigDecimal(row[4]), java.math.BigDecimal::add));
        Map<String, String> totals = new java.util.TreeMap<>();
        sums.forEach((currency, sum) -> totals.put(currency, sum.toPlainString()));
        return totals;
    }

    /** Every order row of the sample drops by order id (fields split on commas: the sample has none inside). */
    private static Map<String, String[]> sampleOrders() throws IOException {
        Map<String, String[]> orders = new java.util.HashMap<>();
        for (String date : DATES) {
            Files.readAllLines(SAMPLE_DATA.resolve(date).resolve("orders.csv")).stream().skip(1)
                    .map(line -> line.split(",", -1)).forEach(row -> orders.putIfAbsent(row[0], row));
        }
        return orders;
    }

    @Test
    void recordsEveryStatusChangeInTheHistoryAndKeepsTheBalance() throws Exception {
        runEverySampleDate();
        long refunds = jdbc.sql("SELECT count(*) FROM refund").query(Long.class).single();
        long sentOnce = jdbc.sql("""
                SELECT count(*) FROM refund r
                 WHERE r.settlement_file IS NOT NULL
                   AND EXISTS (SELECT 1 FROM refund_status_history h WHERE h.refund_id = r.refund_id
                                  AND h.from_status IS NULL AND h.to_status = 'WAITING_REFUND')
                   AND (SELECT count(*) FROM refund_status_history h WHERE h.refund_id = r.refund_id
                           AND h.from_status = 'WAITING_REFUND' AND h.to_status = 'REFUND_PROCESSING'
                           AND h.why = 'sent in ' || r.settlement_file) = 1
                """).query(Long.class).single();
        long historyEndsAtStatus = jdbc.sql("""
                SELECT count(*) FROM refund r
                 WHERE r.status = (SELECT h.to_status FROM refund_status_history h WHERE h.refund_id = r.refund_id
                                    ORDER BY h.id DESC LIMIT 1)
                """).query(Long.class).single();
        long ordersOutOfBalance = jdbc.sql("""
                SELECT count(*) FROM orders o
                 WHERE coalesce((SELECT c.committed_minor FROM order_commitment c WHERE c.order_id = o.order_id), 0)
                       <> (SELECT coalesce(sum(amount_minor), 0) FROM refund r
                                              WHERE r.order_id = o.order_id AND r.status <> 'FAILED')
                """).query(Long.class).single();

        assertThat(refunds).isEqualTo(expectedLines(DATES.get(DATES.size() - 1), "refunds.csv").size());
        assertThat(sentOnce).isEqualTo(refunds);
        assertThat(historyEndsAtStatus).isEqualTo(refunds);
        assertThat(ordersOutOfBalance).isZero();
    }

    @Test
    void rerunningCompletedDatesChangesNothing() throws Exception {
        runEverySampleDate();
        List<String> refundsBefore = refunds();
        Map<Path, String> outboxBefore = filesUnder(output.resolve("outbox"));
        for (String date : DATES) {
            String decisionsBefore = Files.readString(output.resolve("reports").resolve(date).resolve("decisions.csv"));

            RunOutcome outcome = runner.run(LocalDate.parse(date), SAMPLE_DATA, output.resolve("outbox"),
                    output.resolve("reports"));

            assertThat(outcome.exitCode()).isEqualTo(ExitCode.COMPLETED);
            assertThat(outcome.message()).contains("already completed");
            assertThat(Files.readString(output.resolve("reports").resolve(date).resolve("decisions.csv")))
                    .isEqualTo(decisionsBefore);
        }
        assertThat(refunds()).isEqualTo(refundsBefore);
        assertThat(filesUnder(output.resolve("outbox"))).as("nothing new published").isEqualTo(outboxBefore);
    }

    private static Map<Path, String> filesUnder(Path folder) throws IOException {
        Map<Path, String> files = new java.util.TreeMap<>();
        try (var all = Files.walk(folder)) {
            for (Path file : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file), Files.readString(file));
            }
        }
        return files;
    }

    private List<String> refunds() {
        return jdbc.sql("""
                SELECT refund_key, refund_id, order_id, currency, amount_minor, approved_on
                  FROM refund ORDER BY refund_key COLLATE "C"
                """).query((row, n) -> String.join(",", row.getString("refund_key"), row.getString("refund_id"),
                row.getString("order_id"), row.getString("currency"),
                Money.format(row.getLong("amount_minor"), Currencies.exponent(row.getString("currency"))),
                row.getString("approved_on"))).list();
    }

    private List<String> rejectedLines(String date) throws IOException {
        Path folder = output.resolve("reports").resolve(date).resolve("rejects");
        List<String> lines = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return lines;
        }
        try (var files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String extract = file.getFileName().toString().replace(".rejects.csv", "");
                Files.readAllLines(file).stream().skip(1).map(line -> extract + "," + line.substring(0, line.indexOf(',')))
                        .forEach(lines::add);
            }
        }
        return lines;
    }

    private static List<String> expectedLines(String date, String file) {
        try {
            return Files.readAllLines(EXPECTED.resolve(date).resolve(file)).stream().skip(1).toList();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
