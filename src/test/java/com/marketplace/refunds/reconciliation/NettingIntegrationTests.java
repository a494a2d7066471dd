package com.marketplace.refunds.reconciliation;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.confirms;
import static com.marketplace.refunds.support.Nights.dispute;
import static com.marketplace.refunds.support.Nights.order;
import static com.marketplace.refunds.support.Nights.refundId;
import static com.marketplace.refunds.support.Nights.reverses;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import com.marketplace.refunds.support.Nights;

/**
 * Netting over whole nights on PostgreSQL (CONTRACT section 4): the balance of an order is freed
 * only when the processor's events say the money came back, so no order of events pays a refund
 * twice; an event delivered again, under any name, counts once.
 */
class NettingIntegrationTests {

    private static final Nights nights = new Nights("netting_integration");
    private static LocalDate next = LocalDate.parse("2026-11-10");

    @AfterAll
    static void close() {
        nights.close();
    }

    /**
     * Day 1 of every scenario: a 60.00 order, cancelled, its refund of 60.00 approved and sent.
     * The processor's references of each scenario start with its refund key: a processor never
     * gives two events the same reference, and this database holds every scenario.
     */
    private static String sentCancellation(LocalDate day1, String orderId) {
        nights.run(day1, Map.of("orders.csv", List.of(order(orderId, "55.00", "5.00")),
                "cancellations.csv", List.of(cancellation("C-" + orderId, orderId, day1 + "T09:00:00Z"))));
        String key = "CANCEL:C-" + orderId;
        assertThat(nights.status(key)).isEqualTo("REFUND_PROCESSING");
        return key;
    }

    @Test
    void aReversalBeforeAnyConfirmationHoldsTheBalanceSoTheOrderIsNeverPaidTwice() {
        LocalDate day1 = next;
        LocalDate day2 = day1.plusDays(1);
        LocalDate day3 = day1.plusDays(2);
        next = day1.plusDays(3);
        String c = sentCancellation(day1, "O-REV");
        // day 2: the card report reverses C, never confirmed; a dispute of the same order asks 60.00
        nights.cardReport(day2, "settlement_detail_report_batch_1.csv", List.of(reverses(c + "/M-1", refundId(c), "60.00")));
        nights.run(day2, Map.of("dispute_resolutions.csv", List.of(dispute("D-O-REV", "O-REV", day2 + "T08:00:00Z",
                "60.00"))));
        // then: C still holds the balance, so the dispute gets nothing
        assertThat(nights.status(c)).isEqualTo("REFUND_PROCESSING");
        assertThat(nights.breaks(day2)).containsExactly("REVERSED " + refundId(c));
        assertThat(nights.decision(day2, "DISPUTE:D-O-REV")).isEqualTo("REJECTED ALREADY_FULLY_REFUNDED");
        // day 3: the processor confirms C after all: paid out and came back, so it has failed
        nights.cardReport(day3, "settlement_detail_report_batch_2.csv", List.of(confirms(c + "/M-2", refundId(c), "60.00")));
        nights.run(day3, Map.of());
        assertThat(nights.status(c)).isEqualTo("FAILED");
        assertThat(nights.committed("O-REV")).isZero();
        assertThat(nights.breaks(day3)).isEmpty();
        assertThat(nights.jdbc().sql("SELECT count(*) FROM refund WHERE order_id = 'O-REV'").query(Long.class).single())
                .as("no second refund was ever approved").isEqualTo(1);
    }

