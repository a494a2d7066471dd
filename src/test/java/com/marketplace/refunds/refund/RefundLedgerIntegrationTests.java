package com.marketplace.refunds.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.marketplace.refunds.support.Databases;
import com.marketplace.refunds.support.TestDatabase;

/** The money invariants the database guards by itself, whatever the Java code does. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RefundLedgerIntegrationTests {

    private static final String DATABASE = TestDatabase.freshFor(RefundLedgerIntegrationTests.class);
    private static final LocalDate DAY = LocalDate.parse("2026-11-25");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @BeforeEach
    void oneOrderOfTenDollars() {
        Databases.reset(dataSource);
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES ('O-1', 'S-1', 'B-1', 'CARD', 'psp_1', 'USD', 900, 100, now(), now(), false, now(), :d, :d)
                """).param("d", DAY).update();
    }

    @Test
    void keepsTheOrdersCommittedAmountInStepWithItsRefunds() {
        insertRefund("CANCEL:C-1", 600);
        insertRefund("RETURN:R-1", 400);

        assertThat(committed()).isEqualTo(1000);
    }

    @Test
    void oneStatementRaisesTheTotalOfAnOrderCommittedBeforeAndStartsOneForANewOrder() {
        insertRefund("CANCEL:C-1", 600);
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES ('O-2', 'S-1', 'B-2', 'CARD', 'psp_2', 'USD', 500, 0, now(), now(), false, now(), :d, :d)
                """).param("d", DAY).update();

        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                VALUES ('RETURN:R-1', :r1, 'O-1', 'FREE_RETURN', 'CARD', 'psp_1', 'USD', 300, 'WAITING_REFUND', :d, :d),
                       ('CANCEL:C-2', :c2, 'O-2', 'CANCELLATION', 'CARD', 'psp_2', 'USD', 200, 'WAITING_REFUND', :d, :d),
                       ('DISPUTE:D-2', :d2, 'O-2', 'DISPUTE', 'CARD', 'psp_2', 'USD', 100, 'WAITING_REFUND', :d, :d)
                """).param("r1", RefundId.of("RETURN:R-1")).param("c2", RefundId.of("CANCEL:C-2"))
                .param("d2", RefundId.of("DISPUTE:D-2")).param("d", DAY).update();

        assertThat(committed()).as("O-1: 600 before, 300 now").isEqualTo(900);
        assertThat(Databases.committed(jdbc, "O-2")).as("O-2: its two refunds").isEqualTo(300);
        assertThatThrownBy(() -> insertRefund("DISPUTE:D-1", 101)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("refunds_within_order_total");
        assertThat(committed()).isEqualTo(900);
    }

    @Test
    void refusesARefundThatWouldGoAboveTheOrderTotal() {
        insertRefund("CANCEL:C-1", 600);

        assertThatThrownBy(() -> insertRefund("RETURN:R-1", 401)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("refunds_within_order_total");
        assertThat(committed()).isEqualTo(600);
    }

    @Test
    void refusesToChangeTheAmountsOfAnOrderWhoseTotalTheRefundsAreWeighedAgainst() {
        insertRefund("CANCEL:C-1", 600);

        assertThatThrownBy(() -> jdbc.sql("UPDATE orders SET items_minor = 400 WHERE order_id = 'O-1'").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("amounts never change");
        assertThatThrownBy(() -> jdbc.sql("UPDATE orders SET shipping_minor = 0 WHERE order_id = 'O-1'").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("amounts never change");
        jdbc.sql("UPDATE orders SET items_minor = 900, shipping_minor = 100 WHERE order_id = 'O-1'").update();
        assertThatThrownBy(() -> insertRefund("RETURN:R-1", 401)).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("refunds_within_order_total");
        assertThat(committed()).isEqualTo(600);
    }

    @Test
    void refusesARefundOfAnOrderThatIsNotStoredEvenAmongRefundsOfStoredOnes() {
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                VALUES ('CANCEL:C-1', :id1, 'O-1', 'CANCELLATION', 'CARD', 'psp_1', 'USD', 100, 'WAITING_REFUND', :d, :d),
                       ('CANCEL:C-9', :id9, 'O-9', 'CANCELLATION', 'CARD', 'psp_9', 'USD', 100, 'WAITING_REFUND', :d, :d)
                """).param("id1", RefundId.of("CANCEL:C-1")).param("id9", RefundId.of("CANCEL:C-9")).param("d", DAY)
                .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("order that is not stored");
        assertThat(committed()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM refund").query(Long.class).single()).isZero();
    }

    @Test
    void openRefundHoldsEveryRefundNotRefundedWithItsStatusAndFileWhateverTheStatusChanges() {
        insertRefund("CANCEL:C-1", 300);
        insertRefund("RETURN:R-1", 200);
        insertRefund("DISPUTE:D-1", 100);
        jdbc.sql("UPDATE refund SET status = 'REFUND_PROCESSING', settlement_file = 'card-refunds-20261125-000001.csv'")
                .update();
        setStatus("CANCEL:C-1", "REFUNDED");
        setStatus("RETURN:R-1", "REFUNDED");
        setStatus("RETURN:R-1", "FAILED"); // a reversal after the confirmation: open again
        setStatus("DISPUTE:D-1", "REFUND_PROCESSING");

        assertThat(jdbc.sql("SELECT refund_id || ' ' || status || ' ' || amount_minor FROM open_refund ORDER BY amount_minor")
                .query(String.class).list())
                .containsExactly(RefundId.of("DISPUTE:D-1") + " REFUND_PROCESSING 100", RefundId.of("RETURN:R-1") + " FAILED 200");
        assertThat(jdbc.sql("""
                SELECT count(*) FROM refund r FULL JOIN open_refund x USING (refund_id)
                 WHERE (r.status <> 'REFUNDED') IS DISTINCT FROM (x.refund_id IS NOT NULL) OR x.status <> r.status
                    OR x.refund_id IS NOT NULL AND x.settlement_file IS DISTINCT FROM r.settlement_file
                """).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT DISTINCT settlement_file FROM open_refund").query(String.class).list())
                .as("the file a settlement file's rows are read by").containsExactly("card-refunds-20261125-000001.csv");
    }

    /** A settlement file's rows are read from open_refund alone (V34): it must carry their every column. */
    @Test
    void openRefundCarriesTheTriggerAndPaymentReferenceOfEachRefundAlsoWhenItOpensAgain() {
        insertRefund("CANCEL:C-1", 300);
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on, settlement_file)
                VALUES (:key, :id, 'O-1', 'FREE_RETURN', 'PAYPAL', 'PAYID-7', 'USD', 200, 'REFUND_PROCESSING', :d, :d,
                        'paypal-refunds-20261125-000001.csv')
                """).param("key", "RETURN:R-1").param("id", RefundId.of("RETURN:R-1")).param("d", DAY).update();
        setStatus("RETURN:R-1", "REFUNDED");
        assertThat(jdbc.sql("SELECT count(*) FROM open_refund").query(Long.class).single()).isOne();
        setStatus("RETURN:R-1", "FAILED"); // a reversal after the confirmation: in the mirror again

        assertThat(jdbc.sql("""
                SELECT trigger_type || ' ' || payment_reference || ' ' || coalesce(settlement_file, '-')
                  FROM open_refund ORDER BY amount_minor""").query(String.class).list())
                .containsExactly("FREE_RETURN PAYID-7 paypal-refunds-20261125-000001.csv", "CANCELLATION psp_1 -");
    }

    @Test
    void aRefundIsOpenWhileWaitingHeldInFlightOrFailedAndNotReissuedAndTheRuleIsWrittenIntoTheStatement() {
        jdbc.sql("""
                INSERT INTO refund_reissue (refund_id, n, new_refund_id, request_id, business_date)
                VALUES ('R-REISSUED', 1, 'R-NEW', 1, :d)
                """).param("d", DAY).update();

        assertThat(jdbc.sql("""
                SELECT status || ' ' || id || ' ' || refund_is_open(status, id)
                  FROM (VALUES ('WAITING_REFUND', 'R-1'), ('HELD', 'R-1'), ('REFUND_PROCESSING', 'R-1'),
                               ('REFUNDED', 'R-1'), ('PAID_OUTSIDE', 'R-1'), ('CANCELLED', 'R-1'),
                               ('FAILED', 'R-1'), ('FAILED', 'R-REISSUED'), ('REFUNDED', 'R-REISSUED')) v (status, id)
                """).query(String.class).list()).containsExactly("WAITING_REFUND R-1 true", "HELD R-1 true",
                "REFUND_PROCESSING R-1 true", "REFUNDED R-1 false", "PAID_OUTSIDE R-1 false", "CANCELLED R-1 false",
                "FAILED R-1 true", "FAILED R-REISSUED false", "REFUNDED R-REISSUED false");
        // the refund triggers' statements run the rule as an expression of their own (V30): no call per row,
        // and the reissues are looked at only for a FAILED refund
        assertThat(jdbc.sql("EXPLAIN (VERBOSE, COSTS OFF) SELECT refund_id FROM refund WHERE refund_is_open(status, refund_id)")
                .query(String.class).list())
                .noneMatch(line -> line.contains("refund_is_open("))
                .anyMatch(line -> line.contains("(refund.status = 'FAILED'::text) AND refund_not_reissued(refund.refund_id)"));
    }

    @Test
    void refusesASecondRefundForTheSameKey() {
        insertRefund("CANCEL:C-1", 100);

        assertThatThrownBy(() -> insertRefund("CANCEL:C-1", 100)).isInstanceOf(DataAccessException.class);
        assertThat(committed()).isEqualTo(100);
    }

    @Test
    void aFailedRefundFreesTheBalanceAndARevivedOneTakesItAgain() {
        insertRefund("CANCEL:C-1", 1000);

        setStatus("CANCEL:C-1", "FAILED");
        long afterFailure = committed();
        insertRefund("RETURN:R-1", 1000);

        assertThat(afterFailure).isZero();
        assertThat(committed()).isEqualTo(1000);
        assertThatThrownBy(() -> setStatus("CANCEL:C-1", "REFUNDED")).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("refunds_within_order_total");
    }

    @Test
    void theCommittedTotalFollowsEveryChangeOfStatusInOneStatement() {
        insertRefund("CANCEL:C-1", 300);
        insertRefund("RETURN:R-1", 200);
        insertRefund("DISPUTE:D-1", 100);
        insertRefund("DISPUTE:D-2", 50);
        jdbc.sql("""
                UPDATE refund SET status = CASE refund_key WHEN 'CANCEL:C-1' THEN 'FAILED' WHEN 'RETURN:R-1' THEN 'CANCELLED'
                                                           WHEN 'DISPUTE:D-1' THEN 'PAID_OUTSIDE' ELSE 'REFUNDED' END
                """).update();
        long afterFirst = committed();
        jdbc.sql("""
                UPDATE refund SET status = CASE refund_key WHEN 'CANCEL:C-1' THEN 'PAID_OUTSIDE' WHEN 'DISPUTE:D-1' THEN 'FAILED'
                                                           ELSE status END
                """).update();

        assertThat(afterFirst).as("only the paid-outside and refunded ones weigh").isEqualTo(150);
        assertThat(committed()).as("the failed one revived as paid outside, the paid-outside one failed").isEqualTo(350);
        assertThat(jdbc.sql("SELECT refund_id FROM open_refund").query(String.class).list())
                .containsExactly(RefundId.of("DISPUTE:D-1"));
    }

    @Test
    void refusesToChangeARefundsKeyIdOrderOrAmount() {
        insertRefund("CANCEL:C-1", 300);

        for (String change : new String[] {"amount_minor = 100", "order_id = 'O-2'", "refund_id = 'RF-OTHER'",
                "refund_key = 'CANCEL:C-2'"}) {
            assertThatThrownBy(() -> jdbc.sql("UPDATE refund SET " + change).update()).as(change)
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("never change");
        }
        jdbc.sql("UPDATE refund SET amount_minor = 300, status = 'REFUND_PROCESSING'").update();
        assertThat(committed()).isEqualTo(300);
        assertThat(jdbc.sql("SELECT status FROM open_refund").query(String.class).single()).isEqualTo("REFUND_PROCESSING");
    }

    @Test
    void refusesToChangeARefundsCurrencyPaymentMethodOrApprovalDate() {
        insertRefund("CANCEL:C-1", 300);

        for (String change : new String[] {"currency = 'EUR'", "payment_method = 'PAYPAL'",
                "approved_on = approved_on + 1"}) {
            assertThatThrownBy(() -> jdbc.sql("UPDATE refund SET " + change).update()).as(change)
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("never change");
        }
        jdbc.sql("UPDATE refund SET currency = 'USD', payment_method = 'CARD', status = 'HELD'").update();
        assertThat(jdbc.sql("SELECT status FROM refund").query(String.class).single()).isEqualTo("HELD");
    }

    /**
     * The run's figures and the roll-forward read the refunds approved on a date from refund_approved_total
     * (V40): every statement that writes refunds or moves them to the archive keeps it equal to what refund
     * holds, per date, payment method and currency.
     */
    @Test
    void theRefundsApprovedOnADateAreCountedAsTheyAreWrittenAndAsTheArchiveMovesThem() {
        jdbc.sql("""
                INSERT INTO orders (order_id, store_id, buyer_id, payment_method, payment_reference, currency, items_minor,
                       shipping_minor, paid_at, ship_deadline, free_return, protection_expires_at, first_seen_on,
                       last_changed_on)
                VALUES ('O-2', 'S-1', 'B-1', 'PAYPAL', 'pp_2', 'EUR', 5000, 0, now(), now(), false, now(), :d, :d)
                """).param("d", DAY).update();
        insertRefund("CANCEL:C-1", 300);
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                VALUES ('RETURN:R-1', :r1, 'O-1', 'FREE_RETURN', 'CARD', 'psp_1', 'USD', 200, 'WAITING_REFUND', :d, :d),
                       ('RETURN:R-2', :r2, 'O-2', 'FREE_RETURN', 'PAYPAL', 'pp_2', 'EUR', 1250, 'WAITING_REFUND', :d, :d),
                       ('RETURN:R-3', :r3, 'O-2', 'FREE_RETURN', 'PAYPAL', 'pp_2', 'EUR', 750, 'WAITING_REFUND', :next, :next)
                """).param("r1", RefundId.of("RETURN:R-1")).param("r2", RefundId.of("RETURN:R-2"))
                .param("r3", RefundId.of("RETURN:R-3")).param("d", DAY).param("next", DAY.plusDays(1)).update();
        setStatus("CANCEL:C-1", "REFUND_PROCESSING");

        assertThat(approvedTotals()).containsExactly(
                "2026-11-25 CARD USD 2 500", "2026-11-25 PAYPAL EUR 1 1250", "2026-11-26 PAYPAL EUR 1 750");
        assertThat(approvedTotals()).as("the same as refund gives").isEqualTo(jdbc.sql("""
                SELECT approved_on || ' ' || payment_method || ' ' || currency || ' ' || count(*) || ' ' || sum(amount_minor)
                  FROM refund GROUP BY approved_on, payment_method, currency ORDER BY 1""").query(String.class).list());

        // the archive's move out of the hot table, in its own transaction as the archive does it
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.sql("SELECT set_config('refunds.moving_rows', 'on', true)").query().singleRow();
            jdbc.sql("DELETE FROM refund WHERE refund_key IN ('RETURN:R-1', 'RETURN:R-3')").update();
        });

        assertThat(approvedTotals()).containsExactly(
                "2026-11-25 CARD USD 1 300", "2026-11-25 PAYPAL EUR 1 1250", "2026-11-26 PAYPAL EUR 0 0");
    }

    @Test
    void neverDeletesARefund() {
        insertRefund("CANCEL:C-1", 100);

        assertThatThrownBy(() -> jdbc.sql("DELETE FROM refund").update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("never deleted");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE refund CASCADE").update()).isInstanceOf(DataAccessException.class);
    }

    @Test
    void statusHistoryAcceptsInsertsOnly() {
        insertRefund("CANCEL:C-1", 100);
        jdbc.sql("""
                INSERT INTO refund_status_change (refund_id, from_status, to_status, business_date, why)
                VALUES (:id, NULL, 'WAITING_REFUND', :d, 'approved')
                """).param("id", RefundId.of("CANCEL:C-1")).param("d", DAY).update();

        assertThatThrownBy(() -> jdbc.sql("UPDATE refund_status_change SET why = 'changed'").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM refund_status_change").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("UPDATE refund_status_history SET why = 'changed'").update())
                .as("the view of the whole history").isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM refund_status_history").update())
                .as("the view of the whole history").isInstanceOf(DataAccessException.class);
        assertThat(jdbc.sql("SELECT count(*) FROM refund_status_history").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theApprovalsHistoryIsAppendOnlyWhereItIsKept() {
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, order_id, trigger_type, decision, reason,
                       amount_approved_minor, refund_id)
                VALUES (:d, 1, 'CANCEL:C-1', 'O-1', 'CANCELLATION', 'APPROVED', NULL, 100, :id)
                """).param("d", DAY).param("id", RefundId.of("CANCEL:C-1")).update();
        jdbc.sql("INSERT INTO approvals_recorded (business_date, history_id) VALUES (:d, 1)").param("d", DAY).update();
        assertThat(jdbc.sql("SELECT to_status || ' ' || why FROM refund_status_history").query(String.class).list())
                .containsExactly("WAITING_REFUND APPROVED CANCELLATION CANCEL:C-1");

        for (String change : List.of("UPDATE decision SET reason = 'changed'", "DELETE FROM decision",
                "TRUNCATE decision", "UPDATE approvals_recorded SET history_id = 2",
                "DELETE FROM approvals_recorded", "TRUNCATE approvals_recorded")) {
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("is append-only");
        }
        assertThat(jdbc.sql("SELECT to_status || ' ' || why FROM refund_status_history").query(String.class).list())
                .containsExactly("WAITING_REFUND APPROVED CANCELLATION CANCEL:C-1");
    }

    @Test
    void aRefundKeepsTheFileThatSentItAndTheClaimIsAppendOnly() {
        insertRefund("CANCEL:C-1", 100);
        insertRefund("CANCEL:C-2", 200);
        jdbc.sql("UPDATE refund SET status = 'REFUND_PROCESSING', settlement_file = 'card-1.csv'").update();
        jdbc.sql("""
                INSERT INTO settlement_claim (file_name, business_date, history_id)
                VALUES ('card-1.csv', :d, nextval(pg_get_serial_sequence('refund_status_change', 'id')))
                """).param("d", DAY).update();
        assertThat(jdbc.sql("SELECT refund_id || ' ' || why FROM refund_status_history")
                .query(String.class).list()).containsExactlyInAnyOrder(
                        RefundId.of("CANCEL:C-1") + " sent in card-1.csv", RefundId.of("CANCEL:C-2") + " sent in card-1.csv");

        assertThatThrownBy(() -> jdbc.sql("UPDATE refund SET settlement_file = NULL WHERE refund_key = 'CANCEL:C-1'")
                .update()).isInstanceOf(DataAccessException.class).hasMessageContaining("which it keeps");
        assertThatThrownBy(() -> jdbc.sql("UPDATE refund SET settlement_file = 'card-2.csv'").update())
                .isInstanceOf(DataAccessException.class).hasMessageContaining("which it keeps");
        for (String change : List.of("UPDATE settlement_claim SET history_id = 2", "DELETE FROM settlement_claim",
                "TRUNCATE settlement_claim")) {
            assertThatThrownBy(() -> jdbc.sql(change).update()).as(change).isInstanceOf(DataAccessException.class)
                    .hasMessageContaining("is append-only");
        }
        jdbc.sql("UPDATE refund SET status = 'REFUNDED' WHERE refund_key = 'CANCEL:C-1'").update();
        assertThat(jdbc.sql("SELECT count(*) FROM refund_status_history WHERE why = 'sent in card-1.csv'")
                .query(Long.class).single()).as("a status change keeps the file").isEqualTo(2);
    }

    @Test
    void aRefundInAFileNotClaimedYetMayLeaveIt() {
        insertRefund("CANCEL:C-1", 100);
        jdbc.sql("UPDATE refund SET status = 'REFUND_PROCESSING', settlement_file = 'card-1.csv'").update();

        jdbc.sql("UPDATE refund SET status = 'HELD', settlement_file = NULL").update();

        assertThat(jdbc.sql("SELECT status || ' ' || coalesce(settlement_file, '-') FROM refund").query(String.class)
                .single()).as("held out of a reserved file, as the hold does").isEqualTo("HELD -");
        assertThat(jdbc.sql("SELECT count(*) FROM refund_status_history").query(Long.class).single()).isZero();
    }

    @Test
    void decidesAKeyFinallyOnlyOnce() {
        insertDecision(1, "CANCEL:C-1", "REJECTED", "UNKNOWN_ORDER");
        insertDecision(2, "CANCEL:C-1", "PENDING", "AWAITING_SELLER_CONFIRMATION");
        insertDecision(3, "CANCEL:C-1", "REJECTED", "SHIPPED_BEFORE_CANCELLATION");

        assertThatThrownBy(() -> insertDecision(4, "CANCEL:C-1", "REJECTED", "SHIPPED_BEFORE_CANCELLATION"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("decision_final_once");
    }

    private void insertRefund(String key, long amountMinor) {
        jdbc.sql("""
                INSERT INTO refund (refund_key, refund_id, order_id, trigger_type, payment_method, payment_reference,
                       currency, amount_minor, status, approved_on, status_changed_on)
                VALUES (:key, :id, 'O-1', 'CANCELLATION', 'CARD', 'psp_1', 'USD', :amount, 'WAITING_REFUND', :d, :d)
                """).param("key", key).param("id", RefundId.of(key)).param("amount", amountMinor).param("d", DAY)
                .update();
    }

    private void setStatus(String key, String status) {
        jdbc.sql("UPDATE refund SET status = :status WHERE refund_key = :key").param("status", status)
                .param("key", key).update();
    }

    private void insertDecision(int seq, String key, String decision, String reason) {
        jdbc.sql("""
                INSERT INTO decision (business_date, seq, refund_key, order_id, trigger_type, decision, reason)
                VALUES (:d, :seq, :key, 'O-1', 'CANCELLATION', :decision, :reason)
                """).param("d", DAY).param("seq", seq).param("key", key).param("decision", decision)
                .param("reason", reason).update();
    }

    private List<String> approvedTotals() {
        return jdbc.sql("""
                SELECT approved_on || ' ' || payment_method || ' ' || currency || ' ' || refunds || ' ' || amount_minor
                  FROM refund_approved_total ORDER BY 1""").query(String.class).list();
    }

    private long committed() {
        return Databases.committed(jdbc, "O-1");
    }
}
