package com.marketplace.refunds.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

import com.marketplace.refunds.RefundSettlementApplication;
import com.marketplace.refunds.support.Drops;
import com.marketplace.refunds.support.TestDatabase;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The money invariants of the whole job, for random orders and random triggers spread over
 * several nightly runs: no order is ever refunded above its total, the database's running
 * balance agrees with the refunds, and delivering every event again adds no refund.
 */
class RefundLedgerProperties {

    private static ConfigurableApplicationContext context;
    private static NightlyRunner runner;
    private static JdbcClient jdbc;
    private static Path folder;
    private static LocalDate nextDate = LocalDate.parse("2026-01-01");
    private static final AtomicInteger TRY = new AtomicInteger();

    @BeforeContainer
    static void startApplication() throws IOException {
        folder = Files.createTempDirectory("ledger-properties");
        context = new SpringApplicationBuilder(RefundSettlementApplication.class)
                .web(WebApplicationType.NONE)
                .run("--spring.datasource.url=" + TestDatabase.freshFor(RefundLedgerProperties.class));
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

    /** One event of an order: which kind, in which drops it arrives, and its variable facts. */
    record Event(String kind, int order, int firstDrop, boolean deliveredAgain, boolean completeAtFirst,
                 long amountMinor, String resolution) {
    }

    record Scenario(List<Long> orderTotals, List<Event> events) {
    }

    @Property(tries = 25)
    void noOrderIsEverRefundedAboveItsTotalAndReplaysAddNothing(@ForAll("scenarios") Scenario scenario) {
        String prefix = "T" + TRY.incrementAndGet();
        List<Map<String, List<String>>> drops = drops(prefix, scenario);
        for (Map<String, List<String>> drop : drops) {
            runDrop(drop);
        }
        long refundsBefore = refunds(prefix);

        Map<String, List<String>> everything = new HashMap<>();
        for (Map<String, List<String>> drop : drops) {
            drop.forEach((file, lines) -> lines.forEach(line -> {
                List<String> all = everything.computeIfAbsent(file, f -> new ArrayList<>());
                String id = line.substring(0, line.indexOf(','));
                all.removeIf(l -> l.startsWith(id + ","));
                all.add(line);
            }));
        }
        runDrop(everything);

        assertThat(refunds(prefix)).as("refunds after the replay").isEqualTo(refundsBefore);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM orders o
                 WHERE o.order_id LIKE :prefix
                   AND (SELECT coalesce(sum(r.amount_minor), 0) FROM refund r WHERE r.order_id = o.order_id)
                       > o.total_minor
                """).param("prefix", prefix + "-%").query(Long.class).single()).as("orders refunded above their total")
                .isZero();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM orders o
                 WHERE o.order_id LIKE :prefix
                   AND coalesce((SELECT c.committed_minor FROM order_commitment c WHERE c.order_id = o.order_id), 0)
                       <> (SELECT coalesce(sum(r.amount_minor), 0) FROM refund r
                                              WHERE r.order_id = o.order_id AND r.status <> 'FAILED')
                """).param("prefix", prefix + "-%").query(Long.class).single()).as("orders whose balance disagrees")
                .isZero();
        // the reconciliation reads a refund's order total from its commitment row, never from orders
        assertThat(jdbc.sql("""
                SELECT count(*) FROM orders o
                 WHERE o.order_id LIKE :prefix AND EXISTS (SELECT 1 FROM refund r WHERE r.order_id = o.order_id)
                   AND NOT EXISTS (SELECT 1 FROM order_commitment c
                                    WHERE c.order_id = o.order_id AND c.total_minor = o.total_minor)
                """).param("prefix", prefix + "-%").query(Long.class).single())
                .as("orders with a refund but no commitment row carrying their total").isZero();
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Long>> totals = Arbitraries.longs().between(1, 50_000).list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Event> events = Combinators.combine(
                Arbitraries.of("CANCEL", "RETURN", "DISPUTE", "FRAUD"),
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.longs().between(1, 80_000),
                Arbitraries.of("SELLER_ACCEPTED", "SELLER_NO_RESPONSE", "COUNTEROFFER_ACCEPTED", "PLATFORM_BUYER",
                        "PLATFORM_SELLER")).as(Event::new);
        return Combinators.combine(totals, events.list().ofMinSize(1).ofMaxSize(8)).as(Scenario::new);
    }

    /** Three drops: the orders in the first, each event in its first drop, some again later (completed). */
    private static List<Map<String, List<String>>> drops(String prefix, Scenario scenario) {
        List<Map<String, List<String>>> drops = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        for (int i = 0; i < scenario.orderTotals().size(); i++) {
            add(drops.get(0), "orders.csv", "%s-O%d,%s-S,B-1,CARD,psp_%s_%d,USD,%s,0,2025-12-01T10:00:00Z,2027-01-01T00:00:00Z,,,2025-12-05T10:00:00Z,true,2027-01-01T00:00:00Z"
                    .formatted(prefix, i, prefix, prefix, i, usd(scenario.orderTotals().get(i))));
        }
        for (int e = 0; e < scenario.events().size(); e++) {
            Event event = scenario.events().get(e);
            int order = event.order() % scenario.orderTotals().size();
            add(drops.get(event.firstDrop()), event, prefix, e, order, event.completeAtFirst());
            if (event.deliveredAgain() && event.firstDrop() < 2) {
                add(drops.get(event.firstDrop() + 1), event, prefix, e, order, true);
            }
        }
        return drops;
    }

    private static void add(Map<String, List<String>> drop, Event event, String prefix, int e, int order, boolean complete) {
        String orderId = prefix + "-O" + order;
        switch (event.kind()) {
            case "CANCEL" -> add(drop, "cancellations.csv", "%s-C%d,%s,2025-12-02T10:00:00Z,%s"
                    .formatted(prefix, e, orderId, complete ? "2025-12-02T11:00:00Z" : ""));
            case "RETURN" -> add(drop, "free_returns.csv", "%s-R%d,%s,2025-12-06T10:00:00Z,%s"
                    .formatted(prefix, e, orderId, complete ? "2025-12-08T10:00:00Z" : ""));
            case "DISPUTE" -> add(drop, "dispute_resolutions.csv",
                    "%s-D%d,%s,2025-12-06T10:00:00Z,2025-12-09T10:00:00Z,RECEIVED,,%s,%s,%s,true,%s".formatted(prefix, e,
                            orderId, usd(event.amountMinor()), event.resolution(), usd(event.amountMinor()),
                            complete ? "2025-12-08T10:00:00Z" : ""));
            default -> add(drop, "store_blocks.csv", "%s-S,2025-12-03T10:00:00Z,CONFIRMED_FRAUD,2025-12-04T10:00:00Z"
                    .formatted(prefix));
        }
    }

    private static void add(Map<String, List<String>> drop, String file, String line) {
        List<String> lines = drop.computeIfAbsent(file, f -> new ArrayList<>());
        String id = line.substring(0, line.indexOf(','));
        if (lines.stream().noneMatch(l -> l.startsWith(id + ","))) {
            lines.add(line);
        }
    }

    private static void runDrop(Map<String, List<String>> drop) {
        LocalDate date = nextDate;
        nextDate = nextDate.plusDays(1);
        Drops.write(folder.resolve("inbox"), date.toString(), drop);
        RunOutcome outcome = runner.run(date, folder.resolve("inbox"), folder.resolve("outbox"), folder.resolve("reports"));
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCode.COMPLETED);
    }

    private static long refunds(String prefix) {
        return jdbc.sql("SELECT count(*) FROM refund WHERE order_id LIKE :prefix").param("prefix", prefix + "-%")
                .query(Long.class).single();
    }

    private static String usd(long minor) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString();
    }
}
