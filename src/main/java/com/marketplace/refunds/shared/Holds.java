package com.marketplace.refunds.shared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a run held for review (docs/hold.md): per payment method and currency, what it approved, the
 * medians of the earlier runs it was compared with, and how many refunds became HELD.
 */
public final class Holds {

    /** One method and currency held by the run of a date. */
    public record Held(LocalDate businessDate, String paymentMethod, String currency, long refunds, BigDecimal amountMinor,
                       BigDecimal medianRefunds, BigDecimal medianAmountMinor, int earlierRuns, BigDecimal factor,
                       long held) {

        /** One line for a person: what was held, and the figures that held it. */
        public String describe() {
            int exponent = Currencies.exponent(currency);
            return held + " " + paymentMethod + " " + currency + " refund" + (held == 1 ? "" : "s") + " approved on "
                    + businessDate + " held: the night approved " + refunds + " for "
                    + money(amountMinor, exponent) + " " + currency + ", against a median of "
                    + medianRefunds.stripTrailingZeros().toPlainString() + " for " + money(medianAmountMinor, exponent)
                    + " " + currency + " over the last " + earlierRuns + " runs that approved any (more than "
                    + factor.stripTrailingZeros().toPlainString() + " times)";
        }

        /** An amount in minor units (a median may have a half), in major units as the reports write them. */
        public static String money(BigDecimal minor, int exponent) {
            return Money.format(minor.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact(), exponent);
        }
    }

    /** Refunds still HELD, by approval date, payment method and currency, whenever they were held. */
    public record StillHeld(LocalDate approvedOn, String paymentMethod, String currency, long refunds,
                            BigInteger amountMinor) {
    }

    private Holds() {
    }

    /** Every refund still HELD, from the open refunds only. */
    public static List<StillHeld> stillHeld(JdbcClient jdbc) {
        return jdbc.sql("""
                SELECT approved_on, payment_method, currency, count(*) AS refunds, sum(amount_minor) AS amount_minor
                  FROM open_refund WHERE status = %s
                 GROUP BY approved_on, payment_method, currency ORDER BY approved_on, payment_method, currency
                """.formatted(RefundStatus.HELD.sql())).query((row, n) -> new StillHeld(row.getObject("approved_on", LocalDate.class),
                row.getString("payment_method"), row.getString("currency"), row.getLong("refunds"),
                row.getBigDecimal("amount_minor").toBigIntegerExact())).list();
    }

    /** What the run of the date held, by method and currency. */
    public static List<Held> of(JdbcClient jdbc, LocalDate businessDate) {
        return jdbc.sql("""
                SELECT business_date, payment_method, currency, refunds, amount_minor, median_refunds, median_amount,
                       earlier_runs, factor, held
                  FROM run_hold WHERE business_date = :d ORDER BY payment_method, currency
                """).param("d", businessDate).query((row, n) -> new Held(row.getObject("business_date", LocalDate.class),
                row.getString("payment_method"), row.getString("currency"), row.getLong("refunds"),
                row.getBigDecimal("amount_minor"), row.getBigDecimal("median_refunds"),
                row.getBigDecimal("median_amount"), row.getInt("earlier_runs"), row.getBigDecimal("factor"),
                row.getLong("held"))).list();
    }
}
