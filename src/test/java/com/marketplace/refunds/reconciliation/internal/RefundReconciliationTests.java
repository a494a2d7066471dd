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
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Refund;
import com.marketplace.refunds.reconciliation.internal.RefundReconciliation.Result;
import com.marketplace.refunds.reconciliation.internal.ReportLine.Kind;

/** What the processors' lines about one refund do to it: every status, every kind of line, every break. */
class RefundReconciliationTests {

    private static final String ID = "RF-0123456789ABCDEF0123";

    static Refund refund(String status) {
        return new Refund(ID, "CARD", "USD", 1230, status);
    }

    static ReportLine confirmed(String amount) {
        return line(Kind.CONFIRMED, "CARD", "USD", amount);
    }

    static ReportLine reversed(String amount) {
        return line(Kind.REVERSED, "CARD", "USD", amount);
    }

    static ReportLine line(Kind kind, String method, String currency, String amount) {
        return new ReportLine(method, "settlement_detail_report_batch_1.csv", 7, ID, kind, currency, new BigDecimal(amount));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // status at start, lines, status at end, breaks
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("12.30")), "REFUNDED", List.of()),
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("12.3000")), "REFUNDED", List.of()),
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("12.31")), "REFUND_PROCESSING",
                        List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of("REFUND_PROCESSING", List.of(line(Kind.CONFIRMED, "CARD", "EUR", "12.30")),
                        "REFUND_PROCESSING", List.of(BreakType.CURRENCY_MISMATCH)),
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("12.30"), confirmed("12.30")), "REFUNDED",
                        List.of(BreakType.DUPLICATE_CONFIRMATION)),
                Arguments.of("REFUNDED", List.of(confirmed("12.30")), "REFUNDED",
                        List.of(BreakType.DUPLICATE_CONFIRMATION)),
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("12.30"), reversed("12.30")), "FAILED", List.of()),
                Arguments.of("REFUND_PROCESSING", List.of(reversed("12.30")), "FAILED", List.of()),
                Arguments.of("REFUNDED", List.of(reversed("12.30")), "FAILED", List.of(BreakType.REVERSED)),
                Arguments.of("FAILED", List.of(reversed("12.30")), "FAILED", List.of(BreakType.REVERSED)),
                Arguments.of("FAILED", List.of(confirmed("12.30")), "FAILED", List.of(BreakType.DUPLICATE_CONFIRMATION)),
                Arguments.of("REFUNDED", List.of(reversed("1.00")), "REFUNDED", List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of("WAITING_REFUND", List.of(confirmed("12.30")), "WAITING_REFUND",
                        List.of(BreakType.UNKNOWN_REFERENCE)),
                Arguments.of("REFUND_PROCESSING", List.of(line(Kind.CONFIRMED, "PAYPAL", "USD", "12.30")),
                        "REFUND_PROCESSING", List.of(BreakType.UNKNOWN_REFERENCE)),
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("-12.30")), "REFUND_PROCESSING",
                        List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of("REFUND_PROCESSING", List.of(confirmed("12.31"), confirmed("12.30")), "REFUNDED",
                        List.of(BreakType.AMOUNT_MISMATCH)),
                Arguments.of("WAITING_REFUND", List.of(confirmed("99.99")), "WAITING_REFUND",
                        List.of(BreakType.UNKNOWN_REFERENCE)),
                Arguments.of("REFUND_PROCESSING", List.of(line(Kind.CONFIRMED, "PAYPAL", "EUR", "1.00")),
                        "REFUND_PROCESSING", List.of(BreakType.UNKNOWN_REFERENCE)));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2} {3}")
    @MethodSource("cases")
    void movesTheRefundOnlyOnLinesThatAgreeAndBreaksOnTheRest(String start, List<ReportLine> lines, String end,
                                                              List<BreakType> breaks) {
        Result result = RefundReconciliation.reconcile(refund(start), lines);

        assertThat(result.startStatus()).isEqualTo(start);
        assertThat(result.endStatus()).isEqualTo(end);
        assertThat(result.breaks()).extracting(Break::type).containsExactlyElementsOf(breaks);
    }

    @Test
    void recordsEachStepOfAConfirmationLaterReversedInTheSameRun() {
        Result result = RefundReconciliation.reconcile(refund("REFUND_PROCESSING"),
                List.of(confirmed("12.30"), reversed("12.30")));

        assertThat(result.transitions()).extracting(t -> t.from() + ">" + t.to())
                .containsExactly("REFUND_PROCESSING>REFUNDED", "REFUNDED>FAILED");
        assertThat(result.transitions().get(0).why()).isEqualTo("confirmed in settlement_detail_report_batch_1.csv line 7");
    }

    @Test
    void reportsEveryLineOfAnUnknownReferenceAndMovesNothing() {
        Result result = RefundReconciliation.reconcile(null, List.of(confirmed("12.30"), reversed("12.30")));

        assertThat(result.transitions()).isEmpty();
        assertThat(result.breaks()).extracting(Break::type)
                .containsExactly(BreakType.UNKNOWN_REFERENCE, BreakType.UNKNOWN_REFERENCE);
        assertThat(result.breaks().get(0).expectedAmount()).isNull();
        assertThat(result.breaks().get(0).reportedAmount()).isEqualTo("12.30");
    }

    @Test
    void comparesZeroDecimalCurrenciesByValue() {
        Refund yen = new Refund(ID, "PAYPAL", "JPY", 150, "REFUND_PROCESSING");

        Result result = RefundReconciliation.reconcile(yen, List.of(line(Kind.CONFIRMED, "PAYPAL", "JPY", "150.00")));

        assertThat(result.endStatus()).isEqualTo("REFUNDED");
        assertThat(result.breaks()).isEmpty();
    }

    @Test
    void aMismatchNamesBothAmounts() {
        Result result = RefundReconciliation.reconcile(refund("REFUND_PROCESSING"), List.of(confirmed("12.31")));

        Break mismatch = result.breaks().get(0);
        assertThat(mismatch.expectedAmount()).isEqualTo("12.30");
        assertThat(mismatch.reportedAmount()).isEqualTo("12.31");
        assertThat(mismatch.reportFile()).isEqualTo("settlement_detail_report_batch_1.csv");
        assertThat(mismatch.reportLine()).isEqualTo(7);
    }
}
