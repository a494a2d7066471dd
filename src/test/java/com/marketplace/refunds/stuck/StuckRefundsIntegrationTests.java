package com.marketplace.refunds.stuck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.marketplace.refunds.stuck.internal.FlagStuckTasklet;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.TestDatabase;

/** The stuck list: the 30/31-day boundary, each reason, the filters, and leaving the list on completion. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StuckRefundsIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(StuckRefundsIntegrationTests.class);
    private static final LocalDate D = LocalDate.parse("2026-12-31");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    StuckRefunds stuckRefunds;

    FlagStuckTasklet flagging;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @BeforeEach
    void refundsOfEveryAgeAndStatus() {
        Databases.reset(dataSource);
        jdbc.sql("TRUNCATE stuck_refund").update();
        flagging = new FlagStuckTasklet(jdbc, 30);
        order("O-1", "S-1", "B-1", "CARD");
        order("O-2", "S-2", "B-2", "PAYPAL");
        refund("RF-A30", "O-1", "REFUND_PROCESSING", D.minusDays(30));
        refund("RF-B31", "O-1", "REFUND_PROCESSING", D.minusDays(31));
        refund("RF-C40", "O-2", "WAITING_REFUND", D.minusDays(40));
        refund("RF-D50", "O-2", "FAILED", D.minusDays(50));
        refund("RF-E60", "O-1", "REFUNDED", D.minusDays(60));
    }

    @Test
    void theReasonInSqlIsTheReasonInJavaForEveryStatus() {
        List<String> statuses = List.of("WAITING_REFUND", "HELD", "REFUND_PROCESSING", "REFUNDED", "FAILED",
                "PAID_OUTSIDE", "CANCELLED");
        for (String status : statuses) {
            String inSql = jdbc.sql("SELECT " + StuckReason.sql("s") + " FROM (SELECT CAST(:status AS text) AS s) t")
                    .param("status", status).query(String.class).single();
            assertThat(inSql).as(status).isEqualTo(StuckReason.of(status).name());
        }
        assertThat(StuckReason.of("WAITING_REFUND")).isEqualTo(StuckReason.NEVER_SENT);
        assertThat(StuckReason.of("HELD")).isEqualTo(StuckReason.HELD);
        assertThat(StuckReason.of("REFUND_PROCESSING")).isEqualTo(StuckReason.NO_CONFIRMATION);
        assertThat(StuckReason.of("FAILED")).isEqualTo(StuckReason.FAILED);
    }

    @Test
    void flagsRefundsApprovedThirtyOneDaysAgoOrMoreThatAreNotRefunded() {
        flagging.flag(D);

        assertThat(stuckRefunds.list(StuckFilter.all(D))).extracting(s -> s.refundId() + " " + s.ageDays() + " " + s.reason())
                .containsExactly("RF-D50 50 FAILED", "RF-C40 40 NEVER_SENT", "RF-B31 31 NO_CONFIRMATION");
    }

    @Test
    void filtersByMethodStoreBuyerOrderAndAge() {
        flagging.flag(D);

        assertThat(ids(new StuckFilter(D, "PAYPAL", null, null, null, null))).containsExactly("RF-D50", "RF-C40");
        assertThat(ids(new StuckFilter(D, null, "S-1", null, null, null))).containsExactly("RF-B31");
        assertThat(ids(new StuckFilter(D, null, null, "B-2", null, null))).containsExactly("RF-D50", "RF-C40");
        assertThat(ids(new StuckFilter(D, null, null, null, "O-1", null))).containsExactly("RF-B31");
        assertThat(ids(new StuckFilter(D, null, null, null, null, 40))).containsExactly("RF-D50", "RF-C40");
        assertThat(ids(new StuckFilter(D, null, null, null, null, 10))).hasSize(3);
    }

    @Test
    void keepsTheDateFirstFlaggedAndLetsACompletedRefundLeaveTheList() {
        flagging.flag(D);
        jdbc.sql("UPDATE refund SET status = 'REFUNDED' WHERE refund_id = 'RF-B31'").update();

        flagging.flag(D.plusDays(1));

        assertThat(stuckRefunds.list(StuckFilter.all(D.plusDays(1))))
                .extracting(s -> s.refundId() + " " + s.firstFlaggedOn())
                .containsExactly("RF-D50 2026-12-31", "RF-C40 2026-12-31", "RF-A30 2027-01-01");
        assertThat(jdbc.sql("SELECT cleared_on FROM stuck_refund WHERE refund_id = 'RF-B31'").query(LocalDate.class)
                .single()).isEqualTo(D.plusDays(1));
    }

    private List<String> ids(StuckFilter filter) {
        return stuckRefunds.list(filter).stream().map(StuckRefund::refundId).toList();
    }

    private void order(String id, String store, String buyer, String method) {
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES (:id, :store, :buyer, :method, 'ref_1', 'USD', 100000, 0, now(), now(), false, now(), :d, :d)
                """).param("id", id).param("store", store).param("buyer", buyer).param("method", method).param("d", D)
                .update();
    }

    private void refund(String id, String order, String status, LocalDate approvedOn) {
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                SELECT 'KEY:' || :id, :id, order_id, 'CANCELLATION', payment_method, payment_reference, 'USD', 1000,
                       :status, :approved, :approved FROM orders WHERE order_id = :order
                """).param("id", id).param("order", order).param("status", status).param("approved", approvedOn)
                .update();
    }
}
