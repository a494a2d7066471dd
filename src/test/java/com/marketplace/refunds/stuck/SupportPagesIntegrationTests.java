package com.marketplace.refunds.stuck;

import static com.marketplace.refunds.stuck.SupportSiteFixture.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;

/** The pages over HTTP, signed in on the form: bad input, escaping, the CSV downloads, the sign-in itself. */
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = SupportWebConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "refunds.support.page-size=3")
class SupportPagesIntegrationTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportPagesIntegrationTests.class.getSimpleName());
    private static final String HEADER = "refund_id,refund_key,order_id,store_id,buyer_id,payment_method,currency,amount,"
            + "status,approved_on,age_days,reason,first_flagged_on\n";

    @LocalServerPort
    int port;

    SupportHttp browser;

    @DynamicPropertySource
    static void readOnlyRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    @BeforeEach
    void aBrowserWithItsOwnCookies() {
        browser = new SupportHttp(port);
    }

    @Test
    void sendsWhoeverHasNotSignedInToTheSignInForm() {
        HttpResponse<String> page = get("/support/stuck-refunds");
        HttpResponse<String> csv = get("/support/stuck-refunds.csv?page=all");

        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(csv.statusCode()).isEqualTo(302);
        assertThat(signIn("support", "not-the-password").headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login?error"));
        assertThat(get("/support/stuck-refunds").statusCode()).isEqualTo(302);
    }

    @Test
    void afterSigningInReturnsToTheListExactlyAsItWasAsked() {
        get("/support/stuck-refunds?paymentMethod=PAYPAL&store=S-ACME");

        HttpResponse<String> signedIn = signIn("support", SupportSiteFixture.PASSWORD);
        String back = signedIn.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(back)).build());

        assertThat(back).endsWith("/support/stuck-refunds?paymentMethod=PAYPAL&store=S-ACME");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("2 stuck refunds as of 2027-01-31");
    }

    @Test
    void showsTheListWithTotalsOnceSignedIn() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> page = get("/support/stuck-refunds?paymentMethod=PAYPAL");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("3 stuck refunds as of 2027-01-31", "Page 1 of 1",
                "data-refund-id=\"RF-4A\"", "data-refund-id=\"RF-2A\"", "data-refund-id=\"RF-2B\"")
                .doesNotContain("data-refund-id=\"RF-1C\"");
        assertThat(page.body()).contains("Refunds approved more than 30 days before the date shown",
                "must be asked for other payment details", "The processor must be asked",
                "Finance must find out why the refund was not in a settlement file");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'none'"));
    }

    @Test
    void explainsBadInputOnThePageWith400AndShowsItOnlyEscaped() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> script = get("/support/stuck-refunds?store=" + encode("<script>alert(1)</script>"));
        HttpResponse<String> quote = get("/support/stuck-refunds?buyer=" + encode("\"><img src=x onerror=alert(1)>"));
        HttpResponse<String> badDate = get("/support/stuck-refunds?asOf=31.01.2027");
        HttpResponse<String> pastTheEnd = get("/support/stuck-refunds?page=4");
        HttpResponse<String> unknownMethod = get("/support/stuck-refunds?paymentMethod=WIRE");

        assertThat(script.statusCode()).isEqualTo(400);
        assertThat(script.body()).contains("Store must be an id", "&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)</script>");
        assertThat(quote.statusCode()).isEqualTo(400);
        assertThat(quote.body()).contains("Buyer must be an id").doesNotContain("<img src=x");
        assertThat(badDate.body()).contains("As of must be a date written yyyy-MM-dd");
        assertThat(pastTheEnd.statusCode()).isEqualTo(400);
        assertThat(pastTheEnd.body()).contains("Page 4 is past the last page of this list, page 3");
        assertThat(unknownMethod.body()).contains("Payment method must be CARD or PAYPAL");
        assertThat(get("/support/refunds/" + encode("<b>")).statusCode()).isEqualTo(400);
        assertThat(get("/support/refunds/RF-NONE").statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAnUnknownParameterAndADateOutOfRangeOnThePageAndItsCsv() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> misspelt = get("/support/stuck-refunds?storee=S-ACME");
        HttpResponse<String> misspeltCsv = get("/support/stuck-refunds.csv?storee=S-ACME&page=all");
        HttpResponse<String> farFuture = get("/support/stuck-refunds?asOf=%2B999999999-12-31");
        HttpResponse<String> farFutureCsv = get("/support/stuck-refunds.csv?asOf=%2B999999999-12-31&page=all");

        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(misspelt.body()).contains("unknown parameter storee").doesNotContain("data-refund-id");
        assertThat(misspeltCsv.statusCode()).isEqualTo(400);
        assertThat(misspeltCsv.body()).contains("unknown parameter storee").doesNotContain("RF-");
        assertThat(farFuture.statusCode()).isEqualTo(400);
        assertThat(farFuture.body()).contains("As of must be a date written yyyy-MM-dd from 2000-01-01 to 2999-12-31");
        assertThat(farFutureCsv.statusCode()).isEqualTo(400);
        assertThat(farFutureCsv.body()).contains("As of must be a date written yyyy-MM-dd");
    }

    @Test
    void downloadsExactlyThePageShownOrEveryPageAsStuckRefundsCsv() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> secondPage = get("/support/stuck-refunds.csv?asOf=" + D + "&paymentMethod=CARD&page=2");
        HttpResponse<String> all = get("/support/stuck-refunds.csv?asOf=" + D + "&paymentMethod=CARD&page=all");

        assertThat(secondPage.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"stuck-refunds-2027-01-31-page-2.csv\"");
        assertThat(secondPage.body()).isEqualTo(HEADER
                + "RF-1B,CANCEL:RF-1B,O-1,S-ACME,B-1,CARD,USD,12.30,REFUND_PROCESSING,2026-12-31,31,NO_CONFIRMATION,2027-01-31\n");
        assertThat(all.body()).isEqualTo(HEADER
                + "RF-1C,CANCEL:RF-1C,O-1,S-ACME,B-1,CARD,USD,5.00,WAITING_REFUND,2026-12-17,45,NEVER_SENT,2027-01-30\n"
                + "RF-3A,CANCEL:RF-3A,O-3,S-SHADY,B-3,CARD,JPY,1500,WAITING_REFUND,2026-12-22,40,NEVER_SENT,2027-01-30\n"
                + "RF-3B,CANCEL:RF-3B,O-3,S-SHADY,B-3,CARD,JPY,250,REFUND_PROCESSING,2026-12-30,32,NO_CONFIRMATION,2027-01-30\n"
                + "RF-1B,CANCEL:RF-1B,O-1,S-ACME,B-1,CARD,USD,12.30,REFUND_PROCESSING,2026-12-31,31,NO_CONFIRMATION,2027-01-31\n");
        assertThat(get("/support/stuck-refunds.csv?page=3&paymentMethod=CARD").statusCode()).isEqualTo(400);
    }

    @Test
    void showsARefundsHistoryAndWhatItsReasonMeansForTheBuyer() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> page = get("/support/refunds/RF-2B");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("NO_CONFIRMATION, flagged since 2027-01-30", "The processor must be asked",
                "APPROVED CANCELLATION CANCEL:RF-2B", "sent in card-refunds-000001.csv", "7.50 EUR");
    }

    @Test
    void showsTheOtherRefundsOfTheOrderOnTheListAndOnTheRefundsPage() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> list = get("/support/stuck-refunds?order=O-2");
        HttpResponse<String> refund = get("/support/refunds/RF-2A");
        HttpResponse<String> alone = get("/support/refunds/RF-4A");

        assertThat(list.body()).contains("Order's other refunds", "RF-2B REFUND_PROCESSING 7.50 EUR",
                "RF-2A FAILED 20.00 EUR");
        assertThat(refund.body()).contains("Other refunds of order <span>O-2</span>", "data-refund-id=\"RF-2B\"",
                "REFUND_PROCESSING");
        assertThat(alone.body()).contains("This order has no other refund.").doesNotContain("id=\"other-refunds\"");
    }

    @Test
    void showsWhoAskedForAnActionOnARefundWhyAndWhoApprovedIt() {
        signIn("support", SupportSiteFixture.PASSWORD);

        HttpResponse<String> failed = get("/support/refunds/RF-2A");
        HttpResponse<String> other = get("/support/refunds/RF-4A");

        assertThat(failed.body()).contains("id=\"actions\"", "<td>reissue</td>", "<td>APPROVED</td>", "alice, ",
                "<td>buyer gave a new card</td>", "bob, ", "<td>checked with the buyer</td>");
        assertThat(other.body()).contains("Nobody has asked for an action on this refund.");
    }

    private HttpResponse<String> signIn(String name, String password) {
        return browser.signIn(name, password);
    }

    private HttpResponse<String> get(String path) {
        return browser.get(path);
    }

    private static String encode(String text) {
        return SupportHttp.encode(text);
    }
}
