package com.marketplace.refunds.action;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.order;
import static com.marketplace.refunds.support.Nights.refundId;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.marketplace.refunds.support.Nights;

/**
 * Each action against each status of a refund (docs/actions.md), table-driven, through the database's
 * {@code action_unfit}: the one rule that refuses a request and makes an approved action STALE.
 */
class ActionFitTests {

    private static final LocalDate SENT = LocalDate.parse("2026-11-10");
    private static final String REFUND = refundId("CANCEL:C-1");
    private static Nights nights;

    @BeforeAll
    static void oneRefundSent() {
        nights = new Nights("action_fit");
        nights.run(SENT, Map.of("orders.csv", List.of(order("O-1", "90.00", "10.00")),
                "cancellations.csv", List.of(cancellation("C-1", "O-1", "2026-11-10T08:00:00Z"))));
    }

    @AfterAll
    static void close() {
        nights.close();
    }

    @ParameterizedTest(name = "{0} of a {1} refund ({2} confirmations, {3} reversals), {4} days after it was sent: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            reissue      | FAILED            | 1 | 1 | 1  | fits
            reissue      | REFUND_PROCESSING | 0 | 1 | 21 | fits
            reissue      | REFUND_PROCESSING | 0 | 1 | 20 | unfit
            reissue      | REFUND_PROCESSING | 0 | 0 | 40 | unfit
            reissue      | REFUND_PROCESSING | 1 | 2 | 40 | unfit
            reissue      | WAITING_REFUND    | 0 | 0 | 40 | unfit
            reissue      | HELD              | 0 | 0 | 40 | unfit
            reissue      | REFUNDED          | 1 | 0 | 40 | unfit
            reissue      | PAID_OUTSIDE      | 1 | 1 | 40 | unfit
            reissue      | CANCELLED         | 0 | 0 | 40 | unfit
            paid-outside | FAILED            | 1 | 1 | 1  | fits
            paid-outside | REFUND_PROCESSING | 0 | 1 | 21 | fits
            paid-outside | REFUND_PROCESSING | 0 | 1 | 20 | unfit
            paid-outside | WAITING_REFUND    | 0 | 0 | 40 | unfit
            paid-outside | HELD              | 0 | 0 | 40 | unfit
            paid-outside | REFUNDED          | 1 | 0 | 40 | unfit
            paid-outside | PAID_OUTSIDE      | 1 | 1 | 40 | unfit
            paid-outside | CANCELLED         | 0 | 0 | 40 | unfit
            cancel       | WAITING_REFUND    | 0 | 0 | 1  | fits
            cancel       | HELD              | 0 | 0 | 1  | fits
            cancel       | REFUND_PROCESSING | 0 | 0 | 1  | unfit
            cancel       | REFUNDED          | 1 | 0 | 1  | unfit
            cancel       | FAILED            | 1 | 1 | 1  | unfit
            cancel       | PAID_OUTSIDE      | 1 | 1 | 1  | unfit
            cancel       | CANCELLED         | 0 | 0 | 1  | unfit
            """)
    void anActionFitsOnlyTheStatusesItIsFor(String action, String status, int confirmations, int reversals,
                                             int daysAfterSent, String expected) {
        nights.jdbc().sql("""
                UPDATE refund SET status = :status, confirmations = :c, reversals = :r, status_changed_on = :sent
                 WHERE refund_id = :id""").param("status", status).param("c", confirmations).param("r", reversals)
                .param("sent", SENT).param("id", REFUND).update();

        String unfit = nights.jdbc().sql("SELECT action_unfit(:action, :id, NULL, NULL, :asOf)").param("action", action)
                .param("id", REFUND).param("asOf", SENT.plusDays(daysAfterSent)).query(String.class).optional()
                .orElse(null);

        if (expected.equals("fits")) {
            assertThat(unfit).isNull();
        }
        else {
            assertThat(unfit).startsWith("refund " + REFUND + " is " + status);
        }
    }
}