    @Test
    void confirmedReversedAndConfirmedAgainInOneReportIsPaidOnce() {
        LocalDate day1 = next;
        LocalDate day2 = day1.plusDays(1);
        next = day1.plusDays(2);
        String c = sentCancellation(day1, "O-CRC");
        nights.cardReport(day2, "settlement_detail_report_batch_1.csv", List.of(confirms(c + "/M-1", refundId(c), "60.00"),
                reverses(c + "/M-1", refundId(c), "60.00"), confirms(c + "/M-3", refundId(c), "60.00")));
        nights.run(day2, Map.of("dispute_resolutions.csv", List.of(dispute("D-O-CRC", "O-CRC", day2 + "T08:00:00Z",
                "60.00"))));

        assertThat(nights.status(c)).as("two payments, one came back").isEqualTo("REFUNDED");
        assertThat(nights.committed("O-CRC")).isEqualTo(6000);
        assertThat(nights.breaks(day2)).isEmpty();
        assertThat(nights.decision(day2, "DISPUTE:D-O-CRC")).isEqualTo("REJECTED ALREADY_FULLY_REFUNDED");
    }

    @Test
    void aFailedRefundPaidAgainAfterAnotherRefundTookItsBalanceIsAPaidAfterFailureBreak() {
        LocalDate day1 = next;
        LocalDate day2 = day1.plusDays(1);
        LocalDate day3 = day1.plusDays(2);
        next = day1.plusDays(3);
        String c = sentCancellation(day1, "O-PAF");
        // day 2: C confirmed and reversed: failed, its 60.00 freed, and a dispute takes it that night
        nights.cardReport(day2, "settlement_detail_report_batch_1.csv", List.of(confirms(c + "/M-1", refundId(c), "60.00"),
                reverses(c + "/M-1", refundId(c), "60.00")));
        nights.run(day2, Map.of("dispute_resolutions.csv", List.of(dispute("D-O-PAF", "O-PAF", day2 + "T08:00:00Z",
                "60.00"))));
        assertThat(nights.status(c)).isEqualTo("FAILED");
        assertThat(nights.decision(day2, "DISPUTE:D-O-PAF")).isEqualTo("APPROVED");
        // day 3: the processor pays C again
        nights.cardReport(day3, "settlement_detail_report_batch_2.csv", List.of(confirms(c + "/M-4", refundId(c), "60.00")));
        nights.run(day3, Map.of());

        assertThat(nights.status(c)).isEqualTo("FAILED");
        assertThat(nights.committed("O-PAF")).as("only the dispute's refund counts").isEqualTo(6000);
        assertThat(nights.breaks(day3)).containsExactly("PAID_AFTER_FAILURE " + refundId(c));
    }

    @Test
    void aReportDeliveredAgainUnderAnotherNameChangesNothing() throws Exception {
        LocalDate day1 = next;
        LocalDate day2 = day1.plusDays(1);
        LocalDate day3 = day1.plusDays(2);
        next = day1.plusDays(3);
        String c = sentCancellation(day1, "O-AGAIN");
        nights.cardReport(day2, "settlement_detail_report_batch_1.csv", List.of(confirms(c + "/M-1", refundId(c), "60.00"),
                reverses(c + "/M-1", refundId(c), "60.00")));
        nights.run(day2, Map.of());
        assertThat(nights.status(c)).isEqualTo("FAILED");
        // day 3: yesterday's report again, under a new batch number, beside today's copy of one of its lines
        byte[] yesterday = Files.readAllBytes(nights.inbox().resolve(day2.toString()).resolve("processor")
                .resolve("settlement_detail_report_batch_1.csv"));
        nights.cardReport(day3, "settlement_detail_report_batch_7.csv", List.of(reverses(c + "/M-1", refundId(c), "60.00")));
        Files.write(nights.inbox().resolve(day3.toString()).resolve("processor")
                .resolve("settlement_detail_report_batch_2.csv"), yesterday);
        nights.run(day3, Map.of());

        assertThat(nights.status(c)).isEqualTo("FAILED");
        assertThat(nights.breaks(day3)).isEmpty();
        assertThat(nights.jdbc().sql("""
                SELECT confirmations || '/' || reversals FROM refund WHERE refund_key = :k
                """).param("k", c).query(String.class).single()).isEqualTo("1/1");
        assertThat(nights.jdbc().sql("""
                SELECT count(*) FROM processor_report_line WHERE business_date = :d AND delivered_again
                """).param("d", day3).query(Long.class).single()).isEqualTo(3);
    }
}
