package com.marketplace.refunds.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
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

import com.marketplace.refunds.intake.Extract;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.Tasklets;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The drop's checks with the event files' beside the orders file's, each group on a connection of its own
 * ({@link ChecksAtOnce}, as the nightly job runs them with more than one part), against the same checks one
 * after the other in one transaction (a preview's way): the same bad rows with the same reasons, the same
 * rows left in staging, the same stored orders marked; and a failure beside fails the check with its own
 * error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ChecksAtOnceIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(ChecksAtOnceIntegrationTests.class);
    private static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");
    private static final LocalDate NOV_11 = LocalDate.parse("2026-11-11");
    private static final LocalDate NOV_12 = LocalDate.parse("2026-11-12");

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
    void theEventFilesCheckedBesideTheOrdersFileRejectAndKeepWhatTheChecksInTurnDo() {
        storedNight();
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of(
                "orders.csv", List.of(order("O-1", "B-2", "USD"), order("O-3", "B-1", "USD"), order("O-3", "B-1", "USD"),
                        order("O-4", "B-1", "JPY")),
                "cancellations.csv", List.of("C-1,O-2,2026-11-07T09:00:00Z,", "C-2,O-3,2026-11-07T09:00:00Z,",
                        "C-2,O-3,2026-11-07T09:00:00Z,"),
                "dispute_resolutions.csv", List.of(dispute("D-1", "O-3", "5.00"), dispute("D-2", "O-3", "12.505"),
                        dispute("D-3", "O-4", "250.5"), dispute("D-4", "O-3", "5.00"), dispute("D-4", "O-3", "5.00")),
                "free_returns.csv", List.of("R-1,O-2,2026-11-06T09:00:00Z,", "R-2,O-3,2026-11-06T09:00:00Z,",
                        "R-2,O-3,2026-11-06T09:00:00Z,"),
                "store_blocks.csv", List.of("S-9,2026-11-05T09:00:00Z,UNDER_REVIEW,", "S-9,2026-11-05T09:00:00Z,UNDER_REVIEW,")));

        List<String> inTurn = checked(new CheckDropTasklet(jdbc, Tasklets.DEFAULT_THRESHOLD), NOV_11);
        List<String> atOnce = checked(new CheckDropTasklet(jdbc, Tasklets.DEFAULT_THRESHOLD, transactionManager), NOV_11);

        assertThat(atOnce).isEqualTo(inTurn);
        assertThat(inTurn).as("one bad row of every check, and the good rows left in staging").containsSubsequence(
                "reject cancellations.csv 2 cancellation_id was delivered for another order on 2026-11-10;"
                        + " an id names one event of one order, ask upstream for a new id",
                "reject cancellations.csv 4 cancellation_id repeats the one on line 3 of this file",
                "reject dispute_resolutions.csv 2 dispute_id was delivered for another order on 2026-11-10;"
                        + " an id names one event of one order, ask upstream for a new id",
                "reject dispute_resolutions.csv 3 requested_amount is not a USD amount (at most 2 decimals)",
                "reject dispute_resolutions.csv 4 requested_amount is not a JPY amount (at most 0 decimals)",
                "reject dispute_resolutions.csv 6 dispute_id repeats the one on line 5 of this file",
                "reject free_returns.csv 2 return_id was delivered for another order on 2026-11-10;"
                        + " an id names one event of one order, ask upstream for a new id",
                "reject free_returns.csv 4 return_id repeats the one on line 3 of this file",
                "reject orders.csv 2 changes fields fixed once an order is paid: buyer_id",
                "reject orders.csv 4 order_id repeats the one on line 3 of this file",
                "reject store_blocks.csv 3 store_id repeats the one on line 2 of this file",
                "staged cancellations 3 C-2",
                "staged disputes 5 D-4",
                "staged orders 3 O-3 new", "staged orders 5 O-4 new",
                "staged returns 3 R-2",
                "staged store blocks 2 S-9");
        assertThat(inTurn).filteredOn(row -> row.startsWith("staged")).hasSize(6);
    }

    @Test
    void aRunCarryingALateDropRejectsAndSupersedesTheSameRowsEitherWay() {
        storedNight();
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of(
                "orders.csv", List.of(order("O-5", "B-1", "USD"), order("O-6", "B-1", "USD")),
                "cancellations.csv", List.of("C-5,O-5,2026-11-07T09:00:00Z,", "C-6,O-6,2026-11-07T09:00:00Z,")));
        Drops.write(tasklets.inbox(), NOV_12.toString(), Map.of(
                "orders.csv", List.of(order("O-5", "B-7", "USD"), order("O-6", "B-1", "USD")),
                "cancellations.csv", List.of("C-5,O-6,2026-11-08T09:00:00Z,", "C-6,O-6,2026-11-08T09:00:00Z,")));

        List<String> inTurn = checked(new CheckDropTasklet(jdbc, Tasklets.DEFAULT_THRESHOLD), NOV_12, NOV_11);
        List<String> atOnce = checked(new CheckDropTasklet(jdbc, Tasklets.DEFAULT_THRESHOLD, transactionManager),
                NOV_12, NOV_11);

        assertThat(atOnce).isEqualTo(inTurn);
        assertThat(inTurn).as("the later drop's changes refused, its repeats superseding the earlier drop's").contains(
                "reject cancellations.csv 2 cancellation_id was delivered for another order in the drop of 2026-11-11;"
                        + " an id names one event of one order, ask upstream for a new id",
                "reject orders.csv 2 changes fields fixed once an order is paid, as the drop of 2026-11-11 gave them",
                "staged cancellations 2 C-5", "staged cancellations 3 C-6",
                "staged orders 2 O-5 new", "staged orders 3 O-6 new");
        assertThat(inTurn).filteredOn(row -> row.startsWith("staged")).hasSize(4);
    }

    @Test
    void aCheckThatFailsBesideFailsTheCheckWithItsOwnErrorAndKeepsNothingOfTheOrdersFile() {
        storedNight();
        Drops.write(tasklets.inbox(), NOV_11.toString(), Map.of(
                "orders.csv", List.of(order("O-3", "B-1", "USD"), order("O-3", "B-1", "USD")),
                "cancellations.csv", List.of("C-2,O-3,2026-11-07T09:00:00Z,", "C-2,O-3,2026-11-07T09:00:00Z,")));
        load(NOV_11);
        jdbc.sql("""
                CREATE FUNCTION refuse_cancellation_reject() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.file = 'cancellations.csv' THEN RAISE EXCEPTION 'refused beside, on purpose'; END IF;
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("""
                CREATE TRIGGER refuse_cancellation_reject BEFORE INSERT ON stage_reject
                   FOR EACH ROW EXECUTE FUNCTION refuse_cancellation_reject()""").update();
        try {
            assertThatThrownBy(() -> tasklets.execute(
                    new CheckDropTasklet(jdbc, Tasklets.DEFAULT_THRESHOLD, transactionManager), NOV_11))
                    .hasMessageContaining("refused beside, on purpose");
        }
        finally {
            jdbc.sql("DROP TRIGGER refuse_cancellation_reject ON stage_reject").update();
            jdbc.sql("DROP FUNCTION refuse_cancellation_reject()").update();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM stage_reject").query(Long.class).single())
                .as("the orders file's bad row rolled back with the step's transaction").isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM stage_orders").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM stage_cancellations").query(Long.class).single()).isEqualTo(2);
    }

    /** O-1 and O-2 stored on 10 Nov, with a cancellation, a dispute and a return each named by its id. */
    private void storedNight() {
        Drops.write(tasklets.inbox(), NOV_10.toString(), Map.of(
                "orders.csv", List.of(order("O-1", "B-1", "USD"), order("O-2", "B-1", "USD")),
                "cancellations.csv", List.of("C-1,O-1,2026-11-05T09:00:00Z,"),
                "dispute_resolutions.csv", List.of(dispute("D-1", "O-2", "5.00")),
                "free_returns.csv", List.of("R-1,O-1,2026-11-06T09:00:00Z,")));
        tasklets.loadAndMerge(NOV_10);
    }

    private void load(LocalDate businessDate, LocalDate... carried) {
        for (Extract extract : Extract.values()) {
            tasklets.execute(new LoadExtractTasklet(extract, dataSource), businessDate, carried);
        }
    }

    /** Loads the run's drops, checks them with this tasklet, and returns the bad rows and the staging it left. */
    private List<String> checked(CheckDropTasklet check, LocalDate businessDate, LocalDate... carried) {
        load(businessDate, carried);
        tasklets.execute(check, businessDate, carried);
        List<String> state = new ArrayList<>(jdbc.sql("""
                SELECT 'reject ' || file || ' ' || line_no || ' ' || reason FROM stage_reject
                 ORDER BY file COLLATE "C", drop_date, line_no""").query(String.class).list());
        state.addAll(staged("cancellations", "stage_cancellations", "cancellation_id"));
        state.addAll(staged("disputes", "stage_dispute_resolutions", "dispute_id"));
        state.addAll(jdbc.sql("""
                SELECT 'staged orders ' || line_no || ' ' || order_id || CASE WHEN stored THEN ' stored' ELSE ' new' END
                  FROM stage_orders ORDER BY drop_date, line_no""").query(String.class).list());
        state.addAll(staged("returns", "stage_free_returns", "return_id"));
        state.addAll(staged("store blocks", "stage_store_blocks", "store_id"));
        return state;
    }

    private List<String> staged(String name, String table, String id) {
        return jdbc.sql("SELECT 'staged " + name + " ' || line_no || ' ' || " + id + " FROM " + table
                + " ORDER BY drop_date, line_no").query(String.class).list();
    }

    /** An unshipped card order of store S-1 by this buyer, paid on 1 Nov, due to ship by 20 Nov. */
    private static String order(String id, String buyer, String currency) {
        return String.join(",", id, "S-1", buyer, "CARD", "psp-" + id, currency, "20", "0", "2026-11-01T10:00:00Z",
                "2026-11-20T10:00:00Z", "", "", "", "true", "2027-01-30T00:00:00Z");
    }

    /** A dispute the seller accepted, paying the amount requested. */
    private static String dispute(String id, String order, String requested) {
        return String.join(",", id, order, "2026-11-05T10:00:00Z", "2026-11-09T10:00:00Z", "RECEIVED", "",
                requested, "SELLER_ACCEPTED", "", "false", "");
    }
}
