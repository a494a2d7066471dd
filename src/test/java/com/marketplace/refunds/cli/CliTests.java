package com.marketplace.refunds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.nightly.Launcher;

/** User mistakes get exit code 2 and one clear line, never a stack trace. */
class CliTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final Cli cli = new Cli(RefundSettlementApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            nightly --business-date=2026-11-25 --colour=blue | unknown option --colour for nightly
            nightly --business-date=25/11/2026               | --business-date=25/11/2026 is not a date; write it as yyyy-MM-dd
            nightly --business-date=2026-02-30               | --business-date=2026-02-30 is not a date
            nightly --business-date=2026-11-25 --until=2026-11-26 | give --business-date=D to run one date, or --until=D (or neither) to catch up, not both
            nightly --until=someday                          | --until=someday is not a date
            nightly 2026-11-25                               | '2026-11-25' is not an option of the form --name=value
            refund                                           | unknown command 'refund'
            generate --business-date=2026-11-25 --out=x      | generate needs --orders=N
            generate --business-date=2026-11-25 --orders=ten --out=x | --orders=ten is not a whole number
            generate --business-date=2026-11-25 --orders=5 --out=x --dense --dense | option --dense given twice
            generate --business-date=2026-11-25 --orders=5 --out=x --sparse | is not an option of the form --name=value
            nightly --business-date=2026-11-25 --dense | is not an option of the form --name=value
            stuck --business-date=2026-11-25 --payment-method=BANK | --payment-method=BANK is not CARD or PAYPAL
            stuck --business-date=2026-11-25 --format=xml | --format=xml is not table or csv
            stuck --business-date=2026-11-25 --store=<script> | --store=... is not an identifier
            stuck --business-date=2026-11-25 --min-age-days=-3 | --min-age-days must be a number of days from 0
            stuck --business-date=2026-11-25 --min-age-days=-1 | --min-age-days must be a number of days from 0
            help refund | unknown command 'refund'
            simulate-processor --outbox=o --sent-on=2026-11-25 --inbox=i --report-date=2026-11-26 --files=a.csv,,b.csv | has an empty name
            archive --after-days=-1 | --after-days must be a number of days from 0
            archive --after-days=soon | --after-days=soon is not a whole number
            archive --business-date=2026-11-25 | unknown option --business-date for archive
            serve --port=9000 | unknown option --port for serve
            simulate-processor --outbox=o --sent-on=yesterday --inbox=i --report-date=2026-11-26 | --sent-on=yesterday is not a date
            """)
    void wrongUsageExitsTwoWithOneClearLine(String arguments, String expected) {
        int code = cli.run(arguments.trim().split(" +"));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("refund-settlement: ").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            help                     | usage:
            --help                   | usage:
            -h                       | usage:
            help help                | usage:
            help nightly             | usage: java -jar target/refund-settlement.jar nightly [--business-date=yyyy-MM-dd | --until=yyyy-MM-dd] [--inbox=DIR]
            nightly --help           | usage: java -jar target/refund-settlement.jar nightly [--business-date=yyyy-MM-dd | --until=yyyy-MM-dd] [--inbox=DIR]
            stuck --business-date=x -h | usage: java -jar target/refund-settlement.jar stuck --business-date=yyyy-MM-dd
            """)
    void helpIsACommandThatPrintsTheUsageAndExitsZero(String arguments, String expected) {
        int code = cli.run(arguments.trim().split(" +"));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith(expected);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void theUsageNamesTheCommandsAsTheUserTypesThem() {
        int code = cli.run("help");

        assertThat(code).isZero();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().skip(1).toList();
        assertThat(lines).extracting(line -> line.strip().split(" ")[3]).containsExactly("nightly", "stuck", "generate",
                "simulate-processor", "archive", "serve", "worker", "actions", "users", "help");
        assertThat(lines).allMatch(line -> line.startsWith("  java -jar target/refund-settlement.jar "));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("refund-settlement nightly");
    }

    @Test
    void underJobsNightlyTheUsageOfNightlyIsJobsNightlys() {
        System.setProperty("refunds.launcher", "jobs/nightly");
        try {
            int code = cli.run("nightly", "--business-date=2026-11-25", "--colour=blue");

            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("""
                    refund-settlement: unknown option --colour for nightly
                    usage: jobs/nightly [yyyy-MM-dd [--dry-run] | --until=yyyy-MM-dd] [--inbox=DIR] [--outbox=DIR] [--reports=DIR]   \
                    (without a date: every due date, oldest first)
                    """);
            assertThat(Launcher.nightly(java.time.LocalDate.parse("2026-11-24"))).isEqualTo("jobs/nightly 2026-11-24");
            assertThat(Launcher.nightly()).isEqualTo("jobs/nightly");
        }
        finally {
            System.clearProperty("refunds.launcher");
        }
        assertThat(Launcher.nightly(java.time.LocalDate.parse("2026-11-24")))
                .isEqualTo("java -jar target/refund-settlement.jar nightly --business-date=2026-11-24");
        assertThat(Launcher.nightly()).isEqualTo("java -jar target/refund-settlement.jar nightly");
    }

    @Test
    void generateTakesTheDenseAndNoBadRowsFlags(@TempDir Path out) throws IOException {
        int code = cli.run("generate", "--business-date=2026-11-25", "--orders=2000", "--out=" + out, "--no-bad-rows",
                "--dense");

        assertThat(code).isEqualTo(0);
        assertThat(this.out.toString(StandardCharsets.UTF_8)).contains(", 0 bad rows planted");
        // dense: about one trigger per order, so far more events than the usual one order in ten
        long events = 0;
        for (String file : List.of("cancellations.csv", "dispute_resolutions.csv", "free_returns.csv")) {
            try (var lines = Files.lines(out.resolve("2026-11-25").resolve(file))) {
                events += lines.count() - 1;
            }
        }
        assertThat(events).isGreaterThan(800);
    }

    @Test
    void generateCarriesTheDeliveriesOfTheDropsBeforeAndRefusesACountOutOfRange(@TempDir Path out) throws IOException {
        String[] before = {"generate", "--business-date=2026-11-24", "--orders=2000", "--out=" + out, "--seed=1"};
        assertThat(cli.run(before)).isEqualTo(0);
        assertThat(cli.run("generate", "--business-date=2026-11-25", "--orders=2000", "--out=" + out, "--seed=2",
                "--deliveries-of=1")).isEqualTo(0);

        try (var lines = Files.lines(out.resolve("2026-11-25").resolve("orders.csv"))) {
            assertThat(lines.filter(line -> line.startsWith("O-20261124-")).count())
                    .as("orders of the drop before, shipped or delivered since").isPositive();
        }
        assertThat(cli.run("generate", "--business-date=2026-11-25", "--orders=2000", "--out=" + out,
                "--deliveries-of=31")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("generate --deliveries-of=K takes K between 0 and 30").doesNotContain("\tat ");
    }

    @Test
    void serveExitsOneSayingWhichSettingsNameTheDatabaseWhenItIsUnreachable() {
        System.setProperty("refunds.support.datasource.url", "jdbc:postgresql://127.0.0.1:1/refunds");
        try {
            int code = cli.run("serve");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the database")
                    .contains("REFUNDS_SUPPORT_DATASOURCE_URL").doesNotContain("\tat ");
        }
        finally {
            System.clearProperty("refunds.support.datasource.url");
        }
    }

    @Test
    void unreachableDatabaseExitsOneSayingWhatToDo() {
        System.setProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:1/refunds");
        try {
            int code = cli.run("nightly", "--business-date=2026-11-25");

            assertThat(code).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the database")
                    .contains("start PostgreSQL or set SPRING_DATASOURCE_URL").doesNotContain("\tat ");
        }
        finally {
            System.clearProperty("spring.datasource.url");
        }
    }
}
