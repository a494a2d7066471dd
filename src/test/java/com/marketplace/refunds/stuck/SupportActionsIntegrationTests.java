package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;
import com.marketplace.refunds.support.TestDatabase;

/**
 * Actions on the site over HTTP, each person signed in with their own account: support asks from a
 * refund's page, finance approves or rejects on the requests page, and what the database recorded is
 * checked in the database itself. Support cannot decide, nobody decides their own request, and every
 * refusal says why without recording anything. In the fixture, RF-2A already has an approved reissue.
 */
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = SupportWebConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the list is read before the other tests ask on its refunds
class SupportActionsIntegrationTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportActionsIntegrationTests.class.getSimpleName());
    private static final JdbcClient DB = JdbcClient.create(new DriverManagerDataSource(DATABASE, TestDatabase.USER, ""));

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void siteRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    @Test
    @Order(2)
    void supportAsksForAReissueOnARefundsPageAndFinanceApprovesItOnTheRequestsPage() {
        SupportHttp support = signedIn("support", SupportSiteFixture.PASSWORD);
        HttpResponse<String> page = support.get("/support/refunds/RF-4A");
        assertThat(page.body()).contains("Signed in as", "id=\"signed-in-name\">support<", ">SUPPORT<",
                "id=\"action-reissue\"", "id=\"action-paid-outside\"").doesNotContain("id=\"action-cancel\"");

        HttpResponse<String> asked = ask(support, "RF-4A",
                "action", "reissue", "reason", "the buyer's bank sent it back; new card on file",
                "paymentReference", "");

        assertThat(asked.statusCode()).isEqualTo(303);
        long id = requestOn("RF-4A", "reissue");
        assertThat(asked.headers().firstValue("Location").orElseThrow()).endsWith("/support/refunds/RF-4A?requested=" + id);
        assertThat(request(id)).containsEntry("status", "REQUESTED").containsEntry("requested_by", "support")
                .containsEntry("reason", "the buyer's bank sent it back; new card on file")
                .containsEntry("payment_reference", null);
        assertThat(support.get("/support/refunds/RF-4A?requested=" + id).body())
                .contains("Request " + id + " is recorded", "Request " + id + " on this refund is REQUESTED")
                .doesNotContain("id=\"request-form\"");

        HttpResponse<String> supportSees = support.get("/support/requests");
        assertThat(supportSees.body()).contains("data-request-id=\"" + id + "\"", "A finance person decides it",
                "Pays 99.99 USD again as a new PAYPAL refund of order O-4").doesNotContain("id=\"approve-" + id + "\"");
        HttpResponse<String> supportTries = support.post("/support/requests/" + id + "/decision", "/support/requests",
                "decision", "approve", "reason", "");
        assertThat(supportTries.statusCode()).isEqualTo(403);
        assertThat(supportTries.body()).contains("Only a finance person may approve or reject a request");
        assertThat(request(id)).containsEntry("status", "REQUESTED");

        SupportHttp finance = signedIn("finance", SupportSiteFixture.FINANCE_PASSWORD);
        assertThat(finance.get("/support/requests").body()).contains("id=\"approve-" + id + "\"", ">FINANCE<");
        HttpResponse<String> approved = finance.post("/support/requests/" + id + "/decision", "/support/requests",
                "decision", "approve", "reason", "checked the bank's return code");

        assertThat(approved.statusCode()).isEqualTo(303);
        assertThat(request(id)).containsEntry("status", "APPROVED").containsEntry("decided_by", "finance")
                .containsEntry("decision_reason", "checked the bank's return code");
        String after = finance.get("/support/requests?decided=" + id + "&status=APPROVED").body();
        assertThat(after).contains("Request " + id + " is APPROVED.");
        assertThat(after.substring(after.indexOf("id=\"to-apply\""))).contains("data-request-id=\"" + id + "\"",
                "finance, ");
    }

    @Test
    @Order(3)
    void nobodyDecidesTheirOwnRequestAndARejectionNeedsAReason() {
        SupportHttp finance = signedIn("finance", SupportSiteFixture.FINANCE_PASSWORD);
        ask(finance, "RF-3A", "action", "cancel", "reason",
                "store asked to stop it");
        long id = requestOn("RF-3A", "cancel");
        assertThat(finance.get("/support/requests").body()).contains("Your own request: another finance person decides it")
                .doesNotContain("id=\"approve-" + id + "\"");

        HttpResponse<String> own = finance.post("/support/requests/" + id + "/decision", "/support/requests",
                "decision", "approve", "reason", "");

        assertThat(own.statusCode()).isEqualTo(409);
        assertThat(own.body()).contains("request " + id + " is finance&#39;s own: another person must approve or reject it");
        assertThat(request(id)).containsEntry("status", "REQUESTED").containsEntry("decided_by", null);

        SupportHttp support = signedIn("support", SupportSiteFixture.PASSWORD);
        assertThat(support.post("/support/requests/" + id + "/decision", "/support/requests", "decision", "reject",
                "reason", "no").statusCode()).isEqualTo(403);
        DB.sql("INSERT INTO person (name, role, password_hash) SELECT 'finance2', 'FINANCE', password_hash FROM person "
                + "WHERE name = 'finance'").update();
        SupportHttp other = signedIn("finance2", SupportSiteFixture.FINANCE_PASSWORD);
        HttpResponse<String> noReason = other.post("/support/requests/" + id + "/decision", "/support/requests",
                "decision", "reject", "reason", " ");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Say why you reject it");
        assertThat(request(id)).containsEntry("status", "REQUESTED");

        assertThat(other.post("/support/requests/" + id + "/decision", "/support/requests", "decision", "reject",
                "reason", "the store cannot stop a refund").statusCode()).isEqualTo(303);
        assertThat(request(id)).containsEntry("status", "REJECTED").containsEntry("decided_by", "finance2");
    }

    @Test
    @Order(4)
    void anActionThatDoesNotFitOrIsPendingIsRefusedWithTheDatabasesReasonAndNothingIsRecorded() {
        SupportHttp support = signedIn("support", SupportSiteFixture.PASSWORD);
        long before = requests();

        HttpResponse<String> unfit = ask(support, "RF-1C", "action", "reissue", "reason", "buyer asks again");
        HttpResponse<String> pending = ask(support, "RF-2A",
                "action", "paid-outside", "reason", "paid by transfer", "outsideReference", "TRF-1");
        HttpResponse<String> pendingToo = ask(support, "RF-2A", "action", "reissue", "reason", "again");

        assertThat(unfit.statusCode()).isEqualTo(409);
        assertThat(unfit.body()).contains("The request was not recorded",
                "refund RF-1C is WAITING_REFUND: only a FAILED refund");
        assertThat(pendingToo.statusCode()).isEqualTo(409);
        assertThat(pendingToo.body()).contains("asks the same and is still pending");
        assertThat(support.get("/support/refunds/RF-2A").body()).contains("on this refund is APPROVED")
                .doesNotContain("id=\"request-form\"");
        // paid-outside of a refund whose reissue is pending is another request: the database allows it
        assertThat(pending.statusCode()).isEqualTo(303);
        assertThat(requests()).isEqualTo(before + 1);
    }

    @Test
    @Order(5)
    void badInputIsRefusedBeforeTheDatabaseWithoutRepeatingItAndAReasonIsShownOnlyEscaped() {
        SupportHttp support = signedIn("support", SupportSiteFixture.PASSWORD);
        long before = requests();

        HttpResponse<String> card = ask(support, "RF-4A",
                "action", "reissue", "reason", "new card", "paymentReference", "4111111111111111");
        HttpResponse<String> noReason = ask(support, "RF-4A",
                "action", "paid-outside", "reason", "", "outsideReference", "TRF-9");
        HttpResponse<String> unknownField = ask(support, "RF-4A",
                "action", "paid-outside", "reason", "x", "outsideReference", "TRF-9", "amount", "1000");
        HttpResponse<String> release = ask(support, "RF-4A", "action", "release", "reason", "x");
        HttpResponse<String> noToken = support.postWithoutToken("/support/refunds/RF-4A/requests",
                "action=paid-outside&reason=x&outsideReference=TRF-9");
        HttpResponse<String> badId = support.post("/support/refunds/RF%3Cb%3E/requests", "/support/refunds/RF-4A",
                "action", "cancel", "reason", "x");

        assertThat(card.statusCode()).isEqualTo(400);
        assertThat(card.body()).contains("The new payment reference looks like a card number").doesNotContain("4111111111111111");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("Say why you ask for it");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("The form carried 1 field it does not have");
        assertThat(release.statusCode()).isEqualTo(400);
        assertThat(release.body()).contains("Choose the action: reissue, paid-outside or cancel");
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(requests()).isEqualTo(before);

        HttpResponse<String> script = ask(support, "RF-4A",
                "action", "paid-outside", "reason", "<script>alert(1)</script>", "outsideReference", "TRF-9");
        assertThat(script.statusCode()).isEqualTo(303);
        String shown = support.get("/support/refunds/RF-4A").body();
        assertThat(shown).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)");
        assertThat(support.get("/support/requests").body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    @Order(1)
    void theStuckListOffersOnEachRowTheActionsThatFitItOrSaysWhichRequestIsPending() {
        SupportHttp support = signedIn("support", SupportSiteFixture.PASSWORD);

        String list = support.get("/support/stuck-refunds").body();

        assertThat(row(list, "RF-4A")).contains("data-action=\"reissue\"", "data-action=\"paid-outside\"",
                "href=\"/support/refunds/RF-4A?request=reissue#request-action\"");
        assertThat(row(list, "RF-2A")).contains("APPROVED").doesNotContain("data-action=");
        assertThat(row(list, "RF-1C")).contains("data-action=\"cancel\"").doesNotContain("data-action=\"reissue\"");
        assertThat(row(list, "RF-2B")).doesNotContain("data-action=");
        assertThat(support.get("/support/refunds/RF-4A?request=paid-outside").body())
                .containsPattern("id=\"action-paid-outside\"[^>]*checked");
    }

    @Test
    @Order(6)
    void theRequestsPageListsTheRefundsHeldForReview() {
        SupportHttp support = signedIn("support", SupportSiteFixture.PASSWORD);
        assertThat(support.get("/support/requests").body()).contains("No refund is held.");

        DB.sql("UPDATE refund SET status = 'HELD' WHERE refund_id = 'RF-1C'").update();

        String page = support.get("/support/requests").body();
        assertThat(page).contains("data-held=\"2026-12-17 CARD USD\"", "--action=release --business-date=DATE")
                .doesNotContain("No refund is held.");
        assertThat(page.substring(page.indexOf("id=\"held\""))).contains("<td class=\"number\">1</td>",
                "<td class=\"number\">5.00</td>");
    }

    /** Posts the refund page's request form, with that page's CSRF token, as the person signed in. */
    private static HttpResponse<String> ask(SupportHttp person, String refundId, String... fields) {
        return person.post("/support/refunds/" + refundId + "/requests", "/support/refunds/" + refundId, fields);
    }

    private SupportHttp signedIn(String name, String password) {
        SupportHttp browser = new SupportHttp(port);
        assertThat(browser.signIn(name, password).headers().firstValue("Location").orElseThrow())
                .doesNotContain("error");
        return browser;
    }

    private static String row(String list, String refundId) {
        int start = list.indexOf("<tr data-refund-id=\"" + refundId + "\"");
        assertThat(start).as(refundId + " is on the list").isNotNegative();
        return list.substring(start, list.indexOf("</tr>", start));
    }

    private static long requestOn(String refundId, String action) {
        return DB.sql("SELECT max(request_id) FROM action_request WHERE refund_id = ? AND action = ?")
                .params(refundId, action).query(Long.class).single();
    }

    private static Map<String, Object> request(long id) {
        return DB.sql("SELECT * FROM action_request WHERE request_id = ?").param(id).query().singleRow();
    }

    private static long requests() {
        return DB.sql("SELECT count(*) FROM action_request").query(Long.class).single();
    }
}
