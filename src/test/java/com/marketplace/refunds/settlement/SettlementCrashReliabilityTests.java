package com.marketplace.refunds.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.jayway.jsonpath.JsonPath;
import com.marketplace.refunds.support.ChildRun;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The real application in a child JVM, killed with SIGKILL at each named point of the settlement
 * step on the first sample date, then the same command again and the next dates: every refund in
 * exactly one published file, once; totals as in the database; no gap in the sequence; and every
 * file byte for byte what an uninterrupted run writes.
 */
class SettlementCrashReliabilityTests {

    private static final List<String> DATES = List.of("2026-11-23", "2026-11-24", "2026-11-25");

    @TempDir
    static Path baseline;

    @BeforeAll
    static void uninterruptedRun() throws Exception {
        ChildRun child = new ChildRun(TestDatabase.fresh("settlement_baseline"));
        for (String date : DATES) {
            assertThat(child.run(nightly(date, baseline)).exitCode()).isZero();
        }
    }

    @ParameterizedTest(name = "killed at {0}")
    @ValueSource(strings = {"settlement-claimed", "settlement-writing-rows", "settlement-file-written",
            "settlement-renamed", "settlement-before-publish-commit"})
    void aRunKilledInTheSettlementStepIsCompletedByTheSameCommand(String crashPoint, @TempDir Path work) throws Exception {
        String database = TestDatabase.fresh("settlement_" + crashPoint);
        ChildRun child = new ChildRun(database);

        child.killAt(crashPoint, nightly(DATES.get(0), work));
        ChildRun.Result again = child.run(nightly(DATES.get(0), work));
        for (String date : DATES.subList(1, DATES.size())) {
            assertThat(child.run(nightly(date, work)).exitCode()).isZero();
        }

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).as("the dead run was recognised").contains("died without finishing");
        assertThat(files(work.resolve("outbox"))).as("the published files, byte for byte")
                .isEqualTo(files(baseline.resolve("outbox")));
        try (Connection db = DriverManager.getConnection(database, TestDatabase.USER, "")) {
            assertThat(refundIdsInFiles(work.resolve("outbox"))).as("each refund once, in one file")
                    .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                            strings(db, "SELECT refund_id FROM refund"));
            assertThat(strings(db, "SELECT count(*) FROM refund WHERE settlement_file IS NULL")).as("none left unsent")
                    .containsExactly("0");
            assertThat(strings(db, """
                    SELECT payment_method || ':' || string_agg(sequence::text, ',' ORDER BY sequence) || ':' || max(status)
                      FROM settlement_file GROUP BY payment_method ORDER BY payment_method
                    """)).as("sequences without gaps, all published")
                    .containsExactly("CARD:1,2,3:PUBLISHED", "PAYPAL:1,2,3:PUBLISHED");
            assertThat(strings(db, "SELECT last_sequence FROM settlement_sequence ORDER BY payment_method"))
                    .containsExactly("3", "3");
            assertThat(strings(db, """
                    SELECT count(*) FROM refund r WHERE (SELECT count(*) FROM refund_status_history h
                     WHERE h.refund_id = r.refund_id AND h.to_status = 'REFUND_PROCESSING') <> 1
                    """)).as("one sending in the history of each refund").containsExactly("0");
            assertThat(controlTotals(work.resolve("outbox"))).as("control totals as in the database")
                    .isEqualTo(databaseTotals(db));
        }
    }

    private static String[] nightly(String date, Path work) {
        return new String[] {"nightly", "--business-date=" + date, "--inbox=sample-data",
                "--outbox=" + work.resolve("outbox"), "--reports=" + work.resolve("reports")};
    }

    /** Every file under the outbox by relative name, with its bytes as text; not the marker of its database. */
    private static Map<String, String> files(Path outbox) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(outbox)) {
            for (Path file : all.filter(Files::isRegularFile)
                    .filter(file -> !file.equals(outbox.resolve(OutboxOwner.MARKER))).toList()) {
                files.put(outbox.relativize(file).toString(), Files.readString(file));
            }
        }
        return files;
    }

    private static List<String> refundIdsInFiles(Path outbox) throws IOException {
        List<String> ids = new ArrayList<>();
        for (var file : files(outbox).entrySet()) {
            if (file.getKey().endsWith(".csv")) {
                file.getValue().lines().skip(1).forEach(line -> ids.add(line.substring(0, line.indexOf(','))));
            }
        }
        return ids;
    }

    private static Map<String, Object> controlTotals(Path outbox) throws IOException {
        Map<String, Object> totals = new TreeMap<>();
        for (var file : files(outbox).entrySet()) {
            if (file.getKey().endsWith(".ctl.json")) {
                Map<String, Object> byCurrency = new TreeMap<>(JsonPath.parse(file.getValue()).read("$.totals", Map.class));
                totals.put(JsonPath.parse(file.getValue()).read("$.file", String.class), byCurrency);
            }
        }
        return totals;
    }

    private static Map<String, Object> databaseTotals(Connection db) throws SQLException {
        Map<String, Object> totals = new TreeMap<>();
        for (String row : strings(db, "SELECT file_name FROM settlement_file")) {
            totals.put(row, new TreeMap<String, Object>());
        }
        for (String row : strings(db, """
                SELECT r.settlement_file || ' ' || r.currency || ' '
                       || (sum(r.amount_minor)::numeric / power(10, c.exponent))::numeric(20, 4)
                  FROM refund r JOIN currency c ON c.code = r.currency GROUP BY r.settlement_file, r.currency, c.exponent
                """)) {
            String[] parts = row.split(" ");
            @SuppressWarnings("unchecked")
            Map<String, Object> file = (Map<String, Object>) totals.get(parts[0]);
            int exponent = Integer.parseInt(strings(db, "SELECT exponent FROM currency WHERE code = '" + parts[1] + "'").get(0));
            file.put(parts[1], new java.math.BigDecimal(parts[2]).setScale(exponent).toPlainString());
        }
        return totals;
    }

    private static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

}
