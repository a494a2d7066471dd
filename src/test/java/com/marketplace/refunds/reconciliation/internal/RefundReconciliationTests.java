package com.marketplace.refunds.reconciliation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.marketplace.refunds.reconciliation.BreakType;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Break;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Order;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Outcome;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Refund;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Reported;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Result;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;

/**
 * What the processors' events about a refund do to it under netting (CONTRACT section 4): every
 * status, every kind of line, every break, and the order's balance a failed refund needs to be
 * paid again.
 */
class RefundReconciliationTests {

    private static final String ID = "RF-0123456789ABCDEF0123";
    /** An order of 60.00 whose only refund is ours, 12.30. */
    private static final long TOTAL = 6000;
    private static int eventNumber;

    static Refund refund(String status, int confirmations, int reversals) {
        return new Refund(ID, "O-1", "CARD", "USD", 1230, status, confirmations, reversals);
    }

    /** The order as our refund leaves it: a failed refund does not count against it. */
    static Order orderOf(Refund refund) {
        return new Order(TOTAL, refund.status().equals("FAILED") ? 0 : refund.amountMinor());
    }

    static ReportLine confirmed(String amount) {
        return line(Kind.CONFIRMED, "CARD", "USD", amount);
    }

    static ReportLine reversed(String amount) {
        return line(Kind.REVERSED, "CARD", "USD", amount);
    }

