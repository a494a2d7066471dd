package com.marketplace.refunds.settlement.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.settlement.internal.SettlementFileWriter.Row;
import com.marketplace.refunds.settlement.internal.SettlementLedger.Claim;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.TestDatabase;

/**
 * The settlement ledger on PostgreSQL (issue 14: each set-based piece tested on its own): a claim
 * takes the method's waiting refunds and the next sequence once per date, a second claim for the date
 * returns the first, and a file's rows are exactly the refunds it claimed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SettlementLedgerIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(SettlementLedgerIntegrationTests.class);
    private static final LocalDate NOV_25 = LocalDate.parse("2026-11-25");
    private static final LocalDate NOV_26 = LocalDate.parse("2026-11-26");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    TransactionTemplate transaction;

    SettlementLedger ledger;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @BeforeEach
    void twoCardRefundsAndAPaypalOneWaiting() {
        Databases.reset(dataSource);
        ledger = new SettlementLedger(dataSource);
        transaction = new TransactionTemplate(transactionManager);
        order("O-1", "CARD", "psp-1");
        order("O-2", "PAYPAL", "cap-2");
        refund("CANCEL:C-1", "RF-0000000000000000000B", "O-1", "CARD", "psp-1", 1_000, "WAITING_REFUND");
        refund("CANCEL:C-2", "RF-0000000000000000000A", "O-1", "CARD", "psp-1", 500, "WAITING_REFUND");
        refund("CANCEL:C-3", "RF-0000000000000000000C", "O-2", "PAYPAL", "cap-2", 700, "WAITING_REFUND");
        refund("CANCEL:C-4", "RF-0000000000000000000D", "O-1", "CARD", "psp-1", 100, "HELD");
    }

    @Test
    void aClaimTakesTheMethodsWaitingRefundsAndTheNextSequenceOncePerDate() {
        Claim first = transaction.execute(status -> ledger.claim(PaymentMethod.CARD, NOV_25, 7));
        Claim again = transaction.execute(status -> ledger.claim(PaymentMethod.CARD, NOV_25, 8));

        assertThat(first).isEqualTo(new Claim(PaymentMethod.CARD, NOV_25, 1, "card-refunds-20261125-000001.csv", false));
        assertThat(again).as("a restart finds the date's claim").isEqualTo(first);
        assertThat(statuses()).containsExactly(
                "RF-0000000000000000000A REFUND_PROCESSING card-refunds-20261125-000001.csv",
                "RF-0000000000000000000B REFUND_PROCESSING card-refunds-20261125-000001.csv",
                "RF-0000000000000000000C WAITING_REFUND null",
                "RF-0000000000000000000D HELD null");
        assertThat(jdbc.sql("""
                SELECT refund_id || ' ' || from_status || ' ' || to_status || ' ' || job_execution_id || ' ' || why
                  FROM refund_status_history ORDER BY id, refund_id COLLATE "C\"""").query(String.class).list())
                .as("one history row per claimed refund, from the first claim only").containsExactly(
                        "RF-0000000000000000000A WAITING_REFUND REFUND_PROCESSING 7 sent in card-refunds-20261125-000001.csv",
                        "RF-0000000000000000000B WAITING_REFUND REFUND_PROCESSING 7 sent in card-refunds-20261125-000001.csv");
        assertThat(jdbc.sql("SELECT count(*) FROM open_refund WHERE settlement_file = 'card-refunds-20261125-000001.csv'")
                .query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void theNextDateTakesTheNextSequenceAndOnlyWhatIsStillWaiting() {
        transaction.execute(status -> ledger.claim(PaymentMethod.CARD, NOV_25, 7));
        refund("CANCEL:C-5", "RF-0000000000000000000E", "O-1", "CARD", "psp-1", 200, "WAITING_REFUND");

        Claim next = transaction.execute(status -> ledger.claim(PaymentMethod.CARD, NOV_26, 9));

        assertThat(next.sequence()).isEqualTo(2);
        assertThat(next.fileName()).isEqualTo("card-refunds-20261126-000002.csv");
        assertThat(rowsOf(next)).containsExactly("RF-0000000000000000000E O-1 psp-1 USD 200 CANCELLATION");
        assertThat(committed("O-1")).as("a claim moves no balance").isEqualTo(1_800);
    }

    @Test
    void aFilesRowsAreItsRefundsInRefundIdOrderAndItIsPublishedOnce() {
        Claim claim = transaction.execute(status -> ledger.claim(PaymentMethod.CARD, NOV_25, 7));

        assertThat(rowsOf(claim)).containsExactly("RF-0000000000000000000A O-1 psp-1 USD 500 CANCELLATION",
                "RF-0000000000000000000B O-1 psp-1 USD 1000 CANCELLATION");

        SettlementFileWriter.Written written = new SettlementFileWriter.Written(claim.fileName(), PaymentMethod.CARD,
                NOV_25, 1, 2, new TreeMap<>(Map.of("USD", "15.00")), "ab".repeat(32));
        transaction.executeWithoutResult(status -> ledger.publish(written));
        assertThat(transaction.execute(status -> ledger.claim(PaymentMethod.CARD, NOV_25, 8)).published()).isTrue();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> ledger.publish(written)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("was not waiting to be published");
    }

    private List<String> rowsOf(Claim claim) {
        List<String> rows = new ArrayList<>();
        transaction.executeWithoutResult(status -> ledger.rowsOf(claim).forEach((Row row) -> rows.add(String.join(" ",
                row.refundId(), row.orderId(), row.reference(), row.currency(), String.valueOf(row.amountMinor()),
                row.reason()))));
        return rows;
    }

    private List<String> statuses() {
        return jdbc.sql("SELECT refund_id || ' ' || status || ' ' || coalesce(settlement_file, 'null') FROM refund "
                + "ORDER BY refund_id").query(String.class).list();
    }

    private long committed(String orderId) {
        return Databases.committed(jdbc, orderId);
    }

    private void order(String id, String method, String reference) {
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES (:id, 'S-1', 'B-1', :method, :reference, 'USD', 9000, 1000, now(), now(), false, now(), :d, :d)
                """).param("id", id).param("method", method).param("reference", reference).param("d", NOV_25).update();
    }

    private void refund(String key, String id, String order, String method, String reference, long amount,
                        String status) {
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                VALUES (:key, :id, :order, 'CANCELLATION', :method, :reference, 'USD', :amount, :status, :d, :d)
                """).param("key", key).param("id", id).param("order", order).param("method", method)
                .param("reference", reference).param("amount", amount).param("status", status).param("d", NOV_25)
                .update();
    }
}
