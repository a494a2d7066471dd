package com.marketplace.refunds.stuck;

import static com.marketplace.refunds.stuck.SupportSiteFixture.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON API over a real server and database: filters, paging, totals, bad input and the credential. */
@ExtendWith(OutputCaptureExtension.class)
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = SupportWebConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "refunds.support.page-size=3")
class SupportApiIntegrationTests {

    private static final String DATABASE = SupportSiteFixture.create(SupportApiIntegrationTests.class.getSimpleName());
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    SupportHttp http;

    @DynamicPropertySource
    static void readOnlyRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    @BeforeEach
    void client() {
        http = new SupportHttp(port);
    }

    @Test
    void listsEveryStuckRefundOldestFirstAsOfTheLastCompletedRunWithItsReason() {
        JsonNode first = get("/api/stuck-refunds").json();
        JsonNode second = get("/api/stuck-refunds?page=2").json();
        JsonNode third = get("/api/stuck-refunds?page=3").json();

        assertThat(first.get("asOf").asString()).isEqualTo(D.toString());
        assertThat(first.get("count").asLong()).isEqualTo(7);
        assertThat(first.get("pages").asInt()).isEqualTo(3);
        assertThat(rows(first, "refundId", "ageDays", "reason"))
                .containsExactly("RF-4A 70 FAILED", "RF-2A 50 FAILED", "RF-1C 45 NEVER_SENT");
        assertThat(rows(second, "refundId", "ageDays", "reason"))
                .containsExactly("RF-3A 40 NEVER_SENT", "RF-2B 35 NO_CONFIRMATION", "RF-3B 32 NO_CONFIRMATION");
        assertThat(rows(third, "refundId", "ageDays", "reason")).containsExactly("RF-1B 31 NO_CONFIRMATION");
    }

    @Test
    void thirtyDaysIsNotStuckAndThirtyOneIs() {
        JsonNode asOfD = get("/api/stuck-refunds?order=O-1&asOf=" + D).json();
        JsonNode dayBefore = get("/api/stuck-refunds?order=O-1&asOf=" + D.minusDays(1)).json();

        assertThat(rows(asOfD, "refundId", "ageDays")).containsExactly("RF-1C 45", "RF-1B 31");
        assertThat(rows(dayBefore, "refundId", "ageDays")).containsExactly("RF-1C 44");
    }

    @Test
    void totalsPerCurrencyCountEveryPageOfWhatTheFiltersSelect() {
        JsonNode card = get("/api/stuck-refunds?paymentMethod=CARD").json();

        assertThat(card.get("count").asLong()).isEqualTo(4);
        assertThat(rows(card, "refundId", "amount", "currency")).containsExactly("RF-1C 5.00 USD", "RF-3A 1500 JPY",
                "RF-3B 250 JPY");
        assertThat(rows(card.get("totals"), "currency", "refunds", "amount")).containsExactly("JPY 2 1750", "USD 2 17.30");
        assertThat(rows(get("/api/stuck-refunds").json().get("totals"), "currency", "refunds", "amount"))
                .containsExactly("EUR 2 27.50", "JPY 2 1750", "USD 3 117.29");
    }

    @Test
    void filtersByMethodStoreBuyerOrderAndMinimumAge() {
        assertThat(ids("paymentMethod=PAYPAL")).containsExactly("RF-4A", "RF-2A", "RF-2B");
        assertThat(ids("store=S-SHADY")).containsExactly("RF-4A", "RF-3A", "RF-3B");
        assertThat(ids("buyer=B-2")).containsExactly("RF-2A", "RF-2B");
        assertThat(ids("order=O-3&paymentMethod=CARD")).containsExactly("RF-3A", "RF-3B");
        assertThat(ids("minAgeDays=45")).containsExactly("RF-4A", "RF-2A", "RF-1C");
        assertThat(ids("minAgeDays=46&store=S-ACME")).containsExactly("RF-2A");
        assertThat(ids("store=S-NOBODY")).isEmpty();
        assertThat(get("/api/stuck-refunds?store=S-NOBODY").json().get("pages").asInt()).isEqualTo(1);
    }

