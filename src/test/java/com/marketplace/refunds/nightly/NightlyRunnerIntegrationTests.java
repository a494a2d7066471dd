package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
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

import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

/** The promises of CONTRACT section 6 about one run: locking, date order, drops that are not complete. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class NightlyRunnerIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(NightlyRunnerIntegrationTests.class);
    private static final LocalDate DAY_1 = LocalDate.parse("2026-11-10");
    private static final LocalDate DAY_2 = LocalDate.parse("2026-11-11");
    private static final LocalDate DAY_3 = LocalDate.parse("2026-11-12");
    private static final String ORDER = "O-1,S-1,B-1,CARD,psp_1,USD,10.00,0.00,2026-11-01T10:00:00Z,"
            + "2026-12-30T10:00:00Z,,,,false,2027-01-01T00:00:00Z";
    private static final String CANCELLATION = "C-1,O-1,2026-11-09T10:00:00Z,2026-11-09T12:00:00Z";

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
    void decidesAndCompletesAValidDrop() {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER), "cancellations.csv", List.of(CANCELLATION)));

        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.COMPLETED);
        assertThat(refundAmounts()).containsExactly("CANCEL:C-1=1000 REFUND_PROCESSING");
        assertThat(runStatus(DAY_1)).isEqualTo("COMPLETED");
    }

    @Test
    void rerunningACompletedDateSaysSoAndChangesNothing() {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER), "cancellations.csv", List.of(CANCELLATION)));
        run(DAY_1);

        RunOutcome again = run(DAY_1);

        assertThat(again.exitCode()).isEqualTo(ExitCode.COMPLETED);
        assertThat(again.message()).contains("already completed").contains("nothing was done");
        assertThat(refundAmounts()).containsExactly("CANCEL:C-1=1000 REFUND_PROCESSING");
        assertThat(count("decision")).isEqualTo(1);
    }

    @Test
    void refusesToRunWhileAnotherRunHoldsTheLock() throws Exception {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        try (Connection other = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT * FROM run_lock WHERE row_name = 'LOCK' FOR UPDATE");

            RunOutcome outcome = run(DAY_1);

            assertThat(outcome.exitCode()).isEqualTo(ExitCode.BUSY);
            assertThat(outcome.message()).contains("another nightly run is in progress");
        }
        assertThat(count("nightly_run")).isZero();
        assertThat(count("orders")).isZero();
    }

    @Test
    void missingDropFailsWithoutStandingInTheWayOfLaterDates() {
        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("no drop for 2026-11-10");
        assertThat(count("nightly_run")).isZero();
    }

    @Test
    void missingControlFileFailsBeforeAnythingIsStored() throws IOException {
        Path drop = Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        Files.delete(drop.resolve("control.csv"));

        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("no control.csv").doesNotContain("Exception");
        assertThat(count("orders")).isZero();
        assertThat(runStatus(DAY_1)).isEqualTo("FAILED");
    }

    @Test
    void controlFileThatDisagreesNamesTheFileAndTheProblem() throws IOException {
        Path drop = Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        Files.writeString(drop.resolve("cancellations.csv"), CANCELLATION + "\n", java.nio.file.StandardOpenOption.APPEND);

        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("cancellations.csv holds 1 records but control.csv says 0");
        assertThat(count("orders")).isZero();
    }

    @Test
    void tooManyBadRowsFailTheRunStoreNothingAndKeepTheRejects() {
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add("O-" + i + ",S-1,B-1,CARD,psp_1,USD,10.005,0.00,2026-11-01T10:00:00Z,2026-12-30T10:00:00Z,,,,false,"
                    + "2027-01-01T00:00:00Z");
        }
        orders.add(ORDER);
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", orders));

        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.message()).contains("orders.csv has 12 bad rows out of 13");
        assertThat(count("orders")).isZero();
        assertThat(folder.resolve("reports/2026-11-10/rejects/orders.csv.rejects.csv")).exists();
    }

    @Test
    void aFailedDateMustCompleteBeforeTheNextOneRuns() throws IOException {
        Path day1 = Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        Files.delete(day1.resolve("control.csv"));
        Drops.write(inbox(), DAY_2.toString(), Map.of("cancellations.csv", List.of(CANCELLATION)));
        run(DAY_1);

        RunOutcome refused = run(DAY_2);
        Drops.writeControl(day1);
        RunOutcome repaired = run(DAY_1);
        RunOutcome next = run(DAY_2);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.message()).contains("run `java -jar target/refund-settlement.jar nightly --business-date=2026-11-10` first");
        assertThat(repaired.exitCode()).isEqualTo(ExitCode.COMPLETED);
        assertThat(next.exitCode()).isEqualTo(ExitCode.COMPLETED);
        assertThat(refundAmounts()).containsExactly("CANCEL:C-1=1000 REFUND_PROCESSING");
    }

    @Test
    void anEarlierDateIsRefusedOnceALaterOneCompleted() {
        Drops.write(inbox(), DAY_2.toString(), Map.of("orders.csv", List.of(ORDER)));
        run(DAY_2);
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));

        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outcome.message()).contains("2026-11-10 is out of order").contains("2026-11-11 has already completed");
        assertThat(runStatus(DAY_1)).isNull();
    }

    @Test
    void aCompleteDropWaitingForAnEarlierDateRefusesTheNamedDateUntilItHasRun() {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        run(DAY_1);
        Drops.write(inbox(), DAY_2.toString(), Map.of("cancellations.csv", List.of(CANCELLATION)));
        Drops.write(inbox(), DAY_3.toString(), Map.of());

        RunOutcome refused = run(DAY_3);
        RunOutcome waiting = run(DAY_2);
        RunOutcome next = run(DAY_3);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.message()).contains("2026-11-11 has a complete drop waiting")
                .contains("run it first, or run `java -jar target/refund-settlement.jar nightly` to catch up");
        assertThat(waiting.exitCode()).as(waiting.message()).isEqualTo(ExitCode.COMPLETED);
        assertThat(next.exitCode()).as(next.message()).isEqualTo(ExitCode.COMPLETED);
        assertThat(refundAmounts()).as("day 2's cancellation was not skipped").containsExactly("CANCEL:C-1=1000 REFUND_PROCESSING");
    }

    @Test
    void aCompleteDropWaitingBeforeTheFirstRunEverRefusesALaterDate() {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        Drops.write(inbox(), DAY_2.toString(), Map.of("orders.csv", List.of(ORDER)));

        RunOutcome refused = run(DAY_2);

        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.message()).contains("2026-11-10 has a complete drop waiting");
        assertThat(count("nightly_run")).as("nothing recorded").isZero();
        assertThat(count("orders")).isZero();
    }

    @Test
    void anEarlierDropWithoutItsControlFileDoesNotStandInTheWay() throws IOException {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        run(DAY_1);
        Files.delete(Drops.write(inbox(), DAY_2.toString(), Map.of()).resolve("control.csv"));
        Drops.write(inbox(), DAY_3.toString(), Map.of("cancellations.csv", List.of(CANCELLATION)));

        RunOutcome outcome = run(DAY_3);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
    }

    @Test
    void aFailedDateWhoseDropFolderWasTakenAwayNoLongerStandsInTheWay() throws IOException {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        run(DAY_1);
        Path broken = Drops.write(inbox(), DAY_2.toString(), Map.of("cancellations.csv", List.of(CANCELLATION)));
        Files.writeString(broken.resolve("orders.csv"), ORDER + "\n", java.nio.file.StandardOpenOption.APPEND);
        RunOutcome failed = run(DAY_2);
        try (var files = Files.list(broken)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(broken);
        Drops.write(inbox(), DAY_3.toString(), Map.of("cancellations.csv", List.of(CANCELLATION)));

        RunOutcome outcome = run(DAY_3);

        assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
        assertThat(runStatus(DAY_2)).isEqualTo("FAILED");
        assertThat(refundAmounts()).containsExactly("CANCEL:C-1=1000 REFUND_PROCESSING");
    }

    /**
     * The files of a date are reserved before its refunds are decided, and those refunds written into
     * them (V24). A date that failed after that and was given up (its folder taken away) never writes
     * its files: the next run's files take over its reservations, so its refunds go out and no file
     * number is skipped.
     */
    @Test
    void theRefundsOfAFailedDateThatWasGivenUpGoOutInTheNextFilesWithoutASkippedNumber() throws IOException {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER), "cancellations.csv", List.of(CANCELLATION)));
        run(DAY_1);
        Path givenUp = Drops.write(inbox(), DAY_2.toString(), Map.of("orders.csv", List.of(order("O-2")),
                "cancellations.csv", List.of(cancellation("C-2", "O-2"))));
        // a refusal the product does not have, after the decisions committed: the date fails before its files
        jdbc.sql("ALTER TABLE approvals_recorded ADD CONSTRAINT staged_refusal CHECK (business_date <> '"
                + DAY_2 + "')").update();
        RunOutcome failed = run(DAY_2);
        jdbc.sql("ALTER TABLE approvals_recorded DROP CONSTRAINT staged_refusal").update();
        try (var files = Files.list(givenUp)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(givenUp);
        Drops.write(inbox(), DAY_3.toString(), Map.of("orders.csv", List.of(order("O-3")),
                "cancellations.csv", List.of(cancellation("C-3", "O-3"))));

        RunOutcome outcome = run(DAY_3);

        assertThat(failed.exitCode()).as(failed.message()).isEqualTo(ExitCode.FAILED);
        assertThat(failed.message()).contains("INSERT INTO approvals_recorded");
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
        assertThat(jdbc.sql("""
                SELECT payment_method || ' ' || sequence || ' ' || business_date || ' ' || status
                  FROM settlement_file ORDER BY payment_method, sequence
                """).query(String.class).list()).as("no number skipped, none left reserved").containsExactly(
                "CARD 1 2026-11-10 PUBLISHED", "CARD 2 2026-11-12 PUBLISHED",
                "PAYPAL 1 2026-11-10 PUBLISHED", "PAYPAL 2 2026-11-12 PUBLISHED");
        assertThat(jdbc.sql("SELECT refund_key || ' ' || status || ' ' || settlement_file FROM refund ORDER BY refund_key")
                .query(String.class).list()).containsExactly(
                "CANCEL:C-1 REFUND_PROCESSING card-refunds-20261110-000001.csv",
                "CANCEL:C-2 REFUND_PROCESSING card-refunds-20261112-000002.csv",
                "CANCEL:C-3 REFUND_PROCESSING card-refunds-20261112-000002.csv");
        assertThat(Files.readAllLines(folder.resolve("outbox").resolve(DAY_3.toString())
                .resolve("card-refunds-20261112-000002.csv"))).as("the given-up date's refund goes out")
                .hasSize(3).anySatisfy(line -> assertThat(line).contains(",O-2,"))
                .anySatisfy(line -> assertThat(line).contains(",O-3,"));
        assertThat(jdbc.sql("""
                SELECT count(*) FROM refund r JOIN open_refund x USING (refund_id)
                 WHERE (x.status, x.settlement_file) IS DISTINCT FROM (r.status, r.settlement_file)
                """).query(Long.class).single()).as("open_refund mirrors refund").isZero();
    }

    private static String order(String orderId) {
        return ORDER.replace("O-1,", orderId + ",").replace("psp_1", "psp_" + orderId);
    }

    private static String cancellation(String cancellationId, String orderId) {
        return CANCELLATION.replace("C-1,O-1,", cancellationId + "," + orderId + ",");
    }

    @Test
    void aDeadRunIsRecoveredAndTheDateCompletes() {
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER), "cancellations.csv", List.of(CANCELLATION)));
        jdbc.sql("INSERT INTO nightly_run (business_date, status, started_at) VALUES (:d, 'RUNNING', now())")
                .param("d", DAY_1).update();

        RunOutcome outcome = run(DAY_1);

        assertThat(outcome.exitCode()).isEqualTo(ExitCode.COMPLETED);
        assertThat(refundAmounts()).containsExactly("CANCEL:C-1=1000 REFUND_PROCESSING");
    }

    @Test
    void rowsFoundBadForSeveralReasonsAreRejectedOnceAndTheRunGoesOn() throws IOException {
        String changedRepeat = ORDER.replace("10.00", "12.00");
        String dispute = "D-1,O-1,2026-11-02T10:00:00Z,2026-11-09T10:00:00Z,RECEIVED,,5.001,SELLER_ACCEPTED,,false,";
        Drops.write(inbox(), DAY_1.toString(), Map.of("orders.csv", List.of(ORDER)));
        run(DAY_1);
        Drops.write(inbox(), DAY_2.toString(), Map.of("orders.csv", List.of(ORDER, changedRepeat),
                "dispute_resolutions.csv", List.of(dispute, dispute)));

        RunOutcome outcome = run(DAY_2);

        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
        assertThat(Files.readAllLines(folder.resolve("reports/2026-11-11/rejects/orders.csv.rejects.csv")))
                .hasSize(2).element(1).asString().startsWith("3,order_id repeats the one on line 2");
        assertThat(Files.readAllLines(folder.resolve("reports/2026-11-11/rejects/dispute_resolutions.csv.rejects.csv")))
                .extracting(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
                .containsExactly("line,reason", "2,requested_amount is not a USD amount (at most 2 decimals)",
                        "3,dispute_id repeats the one on line 2 of this file");
    }

    private RunOutcome run(LocalDate date) {
        return runner.run(date, inbox(), folder.resolve("outbox"), folder.resolve("reports"));
    }

    private Path inbox() {
        return folder.resolve("inbox");
    }

    private List<String> refundAmounts() {
        return jdbc.sql("SELECT refund_key || '=' || amount_minor || ' ' || status FROM refund ORDER BY refund_key")
                .query(String.class).list();
    }

    private String runStatus(LocalDate date) {
        return jdbc.sql("SELECT status FROM nightly_run WHERE business_date = :d").param("d", date)
                .query(String.class).optional().orElse(null);
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }
}
