package com.marketplace.refunds.reconciliation;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.confirms;
import static com.marketplace.refunds.support.Nights.dispute;
import static com.marketplace.refunds.support.Nights.order;
import static com.marketplace.refunds.support.Nights.refundId;
import static com.marketplace.refunds.support.Nights.reverses;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import com.marketplace.refunds.support.Nights;

/**
 * For random sequences of confirmations and reversals of a night's refunds, delivered over two
 * nights in random report orders, some of them twice, while new disputes compete for whatever
 * balance comes free: our committed amount never exceeds an order's total, every payment the
 * processors report beyond it is a {@code PAID_AFTER_FAILURE} or {@code DUPLICATE_CONFIRMATION}
 * break, each refund's status is what its distinct events say, no event fails a run, and
 * delivering every report again changes nothing.
 */
class NettingProperties {

    private static final long TOTAL = 6000;
    private static final Nights nights = new Nights("netting_properties");
    private static LocalDate next = LocalDate.parse("2026-11-10");
    private static int tryNumber;

    @AfterContainer
    static void close() {
        nights.close();
    }

    /** One event the processor reports, with its own reference; delivered once or more. */
    private record Event(String refundKey, long amountMinor, boolean confirmation, String reference) {

        String line() {
            String amount = "%d.%02d".formatted(amountMinor / 100, amountMinor % 100);
            return confirmation ? confirms(reference, refundId(refundKey), amount)
                    : reverses(reference, refundId(refundKey), amount);
        }
    }

    @Property(tries = 5)
    void noOrderOfEventsPaysBeyondTheOrderTotalUnseen(@ForAll @IntRange(min = 1, max = 5) int orders,
                                                      @ForAll @IntRange(min = 0, max = 4) int maxEventsPerRefund,
                                                      @ForAll long seed) {
        Random random = new Random(seed);
        String prefix = "T" + ++tryNumber + "-";
        LocalDate day1 = next;
        next = next.plusDays(4);

        // night 1: each order of 60.00 gets a 20.00 dispute refund and a cancellation capped at 40.00
        List<String> orderRows = new ArrayList<>();
        List<String> disputes = new ArrayList<>();
        List<String> cancellations = new ArrayList<>();
        Map<String, Long> amounts = new HashMap<>();
        Map<String, String> orderOf = new HashMap<>();
        for (int k = 0; k < orders; k++) {
            String orderId = prefix + "O" + k;
            orderRows.add(order(orderId, "55.00", "5.00"));
            disputes.add(dispute(orderId + "-DA", orderId, day1 + "T08:00:00Z", "20.00"));
            cancellations.add(cancellation(orderId + "-C", orderId, day1 + "T09:00:00Z"));
            amounts.put("DISPUTE:" + orderId + "-DA", 2000L);
            amounts.put("CANCEL:" + orderId + "-C", 4000L);
            orderOf.put("DISPUTE:" + orderId + "-DA", orderId);
            orderOf.put("CANCEL:" + orderId + "-C", orderId);
        }
        nights.run(day1, Map.of("orders.csv", orderRows, "dispute_resolutions.csv", disputes,
                "cancellations.csv", cancellations));

        // the processor's events for them, each delivered on night 2 or 3, some twice
        Map<String, int[]> distinct = new HashMap<>();
        List<List<Event>> deliveries = List.of(new ArrayList<>(), new ArrayList<>());
        int reference = 0;
        for (String key : amounts.keySet().stream().sorted().toList()) {
            int[] counts = new int[2];
            distinct.put(key, counts);
            for (int e = random.nextInt(maxEventsPerRefund + 1); e > 0; e--) {
                Event event = new Event(key, amounts.get(key), random.nextInt(3) > 0,
                        prefix + "M" + ++reference);
                counts[event.confirmation() ? 0 : 1]++;
                deliveries.get(random.nextInt(2)).add(event);
                if (random.nextInt(4) == 0) {
                    deliveries.get(random.nextInt(2)).add(event);
                }
            }
        }

        // nights 2 and 3: the reports in random order and files, and a dispute of 60.00 per order each night
        for (int night = 0; night < 2; night++) {
            LocalDate date = day1.plusDays(night + 1);
            writeReports(date, deliveries.get(night), random);
            List<String> newDisputes = new ArrayList<>();
            for (int k = 0; k < orders; k++) {
                String orderId = prefix + "O" + k;
                newDisputes.add(dispute(orderId + "-D" + night, orderId, date + "T08:00:00Z", "60.00"));
            }
            nights.run(date, Map.of("dispute_resolutions.csv", newDisputes));
        }
        Map<String, List<Object>> afterNight3 = state(prefix);

        // then
        for (String key : amounts.keySet()) {
            int confirmations = distinct.get(key)[0];
            int reversals = distinct.get(key)[1];
            List<Object> refund = afterNight3.get(key);
            String status = (String) refund.get(0);
            assertThat(refund.subList(1, 3)).as("%s counts each distinct event once", key)
                    .containsExactly(confirmations, reversals);
            long paidBreaks = breaksOf(key, day1);
            if (confirmations == 0) {
                assertThat(status).as(key).isEqualTo("REFUND_PROCESSING");
            }
            else if (confirmations <= reversals) {
                assertThat(status).as(key).isEqualTo("FAILED");
            }
            else {
                assertThat(status).as(key).isIn("REFUNDED", "FAILED");
                if (status.equals("FAILED")) {
                    assertThat(paidBreaks).as("%s paid after failure is a break", key).isPositive();
                }
            }
            long paymentsReported = Math.max(confirmations - reversals, 0);
            long paymentsAccountedFor = status.equals("REFUNDED") ? 1 : 0;
            assertThat(paidBreaks).as("every payment of %s beyond the one we count is a break", key)
                    .isGreaterThanOrEqualTo(paymentsReported - paymentsAccountedFor);
        }
        for (int k = 0; k < orders; k++) {
            String orderId = prefix + "O" + k;
            long committed = nights.committed(orderId);
            assertThat(committed).as("%s committed", orderId).isBetween(0L, TOTAL).isEqualTo(countedAgainst(orderId));
            long paidByProcessors = 0;
            long inBreaks = 0;
            for (String key : amounts.keySet()) {
                if (orderOf.get(key).equals(orderId)) {
                    int[] counts = distinct.get(key);
                    paidByProcessors += Math.max(counts[0] - counts[1], 0) * amounts.get(key);
                    inBreaks += breaksOf(key, day1) * amounts.get(key);
                }
            }
            assertThat(Math.max(paidByProcessors - TOTAL, 0)).as("what %s's processors paid beyond its total is in breaks",
                    orderId).isLessThanOrEqualTo(inBreaks);
        }

        // night 4: every report of nights 2 and 3 delivered again, under new names: nothing changes
        LocalDate day4 = day1.plusDays(3);
        List<Event> again = new ArrayList<>(deliveries.get(0));
        again.addAll(deliveries.get(1));
        writeReports(day4, again, random);
        nights.run(day4, Map.of());
        assertThat(state(prefix)).as("a report delivered again changes nothing").isEqualTo(afterNight3);
        assertThat(nights.jdbc().sql("""
                SELECT count(*) FROM reconciliation_break b JOIN refund r USING (refund_id)
                 WHERE b.business_date = :d AND r.order_id LIKE :p
                """).param("d", day4).param("p", prefix + "%").query(Long.class).single()).isZero();
    }

