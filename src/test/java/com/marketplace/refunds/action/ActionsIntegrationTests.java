package com.marketplace.refunds.action;

import static com.marketplace.refunds.support.Nights.cancellation;
import static com.marketplace.refunds.support.Nights.confirms;
import static com.marketplace.refunds.support.Nights.order;
import static com.marketplace.refunds.support.Nights.refundId;
import static com.marketplace.refunds.support.Nights.reverses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import com.marketplace.refunds.support.Nights;

/**
 * Actions with four eyes (docs/actions.md; CONTRACT section 8), whole runs on PostgreSQL: who may
 * request and decide is checked by the database's own functions; what was approved is applied by the
 * next run, once, before its decisions.
 */
class ActionsIntegrationTests {

    private static final LocalDate NOV_10 = LocalDate.parse("2026-11-10");
    private static final LocalDate NOV_11 = LocalDate.parse("2026-11-11");
    private static final LocalDate NOV_12 = LocalDate.parse("2026-11-12");
    private static final LocalDate NOV_13 = LocalDate.parse("2026-11-13");
    private static final String KEY = "CANCEL:C-1";
    private static final String FAILED = refundId(KEY);
    private static final String REISSUE_KEY = "REISSUE:" + FAILED + ":1";
    private static final String REISSUED = refundId(REISSUE_KEY);

    /** Nov 10: O-1 (100.00 USD) cancelled and sent; Nov 11: the bank sends it back (confirmed, then reversed). */
    private static Nights failedRefund(String name) {
        Nights nights = new Nights(name);
        nights.run(NOV_10, Map.of("orders.csv", List.of(order("O-1", "90.00", "10.00"), order("O-2", "50.00", "0.00")),
                "cancellations.csv", List.of(cancellation("C-1", "O-1", "2026-11-10T08:00:00Z"),
                        cancellation("C-2", "O-2", "2026-11-10T08:00:00Z"))));
        nights.cardReport(NOV_11, "settlement_detail_report_batch_1.csv",
                List.of(confirms("M-1", FAILED, "100.00"), reverses("M-2", FAILED, "100.00")));
        nights.run(NOV_11, Map.of());
        assertThat(nights.status(KEY)).isEqualTo("FAILED");
        People people = nights.bean(People.class);
        people.add("alice", "SUPPORT", null);
        people.add("bob", "FINANCE", null);
        people.add("carol", "FINANCE", null);
        return nights;
    }

    private static ActionRequests.Request reissue(String refundId, String reference) {
        return new ActionRequests.Request("reissue", refundId, null, null, "buyer gave a new card", reference, null);
    }

    @Test
    void aFailedRefundReissuedWithFourEyesGoesOutInTheNextFileAndIsConfirmedByTheNextReport() throws IOException {
        try (Nights nights = failedRefund("actions_reissue")) {
            ActionRequests requests = nights.bean(ActionRequests.class);
            long id = requests.request("alice", reissue(FAILED, "psp-new-1"));
            assertThat(requests.decide("bob", id, true, "checked with the buyer")).isEqualTo("APPROVED");

            nights.run(NOV_12, Map.of());

            assertThat(nights.decision(NOV_12, REISSUE_KEY)).isEqualTo("APPROVED");
            Path reports = nights.reports(NOV_12);
            List<String> decisions = Files.readAllLines(reports.resolve("decisions.csv"));
            assertThat(decisions.get(1)).as("a reissue comes first in the decisions")
                    .isEqualTo(REISSUE_KEY + "," + REISSUED + ",O-1,REISSUE,APPROVED,,USD,100.00,100.00");
            assertThat(Files.readAllLines(reports.resolve("actions.csv"))).hasSize(2).last().asString()
                    .startsWith(id + ",reissue," + FAILED + ",alice,")
                    .contains(",bob,").contains(",APPLIED," + REISSUED + ",");
            Path file;
            try (var files = Files.list(nights.outbox().resolve(NOV_12.toString()))) {
                file = files.filter(f -> f.getFileName().toString().startsWith("card-refunds-")
                        && f.getFileName().toString().endsWith(".csv")).findFirst().orElseThrow();
            }
            assertThat(Files.readAllLines(file)).containsExactly(
                    "refund_id,order_id,psp_reference,currency,amount,reason",
                    REISSUED + ",O-1,psp-new-1,USD,100.00,REISSUE");
            assertThat(nights.status(REISSUE_KEY)).isEqualTo("REFUND_PROCESSING");
            assertThat(nights.status(KEY)).as("the failed refund keeps its status").isEqualTo("FAILED");
            assertThat(nights.committed("O-1")).as("the reissue takes the balance the failure freed").isEqualTo(10000);
            assertThat(nights.jdbc().sql("SELECT count(*) FROM open_refund WHERE refund_id = :id").param("id", FAILED)
                    .query(Long.class).single()).as("a reissued refund is done: never stuck").isZero();
            assertThat(history(nights, FAILED)).last().asString().startsWith("FAILED FAILED reissued as " + REISSUED);
            assertThat(nights.jdbc().sql("SELECT count(*) FROM run_approvals WHERE business_date = :d").param("d", NOV_12)
                    .query(Long.class).single()).as("the hold's figures leave reissues out").isZero();

            nights.cardReport(NOV_13, "settlement_detail_report_batch_1.csv",
                    List.of(confirms("M-3", REISSUED, "100.00")));
            nights.run(NOV_13, Map.of());

            assertThat(nights.status(REISSUE_KEY)).isEqualTo("REFUNDED");
            assertThat(nights.breaks(NOV_13)).isEmpty();
            assertThat(requests.list("APPLIED", null)).singleElement()
                    .satisfies(r -> assertThat(r.newRefundId()).isEqualTo(REISSUED));
        }
    }