    @Test
    void answersBadInputWith400AndWhatToTypeInsteadNeverEchoingIt() {
        for (String query : List.of("asOf=2027-02-30", "asOf=yesterday", "paymentMethod=BITCOIN", "paymentMethod=card",
                "page=4", "page=0", "page=-1", "page=two", "minAgeDays=-3", "minAgeDays=1e3",
                "store=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "buyer=B-1%27%20OR%20%271%27=%271", "order=" + "9".repeat(65),
                "asOf=2027-01-31&asOf=2027-01-30", "paymentMethods=CARD", "%3Cimg%20src=x%3E=1",
                "asOf=%2B999999999-12-31", "asOf=-999999999-01-01", "asOf=%2B2027-01-31", "asOf=1999-12-31",
                "asOf=3000-01-01", "asOf=20270131", "asOf=2027-1-31")) {
            Response response = get("/api/stuck-refunds?" + query);

            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().get("error").asString()).as(query).isEqualTo("bad_request");
            assertThat(response.json().get("problems").size()).as(query).isPositive();
            assertThat(response.body()).as(query).doesNotContain("<", "alert", "OR '1'", "BITCOIN", "yesterday");
        }
        assertThat(get("/api/stuck-refunds?page=4").json().get("message").asString())
                .contains("past the last page of this list, page 3");
        assertThat(get("/api/stuck-refunds?paymentMethod=BITCOIN").json().get("message").asString())
                .contains("Payment method must be CARD or PAYPAL");
        assertThat(get("/api/stuck-refunds?asOf=%2B999999999-12-31").json().get("message").asString())
                .contains("As of must be a date written yyyy-MM-dd from 2000-01-01 to 2999-12-31");
    }

    @Test
    void refusesAnUnknownParameterInTheCsvAsInTheJsonSoAMisspeltFilterNeverWidensTheList() {
        Response misspelt = get("/api/stuck-refunds.csv?storee=S-ACME&page=all");
        Response markup = get("/api/stuck-refunds.csv?%3Cimg%20src=x%3E=1&page=all");

        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.body()).contains("unknown parameter storee").doesNotContain("RF-", "refund_id");
        assertThat(markup.status()).isEqualTo(400);
        assertThat(markup.body()).contains("unknown parameter").doesNotContain("<", "RF-");
        assertThat(get("/api/stuck-refunds.csv?store=S-ACME&page=all").status()).isEqualTo(200);
    }

    @Test
    void answersParametersThatAreNotUtf8With400AndOneLogLineNotAStackTrace(CapturedOutput output) {
        int before = output.getOut().length();

        Response api = get("/api/stuck-refunds?store=%FF");
        Response csv = get("/api/stuck-refunds.csv?page=all&buyer=%C3%28");
        Response unknownName = get("/api/stuck-refunds?%FF%FE=1");
        http.signIn("support", SupportSiteFixture.PASSWORD);
        HttpResponse<String> page = http.get("/support/stuck-refunds?store=4111111111111111%FF");

        for (Response response : List.of(api, csv, unknownName)) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).doesNotContain("RF-", "Exception", "\tat ");
        }
        assertThat(api.json().get("error").asString()).isEqualTo("bad_request");
        assertThat(api.json().get("message").asString()).contains("percent-encoded UTF-8");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("percent-encoded UTF-8").doesNotContain("4111", "Exception");
        String logged = output.getOut().substring(before);
        assertThat(logged).doesNotContain("\tat ", "Exception", "4111111111111111");
        assertThat(logged.lines().filter(line -> line.contains("UTF-8"))).hasSize(4);
    }

    @Test
    void refusesAMissingOrWrongCredentialWith401() {
        Response none = send(request("/api/stuck-refunds").build());
        Response wrongPassword = send(request("/api/stuck-refunds").header("Authorization", SupportHttp.basic("support", "wrong")).build());
        Response wrongName = send(request("/api/stuck-refunds")
                .header("Authorization", SupportHttp.basic("admin", SupportSiteFixture.PASSWORD)).build());

        for (Response response : List.of(none, wrongPassword, wrongName)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.json().get("error").asString()).isEqualTo("unauthorized");
            assertThat(response.body()).doesNotContain("RF-");
        }
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(send(request("/api/refunds/RF-2A").build()).status()).isEqualTo(401);
    }

    @Test
    void givesToolsTheCsvUnderTheApiCredential() {
        Response csv = get("/api/stuck-refunds.csv?paymentMethod=PAYPAL&page=all");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().lines().map(line -> line.split(",")[0]).toList())
                .containsExactly("refund_id", "RF-4A", "RF-2A", "RF-2B");
        assertThat(send(request("/api/stuck-refunds.csv?page=all").build()).status()).isEqualTo(401);
    }

    @Test
    void showsARefundWithItsWholeStatusHistory() {
        JsonNode refund = get("/api/refunds/RF-2A").json();

        assertThat(refund.get("status").asString()).isEqualTo("FAILED");
        assertThat(refund.get("amount").asString()).isEqualTo("20.00");
        assertThat(refund.get("stuckReason").asString()).isEqualTo("FAILED");
        assertThat(rows(refund.get("history"), "businessDate", "toStatus")).containsExactly(
                D.minusDays(50) + " WAITING_REFUND", D.minusDays(49) + " REFUND_PROCESSING",
                D.minusDays(48) + " REFUNDED", D.minusDays(47) + " FAILED");
        assertThat(get("/api/refunds/RF-NONE").status()).isEqualTo(404);
    }

    @Test
    void findsARefundWhoseOrderMovedToTheArchive() {
        JsonNode refund = get("/api/refunds/RF-5A").json();

        assertThat(refund.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(refund.get("amount").asString()).isEqualTo("12.00");
        assertThat(refund.get("storeId").asString()).isEqualTo("S-ACME");
        assertThat(rows(refund.get("history"), "businessDate", "toStatus")).containsExactly(
                D.minusDays(80) + " WAITING_REFUND", D.minusDays(79) + " REFUND_PROCESSING",
                D.minusDays(78) + " REFUNDED");
        assertThat(get("/api/refunds/%3Cb%3E").status()).isEqualTo(400);
    }

    @Test
    void showsBesideEachStuckRefundAndOnItsPageTheOtherRefundsOfItsOrder() {
        JsonNode o2 = get("/api/stuck-refunds?order=O-2").json();
        JsonNode failed = o2.get("refunds").get(0);

        assertThat(failed.get("refundId").asString()).isEqualTo("RF-2A");
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        // the buyer of the failed refund has another on its way: support must not ask them for new details blindly
        assertThat(rows(failed.get("otherRefunds"), "refundId", "status", "amount", "currency"))
                .containsExactly("RF-2B REFUND_PROCESSING 7.50 EUR");
        assertThat(rows(get("/api/stuck-refunds?order=O-4").json().get("refunds").get(0).get("otherRefunds"),
                "refundId")).isEmpty();
        assertThat(rows(get("/api/refunds/RF-1C").json().get("otherRefunds"), "refundId", "status", "amount"))
                .containsExactly("RF-1D REFUNDED 7.00", "RF-1B REFUND_PROCESSING 12.30", "RF-1A REFUND_PROCESSING 10.00");
    }

    private List<String> ids(String query) {
        return rows(get("/api/stuck-refunds?" + query).json(), "refundId");
    }

    private static List<String> rows(JsonNode page, String... fields) {
        JsonNode rows = page.has("refunds") ? page.get("refunds") : page;
        return StreamSupport.stream(rows.spliterator(), false)
                .map(row -> String.join(" ", java.util.Arrays.stream(fields).map(f -> row.get(f).asString()).toList()))
                .toList();
    }

    private Response get(String path) {
        return send(request(path).header("Authorization", SupportHttp.basic("support", SupportSiteFixture.PASSWORD)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(http.uri(path));
    }

    private Response send(HttpRequest request) {
        HttpResponse<String> response = http.send(request);
        return new Response(response.statusCode(), response.headers(), response.body());
    }

    record Response(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
