package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The tables of open items take the space of what is open in them, whatever autovacuum does (the test server
 * runs without it): the rows earlier nights closed are vacuumed when the next run begins ({@link OpenItemsVacuum}).
 * And a date's decisions are read from its own pages, however many nights the table holds: the page ranges
 * earlier nights filled are summarized when the next run begins (V35).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OpenItemsVacuumIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(OpenItemsVacuumIntegrationTests.class);
    private static final LocalDate DAY_1 = LocalDate.parse("2026-11-10");
    private static final String ORDER = "O-1,S-1,B-1,CARD,psp_1,USD,10.00,0.00,2026-11-01T10:00:00Z,"
            + "2026-12-30T10:00:00Z,,,,false,2027-01-01T00:00:00Z";
    private static final String CANCELLATION = "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T12:00:00Z";
    private static final long PAGE = 8192;
    /** The pages of one range of the decisions' date index (V35's pages_per_range). */
    private static final int RANGE = 32;

    @TempDir
    Path folder;

    @Autowired
    NightlyRunner runner;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @BeforeEach
    void emptyDatabase() {
        Databases.reset(dataSource);
    }

    @Test
    void theVacuumLeavesTheOpenTablesTheSpaceOfWhatIsOpenInThem() {
        jdbc.sql("""
                INSERT INTO open_ship_deadline (order_id, ship_deadline) VALUES ('O-1', TIMESTAMPTZ '2026-12-30T10:00:00Z')
                """).update();
        closedByEarlierNights(20_000);

        new OpenItemsVacuum(dataSource, false).execute(null, null);

        // all that earlier nights closed is gone (the empty pages after the last open row given back)
        assertThat(size("open_refund")).isZero();
        assertThat(size("open_ship_deadline")).isEqualTo(PAGE);
        assertThat(jdbc.sql("SELECT order_id FROM open_ship_deadline").query(String.class).list()).containsExactly("O-1");
    }

    @Test
    void aDatesDecisionsAreReadFromItsOwnPagesWhateverTheNightsBeforeStored() {
        int nights = 40;
        decidedByEarlierNights(nights, 3_000);
        long tablePages = pages("decision");
        long bound = tablePages / nights + 3 * RANGE + 8;

        new OpenItemsVacuum(dataSource, false).execute(null, null);

        jdbc.sql("ANALYZE decision").update();
        // the report's read of night 20's decisions: its own pages, at most a range of 32 pages either side that it
        // shares with the night before or after, and the last range, not summarized while it is not full
        long read = pagesRead("""
                SELECT refund_key, refund_id, order_id, trigger_type, decision, reason, currency,
                       amount_asked_minor, amount_approved_minor
                  FROM decision WHERE business_date = DATE '2026-10-20' ORDER BY seq""");
        assertThat(read).isLessThanOrEqualTo(bound);
        assertThat(tablePages).as("the history read whole would break the bound").isGreaterThan(4 * bound);
    }

    @Test
    void eachRunBeginsByVacuumingTheOpenTablesAndSummarizingTheDecisionsRanges() {
        closedByEarlierNights(1_000);
        decidedByEarlierNights(2, 3_000);
        Map<String, Long> before = vacuums();
        Drops.write(folder.resolve("inbox"), DAY_1.toString(),
                Map.of("orders.csv", List.of(ORDER), "cancellations.csv", List.of(CANCELLATION)));

        RunOutcome outcome = runner.run(DAY_1, folder.resolve("inbox"), folder.resolve("outbox"), folder.resolve("reports"));

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
        // how much it can take out depends on what else the server is running (a transaction open anywhere
        // keeps rows that closed after it began), so the run is shown to vacuum, the test above what a vacuum does
        Map<String, Long> after = vacuums();
        assertThat(after.get("open_refund")).isGreaterThan(before.get("open_refund"));
        assertThat(after.get("open_ship_deadline")).isGreaterThan(before.get("open_ship_deadline"));
        assertThat(jdbc.sql("SELECT r.refund_key || ' ' || x.status FROM open_refund x JOIN refund r USING (refund_id)")
                .query(String.class).list()).containsExactly("CANCEL:C-1 REFUND_PROCESSING");
        // the second range of the decisions (the first is summarized from the start), which the nights before
        // filled, was summarized by the run: asking again summarizes nothing
        assertThat(pages("decision")).as("the nights before filled the second range").isGreaterThan(2 * RANGE);
        assertThat(jdbc.sql("SELECT brin_summarize_range('decision_date_range_idx', :block)").param("block", RANGE)
                .query(Integer.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM decision WHERE business_date = :d").param("d", DAY_1)
                .query(Integer.class).single()).isEqualTo(1);
    }

    /** Each night's decisions appended after the night's before, as runs store them (none final). */
    private void decidedByEarlierNights(int nights, int perNight) {
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, order_id, trigger_type, decision, reason)
                SELECT DATE '2026-09-30' + night, n, 'CANCEL:C-' || night || '-' || n, 'O-' || night || '-' || n,
                       'CANCELLATION', 'REJECTED', 'NOT_DELIVERED'
                  FROM generate_series(1, :nights) night, generate_series(1, :perNight) n
                 ORDER BY night, n
                """).param("nights", nights).param("perNight", perNight).update();
    }

    /** The pages a statement reads, from the buffers or not, as EXPLAIN (ANALYZE, BUFFERS) counts them. */
    private long pagesRead(String statement) {
        String plan = jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement).query(String.class).single();
        JsonNode top = JsonMapper.builder().build().readTree(plan).get(0).get("Plan");
        return top.get("Shared Hit Blocks").asLong() + top.get("Shared Read Blocks").asLong();
    }

    private long pages(String table) {
        return size(table) / PAGE;
    }

    /** Refunds and ship deadlines that were open, then closed, as earlier nights leave them. */
    private void closedByEarlierNights(int rows) {
        jdbc.sql("""
                INSERT INTO open_refund (refund_id, order_id, status, payment_method, currency, amount_minor, approved_on,
                                         settlement_file, trigger_type, payment_reference)
                SELECT 'RF-' || n, 'O-old-' || n, 'REFUND_PROCESSING', 'CARD', 'USD', 1000, DATE '2026-11-01',
                       'card-refunds-20261101-1.csv', 'CANCELLATION', 'psp_' || n
                  FROM generate_series(1, :rows) n
                """).param("rows", rows).update();
        jdbc.sql("""
                INSERT INTO open_ship_deadline (order_id, ship_deadline)
                SELECT 'O-old-' || n, TIMESTAMPTZ '2026-11-05T10:00:00Z' FROM generate_series(1, :rows) n
                """).param("rows", rows).update();
        jdbc.sql("DELETE FROM open_refund").update();
        jdbc.sql("DELETE FROM open_ship_deadline WHERE order_id LIKE 'O-old-%'").update();
        assertThat(size("open_refund")).as("closed rows before the vacuum").isGreaterThan(rows / 200 * PAGE);
        assertThat(size("open_ship_deadline")).as("closed rows before the vacuum").isGreaterThan(rows / 400 * PAGE);
    }

    /** How many times each open table was vacuumed, by hand or by autovacuum (VACUUM reports it at once). */
    private Map<String, Long> vacuums() {
        return jdbc.sql("""
                SELECT relname, vacuum_count + autovacuum_count AS n FROM pg_stat_user_tables
                 WHERE relname IN ('open_refund', 'open_ship_deadline')
                """).query((row, i) -> Map.entry(row.getString("relname"), row.getLong("n"))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private long size(String table) {
        return jdbc.sql("SELECT pg_relation_size(:table::regclass)").param("table", table).query(Long.class).single();
    }
}