    /** The events in random order over one to three reports of the date. */
    private static void writeReports(LocalDate date, List<Event> events, Random random) {
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);
        int reports = 1 + random.nextInt(3);
        for (int r = 0; r < reports; r++) {
            List<String> lines = new ArrayList<>();
            for (int i = r; i < shuffled.size(); i += reports) {
                lines.add(shuffled.get(i).line());
            }
            String name = "settlement_detail_report_batch_" + (1 + random.nextInt(1000)) * 10 + r + ".csv";
            nights.cardReport(date, name, lines);
        }
    }

    /** Status, confirmations, reversals of every refund of this try, and each order's committed amount. */
    private static Map<String, List<Object>> state(String prefix) {
        Map<String, List<Object>> state = new HashMap<>();
        nights.jdbc().sql("SELECT refund_key, status, confirmations, reversals FROM refund WHERE order_id LIKE :p")
                .param("p", prefix + "%").query(row -> {
                    state.put(row.getString(1), List.of(row.getString(2), row.getInt(3), row.getInt(4)));
                });
        nights.jdbc().sql("""
                SELECT o.order_id, coalesce(c.committed_minor, 0) FROM orders o
                  LEFT JOIN order_commitment c ON c.order_id = o.order_id WHERE o.order_id LIKE :p
                """)
                .param("p", prefix + "%").query(row -> {
                    state.put(row.getString(1), List.of(row.getLong(2)));
                });
        return state;
    }

    private static long breaksOf(String refundKey, LocalDate from) {
        return nights.jdbc().sql("""
                SELECT count(*) FROM reconciliation_break
                 WHERE refund_id = :id AND business_date >= :d AND break_type IN ('DUPLICATE_CONFIRMATION', 'PAID_AFTER_FAILURE')
                """).param("id", refundId(refundKey)).param("d", from).query(Long.class).single();
    }

    private static long countedAgainst(String orderId) {
        return nights.jdbc().sql("""
                SELECT coalesce(sum(amount_minor), 0) FROM refund WHERE order_id = :o AND status <> 'FAILED'
                """).param("o", orderId).query(Long.class).single();
    }
}
