package com.marketplace.refunds.reconciliation.internal;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import com.marketplace.refunds.shared.RefundStatus;

/**
 * The roll-forward of one run, per payment method and currency: outstanding (waiting, held or in
 * flight) at the start + approved − confirmed − failed − cancelled = outstanding at the end, in counts
 * and minor units. Each refund counts once, by where the run left it; a refund in flight that an action
 * ended (reissued, or paid outside) counts as failed, one cancelled by an action as cancelled. A
 * reversal of a refund confirmed in an earlier run is not here (it was no longer outstanding) but
 * among the breaks.
 */
final class RollForward {

    /** Amounts are sums of many refunds: exact, whatever their size (never a {@code long} that could overflow). */
    record Row(String paymentMethod, String currency, long openingCount, BigInteger openingMinor, long approvedCount,
               BigInteger approvedMinor, long confirmedCount, BigInteger confirmedMinor, long failedCount,
               BigInteger failedMinor, long cancelledCount, BigInteger cancelledMinor, long closingCount,
               BigInteger closingMinor) {

        boolean balances() {
            return openingCount + approvedCount - confirmedCount - failedCount - cancelledCount == closingCount
                    && openingMinor.add(approvedMinor).subtract(confirmedMinor).subtract(failedMinor)
                            .subtract(cancelledMinor).equals(closingMinor);
        }
    }

    private static final String ROLL_FORWARD = """
            WITH opening AS (
                SELECT payment_method, currency, refund_count AS n, amount_minor AS minor
                  FROM reconciliation_opening WHERE business_date = :d),
            approved AS (
                SELECT payment_method, currency, refunds AS n, amount_minor AS minor
                  FROM refund_approved_total WHERE approved_on = :d AND refunds > 0),
            moved AS (
                SELECT payment_method, currency,
                       CASE end_status WHEN %3$s THEN %4$s ELSE end_status END AS end_status,
                       count(*) AS n, sum(amount_minor) AS minor
                  FROM reconciliation_outcome
                 WHERE business_date = :d AND start_status IN (%1$s)
                   AND end_status IN (%2$s)
                 GROUP BY 1, 2, 3),
            closing AS (
                SELECT payment_method, currency, count(*) AS n, sum(amount_minor) AS minor
                  FROM open_refund WHERE status IN (%1$s)
                 GROUP BY payment_method, currency),
            keys AS (
                SELECT payment_method, currency FROM opening UNION SELECT payment_method, currency FROM approved
                UNION SELECT payment_method, currency FROM moved UNION SELECT payment_method, currency FROM closing)
            SELECT k.payment_method, k.currency,
                   coalesce(o.n, 0) AS opening_count, coalesce(o.minor, 0) AS opening_minor,
                   coalesce(a.n, 0) AS approved_count, coalesce(a.minor, 0) AS approved_minor,
                   coalesce(c.n, 0) AS confirmed_count, coalesce(c.minor, 0) AS confirmed_minor,
                   coalesce(f.n, 0) AS failed_count, coalesce(f.minor, 0) AS failed_minor,
                   coalesce(x.n, 0) AS cancelled_count, coalesce(x.minor, 0) AS cancelled_minor,
                   coalesce(e.n, 0) AS closing_count, coalesce(e.minor, 0) AS closing_minor
              FROM keys k
              LEFT JOIN opening o ON o.payment_method = k.payment_method AND o.currency = k.currency
              LEFT JOIN approved a ON a.payment_method = k.payment_method AND a.currency = k.currency
              LEFT JOIN moved c ON c.payment_method = k.payment_method AND c.currency = k.currency
                                AND c.end_status = %5$s
              LEFT JOIN moved f ON f.payment_method = k.payment_method AND f.currency = k.currency
                                AND f.end_status = %4$s
              LEFT JOIN moved x ON x.payment_method = k.payment_method AND x.currency = k.currency
                                AND x.end_status = %6$s
              LEFT JOIN closing e ON e.payment_method = k.payment_method AND e.currency = k.currency
             ORDER BY k.payment_method, k.currency
            """.formatted(RefundStatus.outstandingSqlList(), RefundStatus.endedSqlList(),
                    RefundStatus.PAID_OUTSIDE.sql(), RefundStatus.FAILED.sql(), RefundStatus.REFUNDED.sql(),
                    RefundStatus.CANCELLED.sql());

    private final JdbcClient jdbc;

    RollForward(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> of(LocalDate businessDate) {
        return jdbc.sql(ROLL_FORWARD).param("d", businessDate).query(Row.class).list();
    }
}