    @Test
    void nobodyApprovesTheirOwnRequestAndSupportCannotApprove() {
        try (Nights nights = failedRefund("actions_four_eyes")) {
            ActionRequests requests = nights.bean(ActionRequests.class);
            long own = requests.request("bob", reissue(FAILED, null));

            assertThatThrownBy(() -> requests.decide("bob", own, true, null)).isInstanceOf(ActionRefused.class)
                    .hasMessage("request " + own + " is bob's own: another person must approve or reject it");
            assertThatThrownBy(() -> requests.decide("alice", own, true, null)).isInstanceOf(ActionRefused.class)
                    .hasMessage("alice is SUPPORT: only FINANCE may approve or reject a request");
            assertThatThrownBy(() -> requests.decide("mallory", own, true, null)).isInstanceOf(ActionRefused.class)
                    .hasMessageStartingWith("nobody named mallory has an account");
            nights.bean(People.class).disable("carol");
            assertThatThrownBy(() -> requests.decide("carol", own, true, null)).isInstanceOf(ActionRefused.class)
                    .hasMessage("the account of carol is disabled");
            assertThat(requests.list(null, null)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo("REQUESTED"));

            // whatever writes the table, the row itself refuses the same person on both sides
            assertThatThrownBy(() -> nights.jdbc().sql("""
                    UPDATE action_request SET status = 'APPROVED', decided_by = requested_by, decided_at = now()
                     WHERE request_id = :id""").param("id", own).update())
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThatThrownBy(() -> nights.jdbc().sql("DELETE FROM action_request WHERE request_id = :id")
                    .param("id", own).update()).hasMessageContaining("action requests are never deleted");
            nights.bean(People.class).add("dave", "FINANCE", null);
            assertThat(requests.decide("dave", own, false, "not needed")).isEqualTo("REJECTED");
            assertThatThrownBy(() -> requests.decide("dave", own, true, null)).isInstanceOf(ActionRefused.class)
                    .hasMessage("request " + own + " is REJECTED already");
            assertThatThrownBy(() -> nights.jdbc().sql("UPDATE action_request SET status = 'APPROVED' WHERE request_id = :id")
                    .param("id", own).update()).hasMessageContaining("is kept as it was recorded");
        }
    }

