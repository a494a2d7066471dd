package com.marketplace.refunds.stuck;

import static com.marketplace.refunds.stuck.SupportSiteFixture.D;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.LoopbackClient.Answer;
import com.marketplace.refunds.stuck.internal.web.SupportWebConfiguration;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The site on a pool of one connection, over 50,000 stuck refunds more than the fixture's: a busy pool
 * is not an outage (503 with Retry-After and a clear body, the connection kept), and a download holds
 * a connection only while it reads, never while a slow client takes its rows.
 */
@ExtendWith(OutputCaptureExtension.class)
// the site stops with the class (its pool, its threads, Tomcat's folder), not when the fork ends
@DirtiesContext
@SpringBootTest(classes = SupportWebConfiguration.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"refunds.support.page-size=1000",
                "refunds.support.datasource.pool-size=1", "refunds.support.datasource.connection-timeout=2s"})
class SupportBusyPoolIntegrationTests {

    private static final int BULK = 50_000;
    private static final int STUCK = BULK + 7;
    private static final String DATABASE = withBulk(SupportSiteFixture.create(
            SupportBusyPoolIntegrationTests.class.getSimpleName()));

    @LocalServerPort
    int port;

    @Autowired
    DataSource pool;

    SupportHttp support;

    @DynamicPropertySource
    static void readOnlyRole(DynamicPropertyRegistry registry) {
        registry.add("refunds.support.datasource.url", () -> DATABASE);
        registry.add("refunds.support.datasource.username", () -> SupportSiteFixture.READER);
    }

    @BeforeEach
    void signIn() {
        support = new SupportHttp(port);
        support.signIn("support", SupportSiteFixture.PASSWORD);
    }

    @Test
    void aBusyPoolIsAnswered503WithRetryAfterAndAClearBodyAndKeepsItsConnection(CapturedOutput output)
            throws SQLException {
        long connectionBefore = backendPid();
        int logged = output.getOut().length();

        List<HttpResponse<String>> busy = new ArrayList<>();
        try (Connection held = pool.getConnection()) {
            busy.add(support.api("/api/stuck-refunds"));
            busy.add(support.api("/api/stuck-refunds.csv?page=all"));
            busy.add(support.get("/support/stuck-refunds.csv?page=1"));
            busy.add(support.get("/support/stuck-refunds"));
            busy.add(support.get("/support/refunds/RF-2A"));
        }

        for (HttpResponse<String> answer : busy) {
            assertThat(answer.statusCode()).as(answer.uri().toString()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).as(answer.uri().toString())
                    .hasValueSatisfying(seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
            assertThat(answer.body()).as(answer.uri().toString()).containsIgnoringCase("busy")
                    .doesNotContain("RF-1", "Exception", "getOutputStream");
        }
        assertThat(busy.get(0).body()).contains("\"error\":\"busy\"");
        assertThat(backendPid()).as("the pooled connection is kept, not dropped as if the database were down")
                .isEqualTo(connectionBefore);
        assertThat(output.getOut().substring(logged)).doesNotContain("could not read the database", "\tat ");
        assertThat(support.api("/api/stuck-refunds?paymentMethod=PAYPAL").statusCode()).isEqualTo(200);
    }

    @Test
    void anOrderWithFiftyThousandRefundsShowsItsFiveOldestOthersAndHowManyMore() {
        HttpResponse<String> page = support.get("/support/stuck-refunds?order=O-BULK");
        HttpResponse<String> api = support.api("/api/stuck-refunds?order=O-BULK&page=2");
        HttpResponse<String> refund = support.get("/support/refunds/RF-BULK-000001");

        assertThat(page.statusCode()).isEqualTo(200);
        // the first row is RF-BULK-000001, the oldest: its others are 000002..000006, and 49,994 more
        assertThat(page.body()).contains("RF-BULK-000002 REFUND_PROCESSING 1.02 USD; ", "RF-BULK-000006 REFUND_PROCESSING 1.06 USD",
                "; and 49994 more");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.body()).contains("\"otherRefunds\":[{\"refundId\":\"RF-BULK-000001\"", "\"moreOtherRefunds\":49994")
                .doesNotContain("RF-BULK-000006\",\"status");
        assertThat(refund.body()).contains("and 49994 more refunds of this order, not shown");
    }

