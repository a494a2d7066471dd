package com.marketplace.refunds.refund.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.refund.RefundRules;
import com.marketplace.refunds.shared.StepPart;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Tasklets;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The parts the decisions are split into (OrderPart): each trigger keeps the part it was collected in, every
 * trigger of an order in the same one, and the triggers an earlier version collected without it (before
 * migration V31) are decided in the part that version's md5 split names, so a night begun before an upgrade
 * ends as it was begun.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DecisionPartsIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(DecisionPartsIntegrationTests.class);
    private static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");
    private static final int ORDERS = 24;

    @TempDir
    Path folder;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    Tasklets tasklets;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @BeforeEach
    void nightWithTriggersOnManyOrders() {
        Databases.reset(dataSource);
        tasklets = new Tasklets(dataSource, transactionManager, folder);
        List<String> orders = new ArrayList<>();
        List<String> cancellations = new ArrayList<>();
        List<String> returns = new ArrayList<>();
        for (int n = 1; n <= ORDERS; n++) {
            orders.add(String.join(",", "O-" + n, "S-1", "B-1", "CARD", "psp-O-" + n, "USD", "20.00", "0", "2026-11-01T10:00:00Z",
                    "2026-11-30T10:00:00Z", "", "", "", "true", "2027-01-30T00:00:00Z"));
            cancellations.add("C-" + n + ",O-" + n + ",2026-11-05T09:00:00Z,2026-11-05T12:00:00Z");
            returns.add("R-" + n + ",O-" + n + ",2026-11-06T09:00:00Z,");
        }
        Drops.write(tasklets.inbox(), NOV_10.toString(), Map.of("orders.csv", orders, "cancellations.csv", cancellations,
                "free_returns.csv", returns));
        tasklets.loadAndMerge(NOV_10);
        Instant cutOff = NOV_10.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        new TransactionTemplate(transactionManager).execute(status -> new TriggerCollector(jdbc).collect(NOV_10, cutOff, false));
    }

    @Test
    void everyTriggerKeepsItsPartAndTwoPartsDecideEachOrderOnceWithAllItsTriggers() {
        assertThat(jdbc.sql("SELECT count(*) FROM refund_trigger WHERE order_part IS NULL").query(Long.class).single())
                .as("triggers collected without their part").isZero();
        assertThat(jdbc.sql("SELECT count(DISTINCT order_part % 2) FROM refund_trigger GROUP BY order_id")
                .query(Long.class).list()).as("parts of each order's triggers").hasSize(ORDERS).containsOnly(1L);

        List<String> first = decide(new StepPart(0, 2));
        List<String> second = decide(new StepPart(1, 2));

        assertThat(first).as("the first part's orders").isNotEmpty().doesNotContainAnyElementsOf(second);
        assertThat(second).as("the second part's orders").isNotEmpty().hasSize(ORDERS - first.size());
        assertThat(jdbc.sql("SELECT count(*) FROM decision WHERE business_date = :d").param("d", NOV_10)
                .query(Long.class).single()).as("decisions: a cancellation and a free return of each order")
                .isEqualTo(2L * ORDERS);
        assertThat(jdbc.sql("SELECT count(*) FROM refund WHERE approved_on = :d").param("d", NOV_10)
                .query(Long.class).single()).as("each order's total refunded once, by its cancellation")
                .isEqualTo(ORDERS);
    }

    @Test
    void triggersCollectedBeforeTheirPartWasKeptAreDecidedInThePartMd5Names() {
        asTheVersionBeforeV31LeftThem();

        List<String> first = decide(new StepPart(0, 2));
        List<String> second = decide(new StepPart(1, 2));

        List<String> evenMd5 = IntStream.rangeClosed(1, ORDERS).mapToObj(n -> "O-" + n)
                .filter(order -> md5Part(order, 2) == 0).sorted().toList();
        assertThat(evenMd5).as("the sample splits").isNotEmpty().hasSizeLessThan(ORDERS);
        assertThat(first).as("the first part's orders").isEqualTo(evenMd5);
        assertThat(second).as("the second part's orders").hasSize(ORDERS - evenMd5.size())
                .doesNotContainAnyElementsOf(evenMd5);
    }

    @Test
    void theReportListsTheDecisionsByTheirTriggersTimeAndKeyWithTheReissuesFirst() throws IOException {
        triggersAtTimesApartFromTheirKeys();
        reissueDecidedBeforeTheTriggers();

        decide(new StepPart(0, 2));
        decide(new StepPart(1, 2));

        assertThat(triggerDecisionsWithoutTheirTime()).as("trigger decisions without their trigger's time").isZero();
        assertThat(reportedKeys()).as("decisions.csv, key by key").containsExactlyElementsOf(decisionOrder());
    }

    @Test
    void aNightOnePartOfWhichWasDecidedBeforeV37IsReportedInTheSameOrder() throws IOException {
        triggersAtTimesApartFromTheirKeys();
        reissueDecidedBeforeTheTriggers();

        decide(new StepPart(0, 2));
        asTheVersionBeforeV37NumberedThem();
        decide(new StepPart(1, 2));

        assertThat(triggerDecisionsWithoutTheirTime()).as("the part decided before the upgrade").isPositive();
        assertThat(reportedKeys()).as("decisions.csv, key by key").containsExactlyElementsOf(decisionOrder());
    }

    private long triggerDecisionsWithoutTheirTime() {
        return jdbc.sql("SELECT count(*) FROM decision WHERE event_time IS NULL AND trigger_type <> 'REISSUE'")
                .query(Long.class).single();
    }

    /** The cancellations' and returns' times moved apart, so their order is neither their keys' nor their orders'. */
    private void triggersAtTimesApartFromTheirKeys() {
        jdbc.sql("UPDATE refund_trigger SET event_time = event_time - (hashtext(refund_key) & 1023) * interval '1 minute'")
                .update();
    }

    /** A reissue the actions decided earlier in the run: the first of the date's decisions, whatever its time. */
    private void reissueDecidedBeforeTheTriggers() {
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, order_id, trigger_type, decision, reason)
                VALUES (:d, 1, 'REISSUE:RF-0000000000000000000A:1', 'O-1', 'REISSUE', 'REJECTED', 'ALREADY_FULLY_REFUNDED')
                """).param("d", NOV_10).update();
    }

    /** The reissue, then the triggers by event time and refund key, as the rules order them. */
    private List<String> decisionOrder() {
        List<String> keys = new ArrayList<>(List.of("REISSUE:RF-0000000000000000000A:1"));
        keys.addAll(jdbc.sql("SELECT refund_key FROM refund_trigger t WHERE business_date = :d ORDER BY "
                + RefundRules.decisionOrderSql("t")).param("d", NOV_10).query(String.class).list());
        assertThat(keys).as("the night's decisions").hasSize(2 * ORDERS + 1);
        return keys;
    }

    /**
     * The decisions as a version before V37 stored them: no event time, seq their place among all the date's.
     * Decisions refuse any change since V38: its trigger is set aside for the rewrite.
     */
    private void asTheVersionBeforeV37NumberedThem() {
        jdbc.sql("ALTER TABLE decision DISABLE TRIGGER decision_append_only").update();
        jdbc.sql("""
                UPDATE decision d SET event_time = NULL, seq = 1 + n.seq
                  FROM (SELECT t.refund_key, row_number() OVER (ORDER BY %s) AS seq
                          FROM refund_trigger t WHERE t.business_date = :d) n
                 WHERE d.business_date = :d AND d.refund_key = n.refund_key
                """.formatted(RefundRules.decisionOrderSql("t"))).param("d", NOV_10).update();
        jdbc.sql("ALTER TABLE decision ENABLE TRIGGER decision_append_only").update();
    }

    /** The refund keys of decisions.csv, line by line. */
    private List<String> reportedKeys() throws IOException {
        new DecisionsReport(dataSource).write(NOV_10, folder);
        List<String> lines = Files.readAllLines(folder.resolve(DecisionsReport.FILE_NAME));
        assertThat(lines.get(0)).startsWith("refund_key,");
        return lines.stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList();
    }

    /** The orders of the decisions the part made, sorted: an order whose triggers two parts shared is in both. */
    private List<String> decide(StepPart part) {
        List<String> before = decisions();
        tasklets.execute(new DecideRefundsTasklet(dataSource), part, NOV_10);
        List<String> made = new ArrayList<>(decisions());
        made.removeAll(before);
        return made.stream().map(decision -> decision.substring(0, decision.indexOf(' '))).distinct().sorted().toList();
    }

    /** The date's decisions, each as its order and its refund key. */
    private List<String> decisions() {
        return jdbc.sql("SELECT order_id || ' ' || refund_key FROM decision WHERE business_date = :d")
                .param("d", NOV_10).query(String.class).list();
    }

    /** The triggers without their part, as a version before V31 collected them (its check let them in). */
    private void asTheVersionBeforeV31LeftThem() {
        jdbc.sql("ALTER TABLE refund_trigger DROP CONSTRAINT refund_trigger_part_named").update();
        try {
            jdbc.sql("UPDATE refund_trigger SET order_part = NULL").update();
        }
        finally {
            jdbc.sql("ALTER TABLE refund_trigger ADD CONSTRAINT refund_trigger_part_named CHECK (order_part IS NOT NULL) NOT VALID")
                    .update();
        }
    }

    /** The split of the version before V31, computed here: 28 bits of the id's md5, modulo the parts. */
    private static int md5Part(String orderId, int parts) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(orderId.getBytes(StandardCharsets.UTF_8)));
            return new BigInteger(hex.substring(0, 7), 16).intValue() % parts;
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
