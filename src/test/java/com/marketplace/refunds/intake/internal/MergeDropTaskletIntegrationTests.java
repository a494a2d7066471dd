package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

import com.marketplace.refunds.intake.DropRejectedException;
import com.marketplace.refunds.shared.StepPart;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Tasklets;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The merge of a loaded drop on PostgreSQL (issue 14: each set-based piece tested on its own): the
 * orders it stores or changes, the rows it rejects, the event ids it records, and the bad-row threshold
 * that refuses a whole drop. The drops are loaded by the load steps' own tasklets, as the job does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class MergeDropTaskletIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(MergeDropTaskletIntegrationTests.class);
    private static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");
    private static final LocalDate NOV_11 = LocalDate.parse("2026-11-11");

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
    void storesTheDropsNewOrdersAndLeavesAStoredOneDeliveredAgainUnchanged() {
        night(NOV_10, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""), order("O-2", "JPY", "3000", ""))));

        long merged = night(NOV_11, Map.of("orders.csv", List.of(order("O-2", "JPY", "3000", ""),
                String.join(",", "O-3", "S-3", "B-3", "PAYPAL", "cap-O-3", "EUR", "5.00", "1.25", "2026-11-02T10:00:00Z",
                        "2026-11-21T10:00:00Z", "2026-11-03T10:00:00Z", "1ZO3", "2026-11-05T10:00:00Z", "false",
                        "2027-02-28T00:00:00Z"))));

        assertThat(orders()).containsExactly(
                "O-1 S-1 B-1 CARD psp-O-1 USD 2000+0=2000 paid 11-01T10:00 deadline 11-20T10:00 free_return true "
                        + "protected 2027-01-30 seen 2026-11-10 changed 2026-11-10 bucket 0",
                "O-2 S-1 B-1 CARD psp-O-2 JPY 3000+0=3000 paid 11-01T10:00 deadline 11-20T10:00 free_return true "
                        + "protected 2027-01-30 seen 2026-11-10 changed 2026-11-10 bucket 0",
                "O-3 S-3 B-3 PAYPAL cap-O-3 EUR 500+125=625 paid 11-02T10:00 deadline 11-21T10:00 shipped 11-03T10:00 "
                        + "tracking 1ZO3 delivered 11-05T10:00 free_return false protected 2027-02-28 seen 2026-11-11 "
                        + "changed 2026-11-11 bucket 0");
        assertThat(merged).as("orders inserted or changed").isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM stage_orders WHERE stored").query(Long.class).single())
                .as("staged orders left marked stored: the marks are the merge's own").isZero();
    }

    /**
     * ISO-8601 (and the intake's check) take offsets up to 18:00, PostgreSQL's text input only up to 15:59: while
     * the load sent its rows as text, one such row failed the COPY of the whole file, and so the night.
     */
    @Test
    void storesATimestampWhoseOffsetPostgresqlWouldNotParseAsTheInstantItNames() {
        night(NOV_11, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", "2026-11-06T01:30:00+17:30"))));

        assertThat(orders()).containsExactly(
                "O-1 S-1 B-1 CARD psp-O-1 USD 2000+0=2000 paid 11-01T10:00 deadline 11-20T10:00 delivered 11-05T08:00 "
                        + "free_return true protected 2027-01-30 seen 2026-11-11 changed 2026-11-11 bucket 0");
    }

    /**
     * The merge's parts commit one by one. A run that died after one part of two committed is merged again
     * by the same command, checks first, every part: each order is stored once and ends as one part leaves it.
     */
    @Test
    void aMergeAgainAfterOnePartCommittedStoresEachOrderOnceAndEndsAsOnePartEndsIt() {
        Map<String, List<String>> nov11 = Map.of("orders.csv", List.of(
                        String.join(",", "O-1", "S-1", "B-1", "CARD", "psp-O-1", "USD", "20.00", "0.00",
                                "2026-11-01T10:00:00Z", "2026-11-25T10:00:00Z", "2026-11-10T10:00:00Z", "1ZO1",
                                "2026-11-11T09:00:00Z", "false", "2027-02-28T00:00:00Z"),
                        order("O-2", "JPY", "3000", ""), order("O-3", "USD", "12.00", ""), order("O-4", "EUR", "9.00", ""),
                        order("O-5", "USD", "7.00", ""), order("O-6", "JPY", "500", ""), order("O-7", "USD", "30.00", "")),
                "dispute_resolutions.csv", List.of(
                        "D-1,O-1,2026-11-05T10:00:00Z,2026-11-09T10:00:00Z,RECEIVED,,12.50,SELLER_ACCEPTED,,false,",
                        "D-2,O-6,2026-11-05T10:00:00Z,2026-11-09T10:00:00Z,RECEIVED,,250,SELLER_ACCEPTED,,false,",
                        "D-3,O-7,2026-11-05T10:00:00Z,2026-11-09T10:00:00Z,RECEIVED,,30.00,SELLER_ACCEPTED,,false,"));
        night(NOV_10, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""))));
        night(NOV_11, nov11);
        List<String> onePart = orders();
        List<String> amountsOfOnePart = disputeAmounts();
        List<String> deliveriesOfOnePart = deliveries();
        Databases.reset(dataSource);

        night(NOV_10, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""))));
        tasklets.loadAndCheck(Tasklets.DEFAULT_THRESHOLD, NOV_11);
        long storedBeforeTheRunDied = tasklets.merge(new StepPart(1, 2), NOV_11).getWriteCount();
        tasklets.loadAndCheck(Tasklets.DEFAULT_THRESHOLD, NOV_11);
        long mergedAgain = tasklets.merge(new StepPart(0, 2), NOV_11).getWriteCount()
                + tasklets.merge(new StepPart(1, 2), NOV_11).getWriteCount();

        assertThat(storedBeforeTheRunDied).as("the committed part held some of the drop's orders").isBetween(1L, 6L);
        assertThat(mergedAgain).as("the orders the dead run had not stored, and O-1 changed")
                .isEqualTo(7 - storedBeforeTheRunDied);
        assertThat(orders()).isEqualTo(onePart);
        assertThat(disputeAmounts()).isEqualTo(amountsOfOnePart)
                .as("each dispute's paying amount in its order's minor units").containsExactly("D-1 1250", "D-2 250", "D-3 3000");
        assertThat(deliveries()).isEqualTo(deliveriesOfOnePart).as("each event's id recorded once, with its order")
                .containsExactly("DISPUTE_RESOLUTIONS D-1 O-1 2026-11-11", "DISPUTE_RESOLUTIONS D-2 O-6 2026-11-11",
                        "DISPUTE_RESOLUTIONS D-3 O-7 2026-11-11");
        assertThat(jdbc.sql("SELECT count(*) FROM stage_orders WHERE stored").query(Long.class).single())
                .as("staged orders left marked stored").isZero();
    }

    @Test
    void aChangedRowReplacesTheChangeableFieldsAndRejectsAChangeOfAFixedOne() throws IOException {
        night(NOV_10, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""), order("O-4", "USD", "20.00", ""))));

        long merged = night(NOV_11, Map.of("orders.csv", List.of(
                String.join(",", "O-1", "S-1", "B-1", "CARD", "psp-O-1", "USD", "20.00", "0.00", "2026-11-01T10:00:00Z",
                        "2026-11-25T10:00:00Z", "2026-11-10T10:00:00Z", "1ZO1", "2026-11-11T09:00:00Z", "false",
                        "2027-02-28T00:00:00Z"),
                String.join(",", "O-4", "S-1", "B-1", "CARD", "psp-O-4", "EUR", "25.00", "0.00", "2026-11-02T10:00:00Z",
                        "2026-11-25T10:00:00Z", "", "", "", "true", "2027-01-30T00:00:00Z"))));

        assertThat(orders()).containsExactly(
                "O-1 S-1 B-1 CARD psp-O-1 USD 2000+0=2000 paid 11-01T10:00 deadline 11-25T10:00 shipped 11-10T10:00 "
                        + "tracking 1ZO1 delivered 11-11T09:00 free_return false protected 2027-02-28 seen 2026-11-10 "
                        + "changed 2026-11-11 bucket 0",
                "O-4 S-1 B-1 CARD psp-O-4 USD 2000+0=2000 paid 11-01T10:00 deadline 11-20T10:00 free_return true "
                        + "protected 2027-01-30 seen 2026-11-10 changed 2026-11-10 bucket 0");
        assertThat(merged).as("orders changed").isEqualTo(1);
        assertThat(rejects(NOV_11, "orders.csv")).containsExactly("line,reason,raw",
                "3,\"changes fields fixed once an order is paid: currency, items_amount, paid_at\",\"O-4,S-1,B-1,CARD,"
                        + "psp-O-4,EUR,25.00,0.00,2026-11-02T10:00:00Z,2026-11-25T10:00:00Z,,,,true,2027-01-30T00:00:00Z\"");
    }

    @Test
    void aLateDropsRowNeverReplacesTheRowOfALaterDrop() {
        LocalDate nov12 = LocalDate.parse("2026-11-12");
        LocalDate nov14 = LocalDate.parse("2026-11-14");
        night(nov12, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""))));
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of("orders.csv", List.of(
                String.join(",", "O-1", "S-1", "B-1", "CARD", "psp-O-1", "USD", "20.00", "0.00", "2026-11-01T10:00:00Z",
                        "2026-11-15T10:00:00Z", "", "", "", "true", "2027-01-30T00:00:00Z"),
                order("O-5", "USD", "20.00", ""))));

        night(nov14, Map.of(), NOV_11);

        assertThat(orders()).containsExactly(
                "O-1 S-1 B-1 CARD psp-O-1 USD 2000+0=2000 paid 11-01T10:00 deadline 11-20T10:00 free_return true protected "
                        + "2027-01-30 seen 2026-11-12 changed 2026-11-12 bucket 0",
                "O-5 S-1 B-1 CARD psp-O-5 USD 2000+0=2000 paid 11-01T10:00 deadline 11-20T10:00 free_return true protected "
                        + "2027-01-30 seen 2026-11-14 changed 2026-11-11 bucket 0");
    }

    @Test
    void recordsEachEventIdWithItsOrderAndRejectsOneDeliveredBeforeForAnotherOrder() throws IOException {
        night(NOV_10, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""), order("O-2", "USD", "20.00", "")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,"),
                "free_returns.csv", List.of("R-1,O-1,2026-11-06T09:00:00Z,"),
                "dispute_resolutions.csv", List.of("D-1,O-2,2026-11-05T10:00:00Z,2026-11-09T10:00:00Z,RECEIVED,,"
                        + "12.50,SELLER_ACCEPTED,,false,")));

        night(NOV_11, Map.of("cancellations.csv", List.of("C-1,O-2,2026-11-07T09:00:00Z,", "C-2,O-2,2026-11-07T09:00:00Z,"),
                "free_returns.csv", List.of("R-1,O-1,2026-11-06T09:00:00Z,2026-11-08T09:00:00Z")));

        assertThat(deliveries()).containsExactly(
                "CANCELLATIONS C-1 O-1 2026-11-10",
                "CANCELLATIONS C-2 O-2 2026-11-11",
                "DISPUTE_RESOLUTIONS D-1 O-2 2026-11-10",
                "FREE_RETURNS R-1 O-1 2026-11-10");
        assertThat(rejects(NOV_11, "cancellations.csv")).containsExactly("line,reason,raw",
                "2,\"cancellation_id was delivered for another order on 2026-11-10; an id names one event of one order, "
                        + "ask upstream for a new id\",\"C-1,O-2,2026-11-07T09:00:00Z,\"");
        assertThat(Files.exists(rejectsFile(NOV_11, "free_returns.csv"))).as("the same return again is no bad row")
                .isFalse();
    }

    /** A run that failed after its merge committed, then upstream delivered the date's drop again, corrected. */
    @Test
    void anotherAttemptAtTheDateRecordsItsEventsWithTheOrdersItsDropNamesNow() {
        night(NOV_10, Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""), order("O-2", "USD", "20.00", "")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,")));
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of("cancellations.csv", List.of(
                "C-1,O-1,2026-11-05T09:00:00Z,", "C-2,O-1,2026-11-07T09:00:00Z,", "C-3,O-1,2026-11-07T09:00:00Z,")));
        tasklets.loadAndMerge(NOV_11);

        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of("cancellations.csv", List.of(
                "C-1,O-1,2026-11-05T09:00:00Z,2026-11-06T09:00:00Z", "C-2,O-2,2026-11-07T09:00:00Z,",
                "C-3,O-1,2026-11-07T09:00:00Z,", "C-4,O-2,2026-11-08T09:00:00Z,")));
        tasklets.loadAndMerge(NOV_11);

        assertThat(deliveries()).containsExactly(
                "CANCELLATIONS C-1 O-1 2026-11-10",
                "CANCELLATIONS C-2 O-2 2026-11-11",
                "CANCELLATIONS C-3 O-1 2026-11-11",
                "CANCELLATIONS C-4 O-2 2026-11-11");
        assertThat(Files.exists(rejectsFile(NOV_11, "cancellations.csv")))
                .as("an id of this date's earlier attempt, now for another order, is no bad row").isFalse();
    }

    @Test
    void refusesTheWholeDropWhenAFileHasMoreBadRowsThanBothLimits() {
        // 2 bad rows of 4: above 25% and above 1
        Drops.write(tasklets.inbox(), NOV_10.toString(), Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""),
                order("O-2", "USD", "20.00", ""), order("O-3", "ZZZ", "20.00", ""), order("O-4", "USD", "-1", "")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,")));

        Throwable refused = catchThrowable(() -> tasklets.loadAndMerge(new BadRowThreshold(25, 1), NOV_10));

        assertThat(refused).isInstanceOf(DropRejectedException.class).hasMessage("orders.csv has 2 bad rows out of 4, "
                + "above the limit (more than 25% and more than 1 bad rows); nothing was stored. See "
                + rejectsFile(NOV_10, "orders.csv") + " and ask upstream to re-deliver the file");
        assertThat(jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM event_delivery").query(Long.class).single()).isZero();
        assertThat(rejectsFile(NOV_10, "orders.csv")).exists();
    }

    @Test
    void storesADropWhoseBadRowsReachOnlyOneOfTheLimits() {
        // 2 bad rows of 8 is not above 25%; 2 bad rows of 4 is not above 2
        Drops.write(tasklets.inbox(), NOV_10.toString(), Map.of("orders.csv", List.of(order("O-1", "USD", "20.00", ""),
                order("O-2", "USD", "20.00", ""), order("O-3", "USD", "20.00", ""), order("O-4", "USD", "20.00", ""),
                order("O-5", "USD", "20.00", ""), order("O-6", "USD", "20.00", ""), order("O-7", "ZZZ", "20.00", ""),
                order("O-8", "ZZZ", "20.00", ""))));
        tasklets.loadAndMerge(new BadRowThreshold(25, 1), NOV_10);
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of("orders.csv", List.of(order("P-1", "USD", "20.00", ""),
                order("P-2", "USD", "20.00", ""), order("P-3", "ZZZ", "20.00", ""), order("P-4", "ZZZ", "20.00", ""))));
        tasklets.loadAndMerge(new BadRowThreshold(25, 2), NOV_11);

        assertThat(jdbc.sql("SELECT order_id FROM orders ORDER BY order_id").query(String.class).list())
                .containsExactly("O-1", "O-2", "O-3", "O-4", "O-5", "O-6", "P-1", "P-2");
    }

    @Test
    void namesTheLateDropWhoseFileIsAboveTheLimits() {
        Drops.write(tasklets.inbox(), NOV_10.toString(), Map.of("orders.csv", List.of(order("O-1", "ZZZ", "20.00", ""),
                order("O-2", "ZZZ", "20.00", ""))));
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of("orders.csv", List.of(order("O-3", "USD", "20.00", ""))));

        Throwable refused = catchThrowable(() -> tasklets.loadAndMerge(new BadRowThreshold(25, 1), NOV_11, NOV_10));

        assertThat(refused).isInstanceOf(DropRejectedException.class).hasMessage("the late drop of 2026-11-10, which "
                + "this run carries: orders.csv has 2 bad rows out of 2, above the limit (more than 25% and more than 1 "
                + "bad rows); nothing was stored. See " + folder.resolve("reports/2026-11-11/rejects/2026-11-10/"
                + "orders.csv.rejects.csv").toAbsolutePath() + " and ask upstream to re-deliver the file");
    }

    /** Writes the date's drop with these lines (others empty), then loads and merges it; returns the merge's count. */
    private long night(LocalDate date, Map<String, List<String>> lines, LocalDate... carried) {
        Drops.write(tasklets.inbox(), date.toString(), lines);
        return tasklets.loadAndMerge(date, carried).getWriteCount();
    }

    /** Every stored order with every field the merge sets (times in UTC, month and day). */
    private List<String> orders() {
        return jdbc.sql("""
                SELECT concat_ws(' ', order_id, store_id, buyer_id, payment_method, payment_reference, currency,
                       items_minor || '+' || shipping_minor || '=' || total_minor,
                       'paid ' || %1$s, 'deadline ' || %2$s, 'shipped ' || %3$s, 'tracking ' || tracking_number,
                       'delivered ' || %4$s, 'free_return ' || free_return,
                       'protected ' || to_char(protection_expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
                       'seen ' || first_seen_on, 'changed ' || last_changed_on, 'bucket ' || seen_bucket)
                  FROM orders ORDER BY order_id
                """.formatted(utc("paid_at"), utc("ship_deadline"), utc("shipped_at"), utc("delivered_at")))
                .query(String.class).list();
    }

    /** Every event id recorded, with its order and the date it was first delivered. */
    private List<String> deliveries() {
        return jdbc.sql("""
                SELECT extract || ' ' || event_id || ' ' || order_id || ' ' || first_delivered_on FROM event_delivery
                 ORDER BY 1""").query(String.class).list();
    }

    /** The paying amount of each staged dispute, as the merge sets it from its order's currency. */
    private List<String> disputeAmounts() {
        return jdbc.sql("SELECT dispute_id || ' ' || coalesce(paying_minor::text, 'none') FROM stage_dispute_resolutions"
                + " ORDER BY dispute_id").query(String.class).list();
    }

    private static String utc(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'MM-DD\"T\"HH24:MI')";
    }

    private List<String> rejects(LocalDate date, String file) throws IOException {
        return Files.readAllLines(rejectsFile(date, file));
    }

    private Path rejectsFile(LocalDate date, String file) {
        return tasklets.reports().toAbsolutePath().resolve(date.toString()).resolve("rejects").resolve(file + ".rejects.csv");
    }

    /** An unshipped card order of store S-1, paid on 1 Nov, due to ship by 20 Nov, delivered then (never when empty). */
    private static String order(String id, String currency, String items, String deliveredAt) {
        return String.join(",", id, "S-1", "B-1", "CARD", "psp-" + id, currency, items, "0", "2026-11-01T10:00:00Z",
                "2026-11-20T10:00:00Z", "", "", deliveredAt, "true", "2027-01-30T00:00:00Z");
    }
}
