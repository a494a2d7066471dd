package com.marketplace.refunds.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.shared.Money;
import com.marketplace.refunds.simulate.drop.InboxGenerator;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator.Shares;
import com.marketplace.refunds.support.TestDatabase;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import com.marketplace.refunds.simulate.processor.ProcessorSimulator;

/**
 * For random histories — generated drops, processor reports with random shares of reversals,
 * silences, mismatches, duplicates and unknown references, and a report delivered twice — every
 * night's roll-forward balances per payment method and currency to the minor unit, each night
 * opens where the last one closed, and the closing figures are what the database holds.
 */
class RollForwardProperties {

    private static ConfigurableApplicationContext context;
    private static NightlyRunner runner;
    private static JdbcClient jdbc;
    private static Path folder;
    private static LocalDate nextDate = LocalDate.parse("2025-01-01");

    @BeforeContainer
    static void startApplication() throws IOException {
        folder = Files.createTempDirectory("roll-forward-properties");
        context = new SpringApplicationBuilder(RefundSettlementApplication.class).web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + TestDatabase.freshFor(RollForwardProperties.class));
        runner = context.getBean(NightlyRunner.class);
        jdbc = context.getBean(JdbcClient.class);
    }

    @AfterContainer
    static void stopApplication() throws IOException {
        if (context != null) {
            context.close();
        }
        if (folder != null) {
            FileSystemUtils.deleteRecursively(folder);
        }
    }

    @Property(tries = 8)
    void everyNightBalancesAndOpensWhereTheLastClosed(@ForAll @IntRange(min = 0, max = 300) int reversed,
                                                      @ForAll @IntRange(min = 0, max = 300) int silent,
                                                      @ForAll @IntRange(min = 0, max = 150) int amountMismatch,
                                                      @ForAll @IntRange(min = 0, max = 100) int currencyMismatch,
                                                      @ForAll @IntRange(min = 0, max = 150) int duplicate,
                                                      @ForAll @IntRange(min = 0, max = 50) int unknown,
                                                      @ForAll long seed) throws IOException {
        Shares shares = new Shares(reversed, silent, amountMismatch, currencyMismatch, duplicate, unknown);
        Map<String, long[]> lastClosing = closingInDatabase();
        LocalDate previous = null;
        for (int night = 0; night < 3; night++) {
            LocalDate date = nextDate;
            nextDate = nextDate.plusDays(1);
            InboxGenerator.generate(date, 150, folder.resolve("inbox"), seed + night);
            if (previous != null) {
                ProcessorSimulator.simulate(folder.resolve("outbox"), previous, folder.resolve("inbox"), date, seed, shares);
            }
            if (night == 2) {
                deliverAgain(previous, date);
            }
            RunOutcome outcome = runner.run(date, folder.resolve("inbox"), folder.resolve("outbox"), folder.resolve("reports"));
            assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);

            Map<String, long[]> opening = new HashMap<>();
            for (String[] row : summary(date)) {
                String key = row[0] + " " + row[1];
                long[] minor = new long[6];
                for (int column = 0; column < 6; column++) {
                    minor[column] = Long.parseLong(row[2 + 2 * column]);
                }
                long[] amounts = new long[6];
                for (int column = 0; column < 6; column++) {
                    amounts[column] = Money.parse(row[3 + 2 * column], Currency.getInstance(row[1])).minor();
                }
                // opening + approved - confirmed - failed - cancelled = closing
                assertThat(minor[0] + minor[1] - minor[2] - minor[3] - minor[4]).as("count of %s on %s", key, date)
                        .isEqualTo(minor[5]);
                assertThat(amounts[0] + amounts[1] - amounts[2] - amounts[3] - amounts[4]).as("amount of %s on %s", key, date)
                        .isEqualTo(amounts[5]);
                opening.put(key, new long[] {minor[0], amounts[0]});
                assertThat(new long[] {minor[5], amounts[5]}).as("closing of %s on %s is in the database", key, date)
                        .isEqualTo(closingInDatabase().getOrDefault(key, new long[] {0, 0}));
            }
            for (var closed : lastClosing.entrySet()) {
                assertThat(opening.getOrDefault(closed.getKey(), new long[] {0, 0})).as("%s opens where it closed", closed.getKey())
                        .isEqualTo(closed.getValue());
            }
            lastClosing = closingInDatabase();
            previous = date;
        }
    }

    /** The reports of the night before, delivered a second time beside tonight's. */
    private static void deliverAgain(LocalDate before, LocalDate date) throws IOException {
        Path earlier = folder.resolve("inbox").resolve(before.toString()).resolve("processor");
        Path tonight = Files.createDirectories(folder.resolve("inbox").resolve(date.toString()).resolve("processor"));
        if (Files.exists(earlier.resolve("settlement_detail_report_batch_1.csv"))) {
            Files.copy(earlier.resolve("settlement_detail_report_batch_1.csv"),
                    tonight.resolve("settlement_detail_report_batch_2.csv"));
        }
    }

    private static List<String[]> summary(LocalDate date) throws IOException {
        return Files.readAllLines(folder.resolve("reports").resolve(date.toString()).resolve("reconciliation-summary.csv"))
                .stream().skip(1).map(line -> line.split(",")).toList();
    }

    private static Map<String, long[]> closingInDatabase() {
        Map<String, long[]> closing = new HashMap<>();
        jdbc.sql("""
                SELECT payment_method || ' ' || currency AS key, count(*) AS n, sum(amount_minor) AS minor
                  FROM refund WHERE status IN ('WAITING_REFUND', 'REFUND_PROCESSING') GROUP BY payment_method, currency
                """).query(row -> {
            closing.put(row.getString("key"), new long[] {row.getLong("n"), row.getLong("minor")});
        });
        return closing;
    }
}
