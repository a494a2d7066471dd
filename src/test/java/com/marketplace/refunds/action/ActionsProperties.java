package com.marketplace.refunds.action;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.confirms;
import static com.marketplace.refunds.support.Nights.dispute;
import static com.marketplace.refunds.support.Nights.order;
import static com.marketplace.refunds.support.Nights.reverses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import com.marketplace.refunds.support.Nights;

/**
 * For random histories of one order (two refunds of 40.00 and 60.00 against its 100.00), night by
 * night: the processor confirms or sends back what is in flight, and people ask for reissues,
 * paid-outside marks and cancellations, which another person approves. However they fall, what the
 * order has paid and still owes never exceeds its total, the balance the database keeps is exactly
 * what its refunds weigh, and every night's roll-forward balances.
 */
class ActionsProperties {

    private static Nights nights;
    private static LocalDate nextDate = LocalDate.parse("2026-06-01");
    private static int histories;
    private static int events;

    @BeforeContainer
    static void start() {
        nights = new Nights("actions_properties");
        nights.bean(People.class).add("alice", "SUPPORT", null);
        nights.bean(People.class).add("bob", "FINANCE", null);
    }

    @AfterContainer
    static void stop() {
        if (nights != null) {
            nights.close();
        }
    }

    /** What the processor says of one refund in flight in one night's report; SENT_BACK is both lines at once. */
    enum Event { CONFIRM, REVERSE, SENT_BACK, SILENCE }

    enum Act { REISSUE, PAID_OUTSIDE, CANCEL, NOTHING }

    /** One night: what the processor says of each refund in flight, and what people ask for one refund. */
    record Night(List<Event> events, Act act, int which) {
    }

    @Provide
    Arbitrary<List<Night>> histories() {
        Arbitrary<Night> night = Combinators.combine(Arbitraries.of(Event.class).list().ofSize(6),
                Arbitraries.of(Act.class), Arbitraries.integers().between(0, 5)).as(Night::new);
        return night.list().ofMinSize(2).ofMaxSize(5);
    }

    @Property(tries = 6)
    void paidAndOwedNeverExceedTheTotalAndEveryNightBalances(@ForAll("histories") List<Night> history)
            throws IOException {
        live(history);
    }

    /** One history that surely goes through each action: both refunds sent back, one reissued, one paid outside. */
    @Example
    void aHistoryThroughEveryActionKeepsTheSameBounds() throws IOException {
        String order = live(List.of(new Night(List.of(Event.SENT_BACK), Act.NOTHING, 0)));
        List<String[]> failed = refunds(order);
        assertThat(failed).extracting(refund -> refund[1]).containsExactly("FAILED", "FAILED");
        ActionRequests requests = nights.bean(ActionRequests.class);

        requests.decide("bob", requests.request("alice", new ActionRequests.Request("reissue", failed.get(0)[0], null,
                null, "again", null, null)), true, null);
        requests.decide("bob", requests.request("alice", new ActionRequests.Request("paid-outside", failed.get(1)[0],
                null, null, "transfer", null, "BT-7")), true, null);
        LocalDate date = nextDate;
        nextDate = nextDate.plusDays(1);
        nights.run(date, Map.of());
        check(order, date);
        String reissued = nights.jdbc().sql("SELECT refund_id FROM refund WHERE order_id = :o AND trigger_type = 'REISSUE'")
                .param("o", order).query(String.class).single();
        assertThatThrownBy(() -> requests.request("alice", new ActionRequests.Request("reissue", failed.get(0)[0], null,
                null, "twice", null, null))).as("never two reissues at once").isInstanceOf(ActionRefused.class);

        LocalDate next = nextDate;
        nextDate = nextDate.plusDays(1);
        nights.cardReport(next, "settlement_detail_report_batch_1.csv", List.of(confirms("M-" + (++events), reissued,
                new BigDecimal(refunds(order).stream().filter(r -> r[0].equals(reissued)).findFirst().orElseThrow()[2])
                        .movePointLeft(2).toPlainString())));
        nights.run(next, Map.of());
        check(order, next);

        assertThat(refunds(order)).extracting(refund -> refund[1]).containsExactlyInAnyOrder("FAILED", "PAID_OUTSIDE",
                "REFUNDED");
        assertThat(nights.committed(order)).isEqualTo(10000);
    }