    @Test
    void aRequestThatDoesNotFitTheRefundIsRefusedSayingWhy() {
        try (Nights nights = failedRefund("actions_unfit")) {
            ActionRequests requests = nights.bean(ActionRequests.class);
            String processing = refundId("CANCEL:C-2");

            assertThatThrownBy(() -> requests.request("alice", new ActionRequests.Request("cancel", FAILED, null, null,
                    "wrong", null, null))).isInstanceOf(ActionRefused.class)
                    .hasMessage("refund " + FAILED + " is FAILED: only a WAITING_REFUND or HELD refund can be cancelled");
            assertThatThrownBy(() -> requests.request("alice", reissue(processing, null)))
                    .isInstanceOf(ActionRefused.class).hasMessageStartingWith("refund " + processing
                            + " is REFUND_PROCESSING (0 confirmations, 0 reversals, sent on 2026-11-10): only a FAILED");
            assertThatThrownBy(() -> requests.request("alice", reissue("RF-00000000000000000000", null)))
                    .isInstanceOf(ActionRefused.class).hasMessage("no refund has the id RF-00000000000000000000");
            assertThatThrownBy(() -> requests.request("alice", reissue(FAILED, "4111111111111111")))
                    .isInstanceOf(ActionRefused.class).hasMessageContaining("looks like a card number");
            assertThatThrownBy(() -> requests.request("alice", new ActionRequests.Request("release", null, NOV_10,
                    "CARD", "go", null, null))).isInstanceOf(ActionRefused.class)
                    .hasMessage("no CARD refund approved on 2026-11-10 is HELD");
            long first = requests.request("alice", reissue(FAILED, null));
            assertThatThrownBy(() -> requests.request("bob", reissue(FAILED, null))).isInstanceOf(ActionRefused.class)
                    .hasMessage("request " + first + " asks the same and is still pending");
            assertThat(requests.list(null, null)).hasSize(1);
        }
    }

    @Test
    void anApprovedActionWhoseRefundChangedIsStaleAndAnUndecidedOneExpires() throws IOException {
        try (Nights nights = failedRefund("actions_stale")) {
            ActionRequests requests = nights.bean(ActionRequests.class);
            long id = requests.request("alice", reissue(FAILED, null));
            requests.decide("bob", id, true, null);
            // the processor pays it again before the run: it is REFUNDED, and a reissue no longer fits
            nights.cardReport(NOV_12, "settlement_detail_report_batch_1.csv", List.of(confirms("M-9", FAILED, "100.00")));

            nights.run(NOV_12, Map.of());

            assertThat(nights.status(KEY)).isEqualTo("REFUNDED");
            assertThat(requests.list("STALE", null)).singleElement().satisfies(r -> assertThat(r.detail())
                    .startsWith("refund " + FAILED + " is REFUNDED: only a FAILED refund"));
            assertThat(nights.jdbc().sql("SELECT count(*) FROM refund WHERE trigger_type = 'REISSUE'")
                    .query(Long.class).single()).isZero();
            assertThat(Files.readAllLines(nights.reports(NOV_12).resolve("actions.csv")).get(1)).contains(",STALE,");
        }
    }

    @Test
    void paidOutsideCountsAgainstTheOrderAgainAndALaterConfirmationIsPaidAfterFailure() {
        try (Nights nights = failedRefund("actions_paid_outside")) {
            ActionRequests requests = nights.bean(ActionRequests.class);
            long id = requests.request("alice", new ActionRequests.Request("paid-outside", FAILED, null, null,
                    "paid by bank transfer", null, "BT-2026-0042"));
            requests.decide("bob", id, true, null);
            long committedBefore = nights.committed("O-1");

            nights.run(NOV_12, Map.of());
            assertThat(nights.status(KEY)).isEqualTo("PAID_OUTSIDE");
            assertThat(nights.committed("O-1") - committedBefore).isEqualTo(10000);

            nights.cardReport(NOV_13, "settlement_detail_report_batch_1.csv", List.of(confirms("M-7", FAILED, "100.00")));
            nights.run(NOV_13, Map.of());

            assertThat(nights.status(KEY)).as("its status never changes again").isEqualTo("PAID_OUTSIDE");
            assertThat(nights.breaks(NOV_13)).containsExactly("PAID_AFTER_FAILURE " + FAILED);
            assertThat(nights.committed("O-1")).isEqualTo(10000);
        }
    }

    private static List<String> history(Nights nights, String refundId) {
        return nights.jdbc().sql("""
                SELECT coalesce(from_status, '-') || ' ' || to_status || ' ' || why FROM refund_status_history
                 WHERE refund_id = :id ORDER BY id""").param("id", refundId).query(String.class).list();
    }
}
