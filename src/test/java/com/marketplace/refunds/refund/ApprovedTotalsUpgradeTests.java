package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.marketplace.refunds.support.TestDatabase;

/**
 * V40 counts the refunds approved on each date, per payment method and currency, as they are written, for
 * the run's figures and the roll-forward, instead of indexing every refund by its date: a database upgraded
 * to it counts the refunds it held, and then each refund written after.
 */
class ApprovedTotalsUpgradeTests {

    private static final String TOTALS = """
            SELECT approved_on || ' ' || payment_method || ' ' || currency || ' ' || refunds || ' ' || amount_minor
              FROM refund_approved_total ORDER BY 1
            """;

    @Test
    void countsTheRefundsHeldBeforeTheUpgradeAndEachOneWrittenAfter() {
        try (SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
                TestDatabase.fresh("approved_totals_upgrade"), TestDatabase.USER, "", true)) {
            // given a database before V40 with refunds of two dates, in two payment methods
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("39").load().migrate();
            JdbcClient jdbc = JdbcClient.create(dataSource);
            order(jdbc, "O-1", "CARD", "USD");
            order(jdbc, "O-2", "PAYPAL", "EUR");
            refund(jdbc, "CANCEL:C-1", "O-1", "CARD", "USD", 600, "2026-11-10");
            refund(jdbc, "RETURN:R-1", "O-1", "CARD", "USD", 400, "2026-11-11");
            refund(jdbc, "RETURN:R-2", "O-2", "PAYPAL", "EUR", 250, "2026-11-11");

            // when it is upgraded, and a refund is written after
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            List<String> upgraded = jdbc.sql(TOTALS).query(String.class).list();
            refund(jdbc, "DISPUTE:D-2", "O-2", "PAYPAL", "EUR", 1000, "2026-11-11");

            // then
            assertThat(upgraded).containsExactly("2026-11-10 CARD USD 1 600", "2026-11-11 CARD USD 1 400",
                    "2026-11-11 PAYPAL EUR 1 250");
            assertThat(jdbc.sql(TOTALS).query(String.class).list()).containsExactly("2026-11-10 CARD USD 1 600",
                    "2026-11-11 CARD USD 1 400", "2026-11-11 PAYPAL EUR 2 1250");
            assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE tablename = 'refund' AND indexdef LIKE '%approved_on%'")
                    .query(Long.class).single()).as("no index of refund by its date").isZero();
        }
    }

    private static void order(JdbcClient jdbc, String orderId, String method, String currency) {
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES (:o, 'S-1', 'B-1', :method, 'ref-' || :o, :currency, 5000, 0, now(), now(), false, now(),
                        '2026-11-10', '2026-11-10')
                """).param("o", orderId).param("method", method).param("currency", currency).update();
    }

    private static void refund(JdbcClient jdbc, String key, String orderId, String method, String currency, long amount,
                               String approvedOn) {
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                VALUES (:key, :id, :o, 'CANCELLATION', :method, 'ref-' || :o, :currency, :amount, 'WAITING_REFUND',
                        CAST(:d AS date), CAST(:d AS date))
                """).param("key", key).param("id", RefundId.of(key)).param("o", orderId).param("method", method)
                .param("currency", currency).param("amount", amount).param("d", approvedOn).update();
    }
}
