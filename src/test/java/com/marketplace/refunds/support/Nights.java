package com.marketplace.refunds.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.NightlyRunner;
import com.marketplace.refunds.nightly.RunOutcome;

/**
 * Whole nightly runs in this JVM on a database of the test's own, with hand-written drops and card
 * reports: what the netting tests need to play a processor, night after night.
 */
public final class Nights implements AutoCloseable {

    public static final String CARD_HEADER = "Type,Modification Reference,Modification Merchant Reference,Gross Currency,"
            + "Gross Debit (GC),Gross Credit (GC)";

    private final ConfigurableApplicationContext context;
    private final NightlyRunner runner;
    private final JdbcClient jdbc;
    private final Path folder;
    private final String url;

    /** A fresh database of this name; {@code settings} are more {@code --name=value} for the application. */
    public Nights(String name, String... settings) {
        try {
            this.folder = Files.createTempDirectory(name);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.url = TestDatabase.fresh(name);
        this.context = StartedApplication.on(url, settings);
        this.runner = context.getBean(NightlyRunner.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    /** The JDBC URL of the nights' database. */
    public String url() {
        return url;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public Path inbox() {
        return folder.resolve("inbox");
    }

    public Path outbox() {
        return folder.resolve("outbox");
    }

    public Path reports(LocalDate date) {
        return folder.resolve("reports").resolve(date.toString());
    }

    /** The drop of the date with these extract lines, then its run, which must complete. */
    public RunOutcome run(LocalDate date, Map<String, List<String>> lines) {
        Drops.write(inbox(), date.toString(), lines);
        RunOutcome outcome = runner.run(date, inbox(), outbox(), folder.resolve("reports"));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
        return outcome;
    }

    /** The drop of the date with these extract lines, without running anything. */
    public Path drop(LocalDate date, Map<String, List<String>> lines) {
        return Drops.write(inbox(), date.toString(), lines);
    }

    /** The run of one date, whatever its outcome. */
    public RunOutcome attempt(LocalDate date) {
        return runner.run(date, inbox(), outbox(), folder.resolve("reports"));
    }

    /** {@code nightly} without a date (catch-up), up to {@code until} when given; each completed run's summary to {@code completed}. */
    public RunOutcome catchUp(LocalDate until, List<String> completed) {
        return runner.catchUp(java.util.Optional.ofNullable(until), inbox(), outbox(), folder.resolve("reports"),
                completed::add);
    }

    /** A card settlement details report in {@code <inbox>/<date>/processor/}. */
    public void cardReport(LocalDate date, String name, List<String> lines) {
        try {
            Path processor = Files.createDirectories(inbox().resolve(date.toString()).resolve("processor"));
            Files.writeString(processor.resolve(name), CARD_HEADER + "\n" + String.join("\n", lines) + "\n",
                    StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A card line that confirms the refund, the processor's own reference for it given. */
    public static String confirms(String modificationReference, String refundId, String amount) {
        return String.join(",", "Refunded", modificationReference, refundId, "USD", amount, "");
    }

    /** A card line that says the refund came back. */
    public static String reverses(String modificationReference, String refundId, String amount) {
        return String.join(",", "RefundedReversed", modificationReference, refundId, "USD", "", amount);
    }

    /** An unshipped USD card order paid on 1 Nov 2026, in protection until March 2027. */
    public static String order(String id, String items, String shipping) {
        return String.join(",", id, "S-1", "B-1", "CARD", "psp-" + id, "USD", items, shipping, "2026-11-01T10:00:00Z",
                "2027-01-30T10:00:00Z", "", "", "", "false", "2027-03-01T00:00:00Z");
    }

    /** A buyer cancellation the seller confirmed: it asks the order total. */
    public static String cancellation(String id, String order, String at) {
        return String.join(",", id, order, at, at);
    }

    /** A dispute the seller accepted, paying {@code amount}. */
    public static String dispute(String id, String order, String resolvedAt, String amount) {
        return String.join(",", id, order, "2026-11-05T10:00:00Z", resolvedAt, "RECEIVED", "", amount,
                "SELLER_ACCEPTED", "", "false", "");
    }

    /** The contract's refund_id: RF- and the first 20 hex digits, upper case, of the key's SHA-256. */
    public static String refundId(String refundKey) {
        return "RF-" + Drops.sha256(refundKey.getBytes(StandardCharsets.UTF_8)).substring(0, 20).toUpperCase();
    }

    public String status(String refundKey) {
        return jdbc.sql("SELECT status FROM refund WHERE refund_key = :k").param("k", refundKey).query(String.class)
                .single();
    }

    public long committed(String orderId) {
        return Databases.committed(jdbc, orderId);
    }

    public List<String> breaks(LocalDate date) {
        return jdbc.sql("""
                SELECT break_type || ' ' || coalesce(refund_id, '-') FROM reconciliation_break
                 WHERE business_date = :d ORDER BY seq
                """).param("d", date).query(String.class).list();
    }

    public String decision(LocalDate date, String refundKey) {
        return jdbc.sql("""
                SELECT decision || coalesce(' ' || reason, '') FROM decision WHERE business_date = :d AND refund_key = :k
                """).param("d", date).param("k", refundKey).query(String.class).single();
    }

    @Override
    public void close() {
        try {
            context.close();
        }
        finally {
            try {
                FileSystemUtils.deleteRecursively(folder);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