    static ReportLine line(Kind kind, String method, String currency, String amount) {
        return new ReportLine(method, "settlement_detail_report_batch_1.csv", 7, ID, kind,
                kind == Kind.REVERSED ? "RefundedReversed" : "Refunded", "event-" + ++eventNumber, currency,
                new BigDecimal(amount));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // refund at start, lines, status at end, confirmations and reversals counted at end, breaks
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("12.30")), "REFUNDED", 1, 0, List.of()),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("12.3000")), "REFUNDED", 1, 0, List.of()),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("12.31")), "REFUND_PROCESSING", 0, 0,
                        List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(line(Kind.CONFIRMED, "CARD", "EUR", "12.30")),
                        "REFUND_PROCESSING", 0, 0, List.of(BreakType.CURRENCY_MISMATCH)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("12.30"), confirmed("12.30")),
                        "REFUNDED", 2, 0, List.of(BreakType.DUPLICATE_CONFIRMATION)),
                Arguments.of(refund("REFUNDED", 1, 0), List.of(confirmed("12.30")), "REFUNDED", 2, 0,
                        List.of(BreakType.DUPLICATE_CONFIRMATION)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("12.30"), reversed("12.30")),
                        "FAILED", 1, 1, List.of()),
                // a reversal before any confirmation holds the balance: the money has not been seen to come back
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(reversed("12.30")), "REFUND_PROCESSING", 0, 1,
                        List.of(BreakType.REVERSED)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 1), List.of(confirmed("12.30")), "FAILED", 1, 1, List.of()),
                Arguments.of(refund("REFUNDED", 1, 0), List.of(reversed("12.30")), "FAILED", 1, 1,
                        List.of(BreakType.REVERSED)),
                Arguments.of(refund("FAILED", 1, 1), List.of(reversed("12.30")), "FAILED", 1, 2,
                        List.of(BreakType.REVERSED)),
                // paid again after it failed: the order still has the balance, so it counts again
                Arguments.of(refund("FAILED", 1, 1), List.of(confirmed("12.30")), "REFUNDED", 2, 1, List.of()),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0),
                        List.of(confirmed("12.30"), reversed("12.30"), confirmed("12.30")), "REFUNDED", 2, 1, List.of()),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0),
                        List.of(confirmed("12.30"), confirmed("12.30"), reversed("12.30")), "REFUNDED", 2, 1,
                        List.of(BreakType.DUPLICATE_CONFIRMATION, BreakType.REVERSED)),
                Arguments.of(refund("REFUNDED", 1, 0), List.of(reversed("1.00")), "REFUNDED", 1, 0,
                        List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of(refund("WAITING_REFUND", 0, 0), List.of(confirmed("12.30")), "WAITING_REFUND", 0, 0,
                        List.of(BreakType.UNKNOWN_REFERENCE)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(line(Kind.CONFIRMED, "PAYPAL", "USD", "12.30")),
                        "REFUND_PROCESSING", 0, 0, List.of(BreakType.UNKNOWN_REFERENCE)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("-12.30")), "REFUND_PROCESSING", 0, 0,
                        List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(confirmed("12.31"), confirmed("12.30")),
                        "REFUNDED", 1, 0, List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of(refund("REFUND_PROCESSING", 0, 0), List.of(line(Kind.UNHANDLED, "CARD", "USD", "12.30")),
                        "REFUND_PROCESSING", 0, 0, List.of(BreakType.UNHANDLED_REFUND_TYPE)));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} ({3}/{4}) {5}")
    @MethodSource("cases")
    void movesTheRefundByItsNetEventsAndBreaksOnTheRest(Refund refund, List<ReportLine> lines, String end,
                                                       int confirmations, int reversals, List<BreakType> breaks) {
        Result result = RefundReconciliation.reconcile(orderOf(refund),
                lines.stream().map(line -> new Reported(line, refund)).toList());

        Outcome outcome = result.outcomes().isEmpty() ? new Outcome(refund, refund.status(), refund.confirmations(),
                refund.reversals()) : result.outcomes().get(0);
        assertThat(outcome.endStatus()).isEqualTo(end);
        assertThat(outcome.confirmations()).as("confirmations").isEqualTo(confirmations);
        assertThat(outcome.reversals()).as("reversals").isEqualTo(reversals);
        assertThat(result.breaks()).extracting(Break::type).containsExactlyElementsOf(breaks);
    }

    @Test
    void aFailedRefundPaidAgainWhenAnotherRefundHasTakenTheBalanceStaysFailedAsPaidAfterFailure() {
        // given: 60.00 order; our 12.30 refund failed and another refund now holds the whole 60.00
        Refund failed = refund("FAILED", 1, 1);
        // when
        Result result = RefundReconciliation.reconcile(new Order(TOTAL, TOTAL),
                List.of(new Reported(confirmed("12.30"), failed)));
        // then
        assertThat(result.outcomes()).singleElement().satisfies(outcome -> {
            assertThat(outcome.endStatus()).isEqualTo("FAILED");
            assertThat(outcome.confirmations()).isEqualTo(2);
        });
        assertThat(result.transitions()).isEmpty();
        assertThat(result.breaks()).extracting(Break::type).containsExactly(BreakType.PAID_AFTER_FAILURE);
    }

    @Test
    void twoFailedRefundsOfOneOrderPaidAgainTakeTheBalanceOneAfterTheOther() {
        // given: a 20.00 order with two failed 12.30 refunds: only one of them fits again
        Refund first = new Refund("RF-A", "O-1", "CARD", "USD", 1230, "FAILED", 1, 1);
        Refund second = new Refund("RF-B", "O-1", "CARD", "USD", 1230, "FAILED", 1, 1);
        // when
        Result result = RefundReconciliation.reconcile(new Order(2000, 0), List.of(
                new Reported(confirmed("12.30"), first), new Reported(confirmed("12.30"), second)));
        // then
        assertThat(result.outcomes()).extracting(o -> o.refund().refundId() + ">" + o.endStatus())
                .containsExactly("RF-A>REFUNDED", "RF-B>FAILED");
        assertThat(result.breaks()).extracting(Break::type, Break::refundId)
                .containsExactly(org.assertj.core.api.Assertions.tuple(BreakType.PAID_AFTER_FAILURE, "RF-B"));
    }

    @Test
    void recordsEachStepOfAConfirmationLaterReversedInTheSameRun() {
        Refund refund = refund("REFUND_PROCESSING", 0, 0);
        Result result = RefundReconciliation.reconcile(orderOf(refund),
                List.of(new Reported(confirmed("12.30"), refund), new Reported(reversed("12.30"), refund)));

        assertThat(result.transitions()).extracting(t -> t.from() + ">" + t.to())
                .containsExactly("REFUND_PROCESSING>REFUNDED", "REFUNDED>FAILED");
        assertThat(result.transitions().get(0).why()).isEqualTo("confirmed in settlement_detail_report_batch_1.csv line 7");
    }

    @Test
    void reportsEveryLineOfAnUnknownReferenceAndMovesNothing() {
        Result result = RefundReconciliation.reconcile(null,
                List.of(new Reported(confirmed("12.30"), null), new Reported(reversed("12.30"), null)));

        assertThat(result.transitions()).isEmpty();
        assertThat(result.outcomes()).isEmpty();
        assertThat(result.breaks()).extracting(Break::type)
                .containsExactly(BreakType.UNKNOWN_REFERENCE, BreakType.UNKNOWN_REFERENCE);
        assertThat(result.breaks().get(0).expectedAmount()).isNull();
        assertThat(result.breaks().get(0).reportedAmount()).isEqualTo("12.30");
    }

    @Test
    void aLineWithoutAReferenceIsAnUnknownReferenceWithoutARefundId() {
        ReportLine noReference = new ReportLine("CARD", "settlement_detail_report_batch_1.csv", 2, "", Kind.CONFIRMED,
                "Refunded", "event-x", "EUR", new BigDecimal("50.00"));

        Result result = RefundReconciliation.reconcile(null, List.of(new Reported(noReference, null)));

        assertThat(result.breaks()).singleElement().satisfies(broken -> {
            assertThat(broken.type()).isEqualTo(BreakType.UNKNOWN_REFERENCE);
            assertThat(broken.refundId()).isNull();
            assertThat(broken.reportedAmount()).isEqualTo("50.00");
        });
    }

    @Test
    void anUnknownReferenceThatLooksLikeACardNumberIsMaskedInItsBreak() {
        ReportLine card = new ReportLine("PAYPAL", "STL-20261125.01.009.CSV", 6, "4111111111111111", Kind.CONFIRMED,
                "T1107", "event-y", "USD", new BigDecimal("1.00"));

        Result result = RefundReconciliation.reconcile(null, List.of(new Reported(card, null)));

        assertThat(result.breaks().get(0).refundId()).isEqualTo("************1111");
    }

    @Test
    void comparesZeroDecimalCurrenciesByValue() {
        Refund yen = new Refund(ID, "O-1", "PAYPAL", "JPY", 150, "REFUND_PROCESSING", 0, 0);

        Result result = RefundReconciliation.reconcile(new Order(150, 150),
                List.of(new Reported(line(Kind.CONFIRMED, "PAYPAL", "JPY", "150.00"), yen)));

        assertThat(result.outcomes()).singleElement().extracting(Outcome::endStatus).isEqualTo("REFUNDED");
        assertThat(result.breaks()).isEmpty();
    }

    @Test
    void aMismatchNamesBothAmounts() {
        Refund refund = refund("REFUND_PROCESSING", 0, 0);
        Result result = RefundReconciliation.reconcile(orderOf(refund), List.of(new Reported(confirmed("12.31"), refund)));

        Break mismatch = result.breaks().get(0);
        assertThat(mismatch.expectedAmount()).isEqualTo("12.30");
        assertThat(mismatch.reportedAmount()).isEqualTo("12.31");
        assertThat(mismatch.reportFile()).isEqualTo("settlement_detail_report_batch_1.csv");
        assertThat(mismatch.reportLine()).isEqualTo(7);
    }
}
