package com.marketplace.refunds.refund;

import static com.marketplace.refunds.support.Nights.cancellation;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.marketplace.refunds.action.ActionRequests;
import com.marketplace.refunds.action.People;
import com.marketplace.refunds.nightly.ExitCode;
import com.marketplace.refunds.nightly.RunOutcome;
import com.marketplace.refunds.stuck.StuckFilter;
import com.marketplace.refunds.stuck.StuckRefunds;
import com.marketplace.refunds.support.Nights;

/**
 * The hold (docs/hold.md; CONTRACT section 9), whole runs on PostgreSQL with {@code min-refunds=3}:
 * nothing is held before five earlier runs; a night more than three times the median is held for its
 * method and currency only, exits 4, stays outstanding, is stuck with reason HELD once old, and comes
 * out only by a release or a cancel approved by a second person.
 */
class HoldIntegrationTests {

    private static final LocalDate NOV_1 = LocalDate.parse("2026-11-01");

    /** Night {@code day} of November: {@code card} CARD USD, {@code paypal} PAYPAL USD and {@code euro} CARD EUR cancellations of 100.00 orders. */
    private static Map<String, List<String>> night(int day, int card, int paypal, int euro) {
        List<String> orders = new ArrayList<>();
        List<String> cancellations = new ArrayList<>();
        String at = date(day) + "T08:00:00Z";
        for (String[] kind : new String[][] {{"C", "CARD", "USD", String.valueOf(card)},
                {"P", "PAYPAL", "USD", String.valueOf(paypal)}, {"E", "CARD", "EUR", String.valueOf(euro)}}) {
            for (int i = 1; i <= Integer.parseInt(kind[3]); i++) {
                String id = "O-" + day + kind[0] + i;
                orders.add(String.join(",", id, "S-1", "B-1", kind[1], "psp-" + id, kind[2], "90.00", "10.00",
                        "2026-11-01T07:00:00Z", "2027-01-30T10:00:00Z", "", "", "", "false", "2027-03-01T00:00:00Z"));
                cancellations.add(cancellation("X-" + id, id, at));
            }
        }
        return Map.of("orders.csv", orders, "cancellations.csv", cancellations);
    }

    private static LocalDate date(int day) {
        return NOV_1.plusDays(day - 1);
    }