    /** Runs the order's first night and then the history; returns the order's id. */
    private static String live(List<Night> history) throws IOException {
        String order = "O-P" + (++histories);
        LocalDate first = nextDate;
        nextDate = nextDate.plusDays(1);
        nights.run(first, Map.of("orders.csv", List.of(order(order, "90.00", "10.00")),
                "dispute_resolutions.csv", List.of(dispute("D-" + order, order, first + "T07:00:00Z", "40.00")),
                "cancellations.csv", List.of(cancellation("C-" + order, order, first + "T08:00:00Z"))));
        check(order, first);

        for (Night night : history) {
            LocalDate date = nextDate;
            nextDate = nextDate.plusDays(1);
            List<String[]> refunds = refunds(order);
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < refunds.size(); i++) {
                String[] refund = refunds.get(i);
                Event event = night.events().get(i % night.events().size());
                if (!refund[1].equals("WAITING_REFUND") && event != Event.SILENCE) {
                    String amount = new BigDecimal(refund[2]).movePointLeft(2).toPlainString();
                    if (event != Event.REVERSE) {
                        lines.add(confirms("M-" + (++events), refund[0], amount));
                    }
                    if (event != Event.CONFIRM) {
                        lines.add(reverses("M-" + (++events), refund[0], amount));
                    }
                }
            }
            if (!lines.isEmpty()) {
                nights.cardReport(date, "settlement_detail_report_batch_1.csv", lines);
            }
            ask(night, refunds);
            nights.run(date, Map.of());
            check(order, date);
        }
        return order;
    }

    /** Asks for the night's action; a request that does not fit the refund is refused, as it should be. */
    private static void ask(Night night, List<String[]> refunds) {
        if (night.act() == Act.NOTHING || refunds.isEmpty()) {
            return;
        }
        String refundId = refunds.get(night.which() % refunds.size())[0];
        ActionRequests requests = nights.bean(ActionRequests.class);
        ActionRequests.Request request = switch (night.act()) {
            case REISSUE -> new ActionRequests.Request("reissue", refundId, null, null, "again", null, null);
            case PAID_OUTSIDE -> new ActionRequests.Request("paid-outside", refundId, null, null, "transfer", null, "BT-1");
            default -> new ActionRequests.Request("cancel", refundId, null, null, "stop it", null, null);
        };
        try {
            long id = requests.request("alice", request);
            requests.decide("bob", id, true, null);
        }
        catch (ActionRefused refused) {
            // the refund's status does not allow it: nothing is recorded
        }
    }

    /** The order's refunds: id, status, amount in minor units. */
    private static List<String[]> refunds(String order) {
        return nights.jdbc().sql("SELECT refund_id, status, amount_minor::text FROM refund WHERE order_id = :o ORDER BY refund_id")
                .param("o", order).query((row, n) -> new String[] {row.getString(1), row.getString(2), row.getString(3)})
                .list();
    }

    private static void check(String order, LocalDate date) throws IOException {
        long paidAndOwed = nights.jdbc().sql("""
                SELECT coalesce(sum(amount_minor), 0) FROM refund
                 WHERE order_id = :o AND status IN ('REFUNDED', 'PAID_OUTSIDE', 'WAITING_REFUND', 'HELD', 'REFUND_PROCESSING')
                """).param("o", order).query(Long.class).single();
        assertThat(paidAndOwed).as("paid and owed for %s on %s", order, date).isLessThanOrEqualTo(10000);
        assertThat(nights.committed(order)).as("the balance kept for %s", order).isEqualTo(paidAndOwed);
        List<String> summary = Files.readAllLines(nights.reports(date).resolve("reconciliation-summary.csv"));
        for (String line : summary.subList(1, summary.size())) {
            String[] cells = line.split(",");
            long[] counts = new long[6];
            BigDecimal[] amounts = new BigDecimal[6];
            for (int column = 0; column < 6; column++) {
                counts[column] = Long.parseLong(cells[2 + 2 * column]);
                amounts[column] = new BigDecimal(cells[3 + 2 * column]);
            }
            assertThat(counts[0] + counts[1] - counts[2] - counts[3] - counts[4]).as("counts on %s: %s", date, line)
                    .isEqualTo(counts[5]);
            assertThat(amounts[0].add(amounts[1]).subtract(amounts[2]).subtract(amounts[3]).subtract(amounts[4]))
                    .as("amounts on %s: %s", date, line).isEqualByComparingTo(amounts[5]);
        }
    }
}
