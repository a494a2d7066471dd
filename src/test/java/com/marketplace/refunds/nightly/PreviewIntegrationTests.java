package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.cli.Cli;
import com.marketplace.refunds.support.TestDatabase;

/**
 * {@code nightly --business-date=D --dry-run} (docs/running.md, "Preview") through the command line, on
 * the sample's first two dates: a preview leaves every table (the job repository's included; a
 * sequence's counter may move) and the outbox as they were, writes what the run would write in
 * {@code <reports>/<D>/preview/}, and the real run that follows writes the same decisions and settlement
 * files byte for byte, a run that carries a late drop included; a preview while a run holds the lock
 * exits 3 and writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the dates run in order, the late drop after them
class PreviewIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(PreviewIntegrationTests.class);
    private static final JdbcClient DB = JdbcClient.create(new DriverManagerDataSource(DATABASE, TestDatabase.USER, ""));

    @TempDir
    static Path work;

    @BeforeAll
    static void theFirstDateHasRun() throws IOException {
        System.setProperty("spring.datasource.url", DATABASE);
        System.setProperty("spring.datasource.username", TestDatabase.USER);
        for (String date : List.of("2026-11-23", "2026-11-24", "2026-11-25")) {
            copy(Path.of("sample-data").resolve(date), work.resolve("inbox").resolve(date));
        }
        assertThat(nightly("--business-date=2026-11-23").code()).isZero();
    }

    @AfterAll
    static void forgetTheDatabase() {
        System.clearProperty("spring.datasource.url");
        System.clearProperty("spring.datasource.username");
    }

    @Test
    @Order(1)
    void aPreviewKeepsNothingAndTheRealRunThenWritesExactlyWhatItShowed() throws IOException {
        Map<String, String> tablesBefore = tables();
        Map<String, String> outboxBefore = files(work.resolve("outbox"));

        Ran preview = nightly("--business-date=2026-11-24", "--dry-run");

        assertThat(preview.code()).as(preview.err()).isZero();
        assertThat(preview.out()).startsWith("PREVIEW (nothing was kept in the database, nothing was sent): ")
                .contains("2026-11-24", "2026-11-24/preview");
        assertThat(tables()).as("every table, row for row").isEqualTo(tablesBefore);
        assertThat(files(work.resolve("outbox"))).as("the outbox, byte for byte").isEqualTo(outboxBefore);
        Path shown = work.resolve("reports/2026-11-24/preview");
        assertThat(Files.readString(shown.resolve("PREVIEW.txt"))).startsWith("PREVIEW of the nightly run for 2026-11-24");
        assertThat(Files.readString(shown.resolve("reconciliation.html"))).contains("PREVIEW of the nightly run");
        assertThat(Files.readString(shown.resolve("run-summary.json"))).contains("\"preview\" : true");
        assertThat(Files.list(work.resolve("reports/2026-11-24")).map(p -> p.getFileName().toString()).toList())
                .as("nothing of the preview outside preview/").containsExactly("preview");

        Ran real = nightly("--business-date=2026-11-24");

        assertThat(real.code()).as(real.err()).isZero();
        Map<String, String> sent = files(work.resolve("outbox/2026-11-24"));
        assertThat(sent).as("the settlement files the preview showed, byte for byte").isNotEmpty()
                .allSatisfy((name, hash) -> assertThat(hashOf(shown.resolve(name))).as(name).isEqualTo(hash));
        assertThat(Files.readAllBytes(work.resolve("reports/2026-11-24/decisions.csv")))
                .isEqualTo(Files.readAllBytes(shown.resolve("decisions.csv")));
    }

    @Test
    void aPreviewWhileARunHoldsTheLockExitsThreeAndWritesNothing() throws Exception {
        try (Connection run = DriverManager.getConnection(DATABASE, TestDatabase.USER, "");
             Statement lock = run.createStatement()) {
            run.setAutoCommit(false);
            lock.execute("SELECT row_name FROM run_lock WHERE row_name = 'LOCK' FOR UPDATE");
            Map<String, String> reportsBefore = files(work.resolve("reports"));
            Map<String, String> tablesBefore = tables();

            Ran preview = nightly("--business-date=2026-11-25", "--dry-run");

            assertThat(preview.code()).as(preview.err()).isEqualTo(3);
            assertThat(files(work.resolve("reports"))).isEqualTo(reportsBefore);
            assertThat(tables()).isEqualTo(tablesBefore);
            run.rollback();
        }
    }

    @Test
    void aPreviewIsOfOneDate() {
        Ran catchUp = nightly("--dry-run");

        assertThat(catchUp.code()).isEqualTo(2);
        assertThat(catchUp.err()).contains("--dry-run previews one date: give --business-date=D");
    }

    @Test
    @Order(2)
    void aPreviewOfARunThatCarriesALateDropKeepsNothingEitherAndShowsWhatItWouldCarry() throws IOException {
        copy(Path.of("sample-data/2026-12-16"), work.resolve("inbox/2026-12-16"));
        copy(Path.of("sample-data/2026-12-28"), work.resolve("inbox/2026-12-28"));
        for (String date : List.of("2026-11-25", "2026-12-16", "2026-12-28")) {
            assertThat(nightly("--business-date=" + date).code()).isZero();
        }
        for (String date : List.of("2026-12-20", "2026-12-29")) {
            copy(Path.of("sample-data/arrive-later").resolve(date), work.resolve("inbox").resolve(date));
        }
        Map<String, String> tablesBefore = tables();

        Ran preview = nightly("--business-date=2026-12-29", "--dry-run");

        assertThat(preview.code()).as(preview.err()).isZero();
        assertThat(preview.out()).contains("2026-12-20");
        assertThat(tables()).isEqualTo(tablesBefore);
        Path shown = work.resolve("reports/2026-12-29/preview");
        assertThat(shown.resolve("rejects/2026-12-20")).isDirectory();
        assertThat(nightly("--business-date=2026-12-29").code()).isZero();
        assertThat(Files.readAllBytes(work.resolve("reports/2026-12-29/decisions.csv")))
                .isEqualTo(Files.readAllBytes(shown.resolve("decisions.csv")));
        assertThat(DB.sql("SELECT carried_by FROM nightly_run WHERE business_date = '2026-12-20'").query(String.class)
                .single()).isEqualTo("2026-12-29");
    }

    private record Ran(int code, String out, String err) {
    }

    private static Ran nightly(String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = Stream.concat(Stream.of("nightly"), Stream.concat(Stream.of(options), Stream.of(
                "--inbox=" + work.resolve("inbox"), "--outbox=" + work.resolve("outbox"),
                "--reports=" + work.resolve("reports")))).toArray(String[]::new);
        int code = new Cli(RefundSettlementApplication.class, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every table of the schema as the MD5 of its rows in text, sorted: a dump without the sequences. */
    private static Map<String, String> tables() {
        Map<String, String> tables = new TreeMap<>();
        for (String table : DB.sql("""
                SELECT format('%I', table_name) FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                """).query(String.class).list()) {
            tables.put(table, DB.sql("SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM "
                    + table + " t").query(String.class).single());
        }
        assertThat(tables).containsKeys("refund", "batch_job_execution", "nightly_run", "run_approvals");
        return tables;
    }

    private static Map<String, String> files(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path file : tree.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), hashOf(file));
            }
        }
        return files;
    }

    private static String hashOf(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path path : tree.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(path, target);
                }
            }
        }
    }
}