    @Test
    void anUnusualNightIsHeldForItsMethodAndCurrencyOnlyAfterFiveEarlierRunsAndGoesOutOnceReleased()
            throws IOException {
        try (Nights nights = new Nights("hold_night", "--refunds.hold.min-refunds=3")) {
            for (int day = 1; day <= 4; day++) {
                nights.run(date(day), night(day, 1, 1, 0));
            }
            // four earlier runs only: nothing is held, however large the night
            nights.run(date(5), night(5, 4, 1, 0));
            assertThat(status("O-5C1", nights)).isEqualTo("REFUND_PROCESSING");

            nights.drop(date(6), night(6, 4, 1, 1));
            RunOutcome held = nights.attempt(date(6));

            assertThat(held.exitCode()).isEqualTo(ExitCode.HELD);
            assertThat(held.message()).contains("HELD for review: 4 CARD USD refunds approved on 2026-11-06 held: the "
                    + "night approved 4 for 400.00 USD, against a median of 1 for 100.00 USD over the last 5 runs that "
                    + "approved any (more than 3 times)", "--action=release --business-date=2026-11-06 --payment-method=CARD");
            for (int i = 1; i <= 4; i++) {
                assertThat(status("O-6C" + i, nights)).isEqualTo("HELD");
            }
            assertThat(status("O-6P1", nights)).as("PAYPAL USD is as usual").isEqualTo("REFUND_PROCESSING");
            assertThat(status("O-6E1", nights)).as("CARD EUR has no earlier runs").isEqualTo("REFUND_PROCESSING");
            assertThat(lines(cardFile(nights, date(6)))).as("the file goes out without the held refunds")
                    .hasSize(2).last().asString().contains(",O-6E1,");
            Path reports = nights.reports(date(6));
            assertThat(Files.readString(reports.resolve("reconciliation.html"))).contains("Held for review",
                    "4 CARD USD refunds approved on 2026-11-06 held", "<td>2026-11-06</td><td>CARD</td><td>USD</td>");
            assertThat(Files.readString(reports.resolve("run-summary.json"))).contains("\"exitCode\" : 4",
                    "\"held\" : [ {", "\"paymentMethod\" : \"CARD\"", "\"held\" : 4", "\"medianAmount\" : \"100.00\"",
                    "\"earlierRuns\" : 5");
            assertThat(lines(reports.resolve("reconciliation-summary.csv"))).as("held refunds are approved and outstanding")
                    .contains("CARD,USD,8,800.00,4,400.00,0,0.00,0,0.00,0,0.00,12,1200.00");
            assertThat(nights.jdbc().sql("""
                    SELECT why FROM refund_status_history h JOIN refund r USING (refund_id)
                     WHERE r.order_id = 'O-6C1' AND h.to_status = 'HELD'
                    """).query(String.class).single()).startsWith("held for review: 4 CARD USD refunds");
            assertThat(nights.jdbc().sql("""
                    SELECT coalesce(h.from_status, '-') || ' > ' || h.to_status || ' ' || coalesce(r.settlement_file, '-')
                      FROM refund_status_history h JOIN refund r USING (refund_id)
                     WHERE r.order_id = 'O-6C1' ORDER BY h.id
                    """).query(String.class).list()).as("held before it was sent: in no file, never sent")
                    .containsExactly("- > WAITING_REFUND -", "WAITING_REFUND > HELD -");
            assertThat(nights.bean(StuckRefunds.class).list(StuckFilter.all(date(6).plusDays(31))))
                    .filteredOn(stuck -> stuck.status().equals("HELD")).hasSize(4)
                    .allSatisfy(stuck -> assertThat(stuck.reason()).isEqualTo("HELD"));

            // one is cancelled and the rest released, each asked by support and approved by finance
            People people = nights.bean(People.class);
            people.add("alice", "SUPPORT", null);
            people.add("bob", "FINANCE", null);
            ActionRequests requests = nights.bean(ActionRequests.class);
            long cancel = requests.request("alice", new ActionRequests.Request("cancel", refundOf("O-6C4", nights), null,
                    null, "the store shipped it after all", null, null));
            long release = requests.request("alice", new ActionRequests.Request("release", null, date(6), "CARD",
                    "checked: a real promotion's cancellations", null, null));
            requests.decide("bob", cancel, true, "ok");
            requests.decide("bob", release, true, "ok");
            RunOutcome next = nights.run(date(7), night(7, 1, 1, 0));

            assertThat(next.exitCode()).isEqualTo(ExitCode.COMPLETED);
            assertThat(status("O-6C4", nights)).isEqualTo("CANCELLED");
            for (int i = 1; i <= 3; i++) {
                assertThat(status("O-6C" + i, nights)).isEqualTo("REFUND_PROCESSING");
            }
            assertThat(lines(cardFile(nights, date(7)))).hasSize(5)
                    .anySatisfy(line -> assertThat(line).contains(",O-6C1,"))
                    .noneSatisfy(line -> assertThat(line).contains(",O-6C4,"));
            assertThat(Files.readString(nights.reports(date(7)).resolve("reconciliation.html")))
                    .doesNotContain("Held for review");
        }
    }

    @Test
    void switchedOffNothingIsHeldAndANightAtThreeTimesTheMedianIsNotMoreThanThreeTimes() {
        try (Nights nights = new Nights("hold_off", "--refunds.hold.min-refunds=3")) {
            for (int day = 1; day <= 5; day++) {
                nights.run(date(day), night(day, 1, 0, 0));
            }
            assertThat(nights.run(date(6), night(6, 3, 0, 0)).exitCode()).as("3 is not more than 3 × 1")
                    .isEqualTo(ExitCode.COMPLETED);
        }
        try (Nights nights = new Nights("hold_switched_off", "--refunds.hold.min-refunds=3",
                "--refunds.hold.enabled=false")) {
            for (int day = 1; day <= 5; day++) {
                nights.run(date(day), night(day, 1, 0, 0));
            }
            assertThat(nights.run(date(6), night(6, 10, 0, 0)).exitCode()).isEqualTo(ExitCode.COMPLETED);
            assertThat(status("O-6C10", nights)).isEqualTo("REFUND_PROCESSING");
        }
    }

    private static String refundOf(String orderId, Nights nights) {
        return nights.jdbc().sql("SELECT refund_id FROM refund WHERE order_id = ?").param(orderId).query(String.class)
                .single();
    }

    private static String status(String orderId, Nights nights) {
        return nights.jdbc().sql("SELECT status FROM refund WHERE order_id = ?").param(orderId).query(String.class)
                .single();
    }

    private static Path cardFile(Nights nights, LocalDate date) throws IOException {
        try (Stream<Path> files = Files.list(nights.outbox().resolve(date.toString()))) {
            return files.filter(f -> f.getFileName().toString().matches("card-refunds-.*\\.csv")).findFirst()
                    .orElseThrow();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file);
    }
}