    @Test
    void aSlowDownloadHoldsNoConnectionWhileItsClientReads() throws IOException {
        LoopbackClient slow = new LoopbackClient("127.0.0.31", port);
        Socket download = slow.open("/api/stuck-refunds.csv?page=all",
                "Authorization", SupportHttp.basic("support", SupportSiteFixture.PASSWORD));
        InputStream in = download.getInputStream();
        byte[] first = in.readNBytes(4096); // the download has begun; now the client stops reading for a while

        List<Integer> meanwhile = new ArrayList<>();
        for (int request = 0; request < 3; request++) {
            meanwhile.add(support.api("/api/stuck-refunds?paymentMethod=PAYPAL").statusCode());
        }
        String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        download.close();
        String whole = new String(first, StandardCharsets.UTF_8) + rest;

        assertThat(meanwhile).containsOnly(200);
        assertThat(whole).startsWith("HTTP/1.1 200");
        assertThat(csvRows(whole)).isEqualTo(STUCK);
        List<String> ids = whole.substring(whole.indexOf("\r\n\r\n") + 4).lines().skip(1)
                .map(line -> line.substring(0, line.indexOf(','))).toList();
        assertThat(ids).as("every stuck refund once, oldest first, read 1,000 at a time").doesNotHaveDuplicates()
                .startsWith("RF-4A", "RF-2A", "RF-1C", "RF-3A", "RF-BULK-000001", "RF-BULK-000002")
                .endsWith("RF-BULK-050000", "RF-2B", "RF-3B", "RF-1B");
    }

    @Test
    void concurrentFullDownloadsEachCompleteOrAreToldToComeBackNeverBrokenOff() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> downloads = new ArrayList<>();
        try {
            for (int client = 0; client < 16; client++) {
                String path = client % 4 == 3 ? "/api/stuck-refunds?page=3" : "/api/stuck-refunds.csv?page=all&asOf=" + D;
                downloads.add(clients.submit(() -> new SupportHttp(port).api(path)));
            }
        }
        finally {
            clients.shutdown();
        }

        int complete = 0;
        for (Future<HttpResponse<String>> download : downloads) {
            HttpResponse<String> answer = download.get();
            if (answer.statusCode() == 503) {
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.body()).containsIgnoringCase("busy");
                continue;
            }
            assertThat(answer.statusCode()).isEqualTo(200);
            if (answer.uri().getPath().endsWith(".csv")) {
                assertThat(answer.body().lines().count()).as("header and every row").isEqualTo(STUCK + 1);
                assertThat(answer.body()).endsWith("\n");
            }
            complete++;
        }
        assertThat(complete).isPositive();
    }

    private long backendPid() {
        return JdbcClient.create(pool).sql("SELECT pg_backend_pid()").query(Long.class).single();
    }

    private static long csvRows(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4).lines().count() - 1;
    }

    /** 50,000 refunds of one big order, approved 40 days before D and never confirmed: all stuck; then analyzed. */
    private static String withBulk(String url) {
        JdbcClient batch = JdbcClient.create(new DriverManagerDataSource(url, TestDatabase.USER, ""));
        batch.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES ('O-BULK', 'S-BULK', 'B-BULK', 'CARD', 'ref-O-BULK', 'USD', 100000000000, 0, now(), now(), false,
                        now(), :d, :d)
                """).param("d", D.minusDays(90)).update();
        batch.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                SELECT 'CANCEL:RF-BULK-' || n, 'RF-BULK-' || lpad(n::text, 6, '0'), 'O-BULK', 'CANCELLATION', 'CARD',
                       'ref-O-BULK', 'USD', 100 + n, 'REFUND_PROCESSING', CAST(:approved AS date), CAST(:approved AS date)
                  FROM generate_series(1, :bulk) n
                """).param("approved", D.minusDays(40)).param("bulk", BULK).update();
        // what autovacuum does after such an insert on a server as the README sets it (the test server has it off):
        // without statistics the planner takes every order for one of two refunds, and joins all 50,000 to each read
        batch.sql("ANALYZE orders, refund, open_refund").update();
        return url;
    }
}
