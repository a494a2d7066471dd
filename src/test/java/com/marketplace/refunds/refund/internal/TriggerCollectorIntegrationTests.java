package com.marketplace.refunds.refund.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

import com.marketplace.refunds.shared.ByKey;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Tasklets;
import com.marketplace.refunds.support.StoredOrders;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The triggers a run decides, collected set-based on PostgreSQL (issue 14: each set-based piece tested
 * on its own): the drop's events not finally decided, a confirmed fraud block's orders, the missed ship
 * deadlines of tonight's and earlier drops, and the events of unknown orders a late drop brought. The
 * drops are loaded and merged by the intake's own tasklets, as the job leaves staging for the collector.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TriggerCollectorIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(TriggerCollectorIntegrationTests.class);
    private static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");

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
    void emptyDatabase() {
        Databases.reset(dataSource);
        tasklets = new Tasklets(dataSource, transactionManager, folder);
    }

    @Test
    void collectsEveryEventOfTheDropByKeyWithTheFactsItIsDecidedOn() {
        night(NOV_10, Map.of(
                "orders.csv", List.of(order("O-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-30T10:00:00Z"),
                        order("O-2", "S-1", "JPY", "3000", "2026-11-01T10:00:00Z", "2026-11-30T10:00:00Z")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,2026-11-05T12:00:00Z"),
                "free_returns.csv", List.of("R-1,O-1,2026-11-06T09:00:00Z,2026-11-08T15:00:00Z",
                        "R-2,O-1,2026-11-07T09:00:00Z,"),
                "dispute_resolutions.csv", List.of(
                        dispute("D-1", "O-1", "SELLER_ACCEPTED", "12.50", "", "true", "2026-11-07T10:00:00Z"),
                        dispute("D-2", "O-1", "COUNTEROFFER_ACCEPTED", "15.00", "7.25", "false", ""),
                        dispute("D-3", "O-2", "PLATFORM_BUYER", "", "1500", "false", ""),
                        dispute("D-4", "O-1", "PLATFORM_SELLER", "5.00", "", "false", ""),
                        dispute("D-5", "O-404", "SELLER_NO_RESPONSE", "9.99", "", "false", ""),
                        dispute("D-6", "O-404", "PLATFORM_SELLER", "5.00", "", "false", ""))));

        int collected = collect(NOV_10, false);

        List<String> triggers = triggers(NOV_10);
        assertThat(triggers).containsExactly(
                "CANCEL:C-1 CANCELLATION O-1 at 11-05T09:00 requested 11-05T09:00 confirmed 11-05T12:00",
                "DISPUTE:D-1 DISPUTE O-1 at 11-09T10:00 opened 11-05T10:00 SELLER_ACCEPTED return true "
                        + "received 11-07T10:00 amount 1250",
                "DISPUTE:D-2 DISPUTE O-1 at 11-09T10:00 opened 11-05T10:00 COUNTEROFFER_ACCEPTED return false amount 725",
                "DISPUTE:D-3 DISPUTE O-2 at 11-09T10:00 opened 11-05T10:00 PLATFORM_BUYER return false amount 1500",
                "DISPUTE:D-4 DISPUTE O-1 at 11-09T10:00 opened 11-05T10:00 PLATFORM_SELLER return false",
                "DISPUTE:D-5 DISPUTE O-404 at 11-09T10:00 opened 11-05T10:00 SELLER_NO_RESPONSE return false "
                        + "as delivered 9.99",
                "DISPUTE:D-6 DISPUTE O-404 at 11-09T10:00 opened 11-05T10:00 PLATFORM_SELLER return false",
                "RETURN:R-1 FREE_RETURN O-1 at 11-08T15:00 requested 11-06T09:00 received 11-08T15:00",
                "RETURN:R-2 FREE_RETURN O-1 at 11-07T09:00 requested 11-07T09:00");
        assertThat(collected).isEqualTo(triggers.size());

        assertThat(collect(NOV_10, false)).as("collecting the date again").isEqualTo(collected);
        assertThat(triggers(NOV_10)).as("replaces its triggers, never adds to them").isEqualTo(triggers);
    }

    @Test
    void leavesOutAnEventFinallyDecidedAndCollectsAgainOneDecidedPendingOrForAnUnknownOrder() {
        LocalDate nov9 = NOV_10.minusDays(1);
        decision(nov9, 1, "CANCEL:C-1", "O-1", "APPROVED", null);
        decision(nov9, 2, "CANCEL:C-2", "O-1", "REJECTED", "SHIPPED_BEFORE_CANCELLATION");
        decision(nov9, 3, "CANCEL:C-3", "O-1", "PENDING", null);
        decision(nov9, 4, "CANCEL:C-4", "O-1", "REJECTED", "UNKNOWN_ORDER");
        decision(nov9, 5, "CANCEL:C-5", "O-1", "REJECTED", "NOT_DELIVERED");
        night(NOV_10, Map.of(
                "orders.csv", List.of(order("O-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-30T10:00:00Z")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,", "C-2,O-1,2026-11-05T09:00:00Z,",
                        "C-3,O-1,2026-11-05T09:00:00Z,", "C-4,O-1,2026-11-05T09:00:00Z,", "C-5,O-1,2026-11-05T09:00:00Z,",
                        "C-6,O-1,2026-11-05T09:00:00Z,")));

        collect(NOV_10, false);

        assertThat(keys(NOV_10)).containsExactly("CANCEL:C-3", "CANCEL:C-4", "CANCEL:C-5", "CANCEL:C-6");
    }

    @Test
    void aConfirmedFraudBlockCollectsTheStoresOrdersPaidBeforeItAndNotDeliveredBeforeIt() {
        // given orders of the store stored two nights before, and more in tonight's drop
        night(LocalDate.parse("2026-11-08"), Map.of("orders.csv", List.of(
                delivered("F-1", "S-F", "2026-11-01T10:00:00Z", ""),
                delivered("F-2", "S-F", "2026-11-01T10:00:00Z", "2026-11-05T10:00:00Z"))));
        decision(LocalDate.parse("2026-11-08"), 1, "FRAUD:S-F:F-5", "F-5", "APPROVED", null);
        night(NOV_10, Map.of(
                "orders.csv", List.of(
                        delivered("F-3", "S-F", "2026-11-02T10:00:00Z", "2026-11-09T12:00:00Z"),
                        delivered("F-4", "S-F", "2026-11-09T12:00:00Z", ""),
                        delivered("F-5", "S-F", "2026-11-03T10:00:00Z", ""),
                        delivered("X-1", "S-X", "2026-11-01T10:00:00Z", ""),
                        delivered("U-1", "S-U", "2026-11-01T10:00:00Z", ""),
                        delivered("K-1", "S-K", "2026-11-01T10:00:00Z", "")),
                "store_blocks.csv", List.of("S-F,2026-11-09T12:00:00Z,CONFIRMED_FRAUD,2026-11-10T08:00:00Z",
                        "S-U,2026-11-09T12:00:00Z,UNDER_REVIEW,", "S-K,2026-11-09T12:00:00Z,CLEARED,")));

        collect(NOV_10, false);

        assertThat(triggers(NOV_10)).as("F-2 delivered before the block, F-4 paid at it, F-5 decided already")
                .containsExactly("FRAUD:S-F:F-1 FRAUD_BLOCK F-1 at 11-10T08:00",
                        "FRAUD:S-F:F-3 FRAUD_BLOCK F-3 at 11-10T08:00");
    }

    /**
     * The fraud blocks' statement, priced by the planner far above what it does (two generate_series
     * it cannot count, joins by key), was compiled by JIT with inlining and optimisation on every night:
     * about 350 ms of PostgreSQL's time on a night of a few orders, about 380 ms on a million-order night.
     */
    @Test
    void theFraudBlocksStatementIsPlannedWithoutJitAsTheCollectorRunsIt() {
        night(NOV_10, Map.of(
                "orders.csv", List.of(delivered("F-1", "S-F", "2026-11-01T10:00:00Z", "")),
                "store_blocks.csv", List.of("S-F,2026-11-09T12:00:00Z,CONFIRMED_FRAUD,2026-11-10T08:00:00Z")));

        List<String> plan = new ArrayList<>();
        String jitAfter = new TransactionTemplate(transactionManager).execute(status -> {
            jdbc.sql("SET LOCAL jit = on").update(); // as on a server of PostgreSQL's defaults
            ByKey.run(jdbc, () -> plan.addAll(jdbc.sql("EXPLAIN " + TriggerCollector.FRAUD_BLOCKS)
                    .param("businessDate", NOV_10).param("cutOff", OffsetDateTime.parse("2026-11-11T00:00:00Z"))
                    .query(String.class).list()));
            return jdbc.sql("SELECT current_setting('jit')").query(String.class).single();
        });

        assertThat(plan).as(String.join("\n", plan)).isNotEmpty().noneMatch(line -> line.startsWith("JIT:"));
        assertThat(jitAfter).as("the session's own setting put back after the statement").isEqualTo("on");
        assertThat(collect(NOV_10, false)).as("and the block still reaches its order").isEqualTo(1);
    }

    @Test
    void collectsEachMissedShipDeadlineOnceTheCutOffPassesItWhileTheOrderHadNotShipped() {
        // given tonight's drop (cut-off 11 Nov 00:00 UTC) with deadlines on 9 and 12 Nov
        String passed = "2026-11-09T10:00:00Z";
        String ahead = "2026-11-12T10:00:00Z";
        decision(NOV_10.minusDays(1), 1, "AUTOCANCEL:A-7", "A-7", "APPROVED", null);
        night(NOV_10, Map.of("orders.csv", List.of(
                order("A-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", passed),
                shipped("A-2", passed, "2026-11-08T10:00:00Z", "1ZA2"),
                shipped("A-3", passed, "2026-11-10T10:00:00Z", "1ZA3"),
                shipped("A-4", passed, "2026-11-08T10:00:00Z", ""),
                order("A-5", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", ahead),
                shipped("A-6", ahead, "2026-11-08T10:00:00Z", "1ZA6"),
                order("A-7", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", passed))));

        collect(NOV_10, false);

        assertThat(triggers(NOV_10)).as("A-3 shipped after its deadline, A-4 without tracking").containsExactly(
                "AUTOCANCEL:A-1 AUTO_CANCELLATION A-1 at 11-09T10:00",
                "AUTOCANCEL:A-3 AUTO_CANCELLATION A-3 at 11-09T10:00",
                "AUTOCANCEL:A-4 AUTO_CANCELLATION A-4 at 11-09T10:00");
        assertThat(openDeadlines()).as("waiting for a later cut-off").containsExactly("A-5");

        // the next night's cut-off (12 Nov 00:00) is still before A-5's deadline; the one after is past it
        night(NOV_10.plusDays(1), Map.of());
        collect(NOV_10.plusDays(1), false);
        night(NOV_10.plusDays(2), Map.of());
        collect(NOV_10.plusDays(2), false);

        assertThat(triggers(NOV_10.plusDays(1))).isEmpty();
        assertThat(triggers(NOV_10.plusDays(2))).as("an order of an earlier drop, not delivered again")
                .containsExactly("AUTOCANCEL:A-5 AUTO_CANCELLATION A-5 at 11-12T10:00");
        assertThat(openDeadlines()).as("judged once").isEmpty();
    }

    /**
     * Tonight's staged orders are stored as they are by the merge, so their missed deadlines are judged on
     * the staged rows: only the orders of earlier drops waiting in open_ship_deadline are looked up in orders.
     */
    @Test
    void looksUpInOrdersOnlyTheWaitingOrdersOfEarlierDropsWhoseDeadlinePassed() {
        // given an order of 10 Nov whose deadline (11 Nov 10:00) was still ahead of that night's cut-off
        night(NOV_10, Map.of("orders.csv", List.of(order("E-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z",
                "2026-11-11T10:00:00Z"))));
        collect(NOV_10, false);
        assertThat(openDeadlines()).containsExactly("E-1");
        // and the drop of 11 Nov: three orders past their deadline, one of them shipped with tracking in time
        LocalDate nov11 = NOV_10.plusDays(1);
        night(nov11, Map.of("orders.csv", List.of(
                order("A-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-09T10:00:00Z"),
                order("A-2", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-10T10:00:00Z"),
                shipped("A-3", "2026-11-09T10:00:00Z", "2026-11-08T10:00:00Z", "1ZA3"))));
        // among 3,000 more orders kept, analysed, so that the planner reaches orders by key as on a real night
        StoredOrders.insert(jdbc, "K-", 3_000, "USD", "2026-11-01");
        jdbc.sql("ANALYZE orders, open_ship_deadline, stage_orders").update();

        // when the missed deadlines of 11 Nov are collected as the collector does, in a transaction rolled back
        List<String> plan = new ArrayList<>();
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            status.setRollbackOnly();
            ByKey.run(jdbc, () -> plan.addAll(jdbc.sql("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                            + TriggerCollector.MISSED_SHIP_DEADLINES).param("businessDate", nov11)
                    .param("cutOff", OffsetDateTime.parse("2026-11-12T00:00:00Z")).query(String.class).list()));
        });

        // then only E-1 was looked up, and the collection finds all three missed deadlines
        long lookups = plan.stream().filter(line -> line.contains("Index Scan using orders_pkey on orders"))
                .mapToLong(line -> Long.parseLong(line.replaceAll(".*loops=(\\d+)\\).*", "$1"))).sum();
        assertThat(lookups).as(String.join("\n", plan)).isEqualTo(1);
        collect(nov11, false);
        assertThat(triggers(nov11)).containsExactly(
                "AUTOCANCEL:A-1 AUTO_CANCELLATION A-1 at 11-09T10:00",
                "AUTOCANCEL:A-2 AUTO_CANCELLATION A-2 at 11-10T10:00",
                "AUTOCANCEL:E-1 AUTO_CANCELLATION E-1 at 11-11T10:00");
    }

    /** The collection in two parts at once, each in its own transaction, as the step runs it with two parts. */
    @Test
    void twoPartsAtOnceCollectWhatOnePartCollects() throws Exception {
        // given a night with events, a confirmed fraud block, missed deadlines and one still ahead, collected in one part
        Runnable tonight = () -> night(NOV_10, Map.of(
                "orders.csv", List.of(order("A-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-09T10:00:00Z"),
                        order("A-5", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-12T10:00:00Z"),
                        delivered("F-1", "S-F", "2026-11-01T10:00:00Z", "")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,2026-11-05T12:00:00Z"),
                "free_returns.csv", List.of("R-1,A-1,2026-11-06T09:00:00Z,2026-11-08T15:00:00Z"),
                "dispute_resolutions.csv", List.of(dispute("D-1", "A-1", "SELLER_ACCEPTED", "12.50", "", "false", "")),
                "store_blocks.csv", List.of("S-F,2026-11-09T12:00:00Z,CONFIRMED_FRAUD,2026-11-10T08:00:00Z")));
        tonight.run();
        int inOnePart = collect(NOV_10, false);
        List<String> oneParts = triggers(NOV_10);
        List<String> openAfterOne = openDeadlines();
        assertThat(TriggerCollector.Group.ofPart(0, 1)).containsExactlyInAnyOrder(TriggerCollector.Group.values());

        // when the same night, on a fresh database, is collected by two parts at once
        Databases.reset(dataSource);
        tasklets = new Tasklets(dataSource, transactionManager, folder);
        tonight.run();
        Instant cutOff = NOV_10.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> parts = threads.invokeAll(List.of(0, 1).stream().<Callable<Integer>>map(part -> () ->
                    new TransactionTemplate(transactionManager).execute(status -> new TriggerCollector(jdbc)
                            .collect(NOV_10, cutOff, false, TriggerCollector.Group.ofPart(part, 2)))).toList());

            // then each part collected its own triggers, and together the same as one part, with the same deadlines open
            assertThat(parts.get(0).get()).as("the drop's events").isEqualTo(3);
            assertThat(parts.get(0).get() + parts.get(1).get()).isEqualTo(inOnePart);
        }
        finally {
            threads.shutdown();
        }
        assertThat(triggers(NOV_10)).isEqualTo(oneParts).hasSize(5);
        assertThat(openDeadlines()).isEqualTo(openAfterOne).containsExactly("A-5");

        // and a part collected again once the other has committed (a restart after it failed) keeps the other's triggers
        new TransactionTemplate(transactionManager).execute(status -> new TriggerCollector(jdbc)
                .collect(NOV_10, cutOff, false, TriggerCollector.Group.ofPart(1, 2)));
        assertThat(triggers(NOV_10)).isEqualTo(oneParts);
        assertThat(TriggerCollector.Group.ofPart(2, 3)).as("a part beyond the groups collects nothing").isEmpty();
    }

    /** A late drop's row is not stored over a later-dated drop's, so a carrying run judges the stored row. */
    @Test
    void aLateDropsUnshippedRowOfAnOrderStoredShippedSinceMissesNoDeadline() {
        // given L-1 stored from the drop of 10 Nov, shipped with tracking before its deadline of 9 Nov
        night(NOV_10, Map.of("orders.csv", List.of(shipped("L-1", "2026-11-09T10:00:00Z", "2026-11-08T10:00:00Z", "1ZL1"))));
        collect(NOV_10, false);
        assertThat(triggers(NOV_10)).isEmpty();
        // and the drop of 9 Nov, late, with L-1 not shipped yet and a new order L-2 past its deadline
        Drops.write(tasklets.inbox(), "2026-11-09", Map.of("orders.csv", List.of(
                order("L-1", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-09T10:00:00Z"),
                order("L-2", "S-1", "USD", "20.00", "2026-11-01T10:00:00Z", "2026-11-09T10:00:00Z"))));
        LocalDate nov11 = NOV_10.plusDays(1);
        night(nov11, Map.of(), LocalDate.parse("2026-11-09"));

        collect(nov11, true);

        assertThat(triggers(nov11)).as("L-1 as stored shipped in time").containsExactly(
                "AUTOCANCEL:L-2 AUTO_CANCELLATION L-2 at 11-09T10:00");
    }

    @Test
    void aLateDropsOrderBringsBackItsEventsDecidedUnknownOrderWithTheAmountReadInItsCurrency() {
        // given events of orders nobody knew on 10 Nov, decided UNKNOWN_ORDER
        night(NOV_10, Map.of(
                "cancellations.csv", List.of("C-9,O-9,2026-11-05T09:00:00Z,2026-11-05T12:00:00Z"),
                "dispute_resolutions.csv", List.of(
                        dispute("D-9", "O-9", "SELLER_ACCEPTED", "12.50", "", "false", ""),
                        dispute("D-8", "O-8", "SELLER_ACCEPTED", "12.50", "", "false", ""))));
        collect(NOV_10, false);
        decision(NOV_10, 1, "CANCEL:C-9", "O-9", "REJECTED", "UNKNOWN_ORDER");
        decision(NOV_10, 2, "DISPUTE:D-8", "O-8", "REJECTED", "UNKNOWN_ORDER");
        decision(NOV_10, 3, "DISPUTE:D-9", "O-9", "REJECTED", "UNKNOWN_ORDER");
        // and the drop of 11 Nov, late, bringing their orders: O-9 in USD, O-8 in JPY (no decimals)
        LocalDate nov11 = NOV_10.plusDays(1);
        LocalDate nov12 = NOV_10.plusDays(2);
        Drops.write(tasklets.inbox(), nov11.toString(), Map.of("orders.csv", List.of(
                shipped("O-9", "2026-11-06T10:00:00Z", "2026-11-04T10:00:00Z", "1ZO9"),
                String.join(",", "O-8", "S-1", "B-1", "CARD", "psp-O-8", "JPY", "3000", "0", "2026-11-01T10:00:00Z",
                        "2026-11-06T10:00:00Z", "2026-11-04T10:00:00Z", "1ZO8", "", "false", "2027-01-30T00:00:00Z"))));
        night(nov12, Map.of(), nov11);

        collect(nov12, false);
        assertThat(triggers(nov12)).as("a run that carries no late drop").isEmpty();

        collect(nov12, true);
        assertThat(triggers(nov12)).as("D-8's 12.50 is not a JPY amount: left out").containsExactly(
                "CANCEL:C-9 CANCELLATION O-9 at 11-05T09:00 requested 11-05T09:00 confirmed 11-05T12:00",
                "DISPUTE:D-9 DISPUTE O-9 at 11-09T10:00 opened 11-05T10:00 SELLER_ACCEPTED return false amount 1250 "
                        + "as delivered 12.50");
    }

    /** Writes the date's drop with these lines (others empty), then loads and merges it as the job does. */
    private void night(LocalDate date, Map<String, List<String>> lines, LocalDate... carried) {
        Drops.write(tasklets.inbox(), date.toString(), lines);
        tasklets.loadAndMerge(date, carried);
    }

    /** The collection as its step runs it: in one transaction, the cut-off D+1 at 00:00 UTC. */
    private int collect(LocalDate date, boolean carriesLateDrops) {
        Instant cutOff = date.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new TransactionTemplate(transactionManager).execute(status -> new TriggerCollector(jdbc)
                .collect(date, cutOff, carriesLateDrops));
    }

    /** The date's triggers, by key, with every fact they carry (times in UTC, month and day). */
    private List<String> triggers(LocalDate date) {
        return jdbc.sql("""
                SELECT concat_ws(' ', refund_key, trigger_type, order_id, 'at ' || %1$s, 'requested ' || %2$s,
                       'confirmed ' || %3$s, 'opened ' || %4$s, resolution, 'return ' || return_required,
                       'received ' || %5$s, 'amount ' || amount_minor, 'as delivered ' || amount_text)
                  FROM refund_trigger WHERE business_date = :d ORDER BY refund_key COLLATE "C"
                """.formatted(utc("event_time"), utc("requested_at"), utc("seller_confirmed_at"), utc("opened_at"),
                utc("received_at"))).param("d", date).query(String.class).list();
    }

    private static String utc(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'MM-DD\"T\"HH24:MI')";
    }

    private List<String> keys(LocalDate date) {
        return jdbc.sql("SELECT refund_key FROM refund_trigger WHERE business_date = :d ORDER BY refund_key COLLATE \"C\"")
                .param("d", date).query(String.class).list();
    }

    private List<String> openDeadlines() {
        return jdbc.sql("SELECT order_id FROM open_ship_deadline ORDER BY order_id").query(String.class).list();
    }

    /** A decision of an earlier run; an approval with a refund id and an amount, as the table requires. */
    private void decision(LocalDate date, int seq, String key, String order, String decision, String reason) {
        boolean approved = decision.equals("APPROVED");
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, refund_id, order_id, trigger_type, decision, reason,
                       currency, amount_asked_minor, amount_approved_minor)
                VALUES (:d, :seq, :key, :refundId, :order, :type, :decision, :reason, 'USD', 2000, :approved)
                """).param("d", date).param("seq", seq).param("key", key)
                .param("refundId", approved ? "RF-" + key.hashCode() : null).param("order", order)
                .param("type", TYPES.get(key.substring(0, key.indexOf(':')))).param("decision", decision)
                .param("reason", reason).param("approved", approved ? 2000L : null).update();
    }

    private static final Map<String, String> TYPES = Map.of("CANCEL", "CANCELLATION", "AUTOCANCEL", "AUTO_CANCELLATION",
            "FRAUD", "FRAUD_BLOCK", "RETURN", "FREE_RETURN", "DISPUTE", "DISPUTE");

    /** An unshipped card order of the store, free return, in protection until 30 Jan 2027. */
    private static String order(String id, String store, String currency, String items, String paidAt, String deadline) {
        return String.join(",", id, store, "B-1", "CARD", "psp-" + id, currency, items, "0", paidAt, deadline, "", "",
                "", "true", "2027-01-30T00:00:00Z");
    }

    /** A USD order of store S-1, paid on 1 Nov, shipped at that time with that tracking number (none when empty). */
    private static String shipped(String id, String deadline, String shippedAt, String tracking) {
        return String.join(",", id, "S-1", "B-1", "CARD", "psp-" + id, "USD", "20.00", "0.00", "2026-11-01T10:00:00Z",
                deadline, shippedAt, tracking, "", "false", "2027-01-30T00:00:00Z");
    }

    /** A USD order of the store, shipped with tracking long before its deadline, delivered then (never when empty). */
    private static String delivered(String id, String store, String paidAt, String deliveredAt) {
        return String.join(",", id, store, "B-1", "CARD", "psp-" + id, "USD", "20.00", "0.00", paidAt,
                "2026-12-31T10:00:00Z", paidAt, "1Z" + id, deliveredAt, "false", "2027-01-30T00:00:00Z");
    }

    /** A dispute opened on 5 Nov and resolved on 9 Nov 10:00. */
    private static String dispute(String id, String order, String resolution, String requested, String awarded,
                                  String returnRequired, String returnReceivedAt) {
        return String.join(",", id, order, "2026-11-05T10:00:00Z", "2026-11-09T10:00:00Z", "RECEIVED", "", requested,
                resolution, awarded, returnRequired, returnReceivedAt);
    }
}
