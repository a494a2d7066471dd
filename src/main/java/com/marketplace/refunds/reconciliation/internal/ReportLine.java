package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One refund line of a processor report, as the processor wrote it; nothing is matched yet.
 *
 * @param paymentMethod {@code CARD} or {@code PAYPAL}
 * @param reportFile the report's file name, without its folder
 * @param line the physical line where the record starts, the header (or first row) being 1
 * @param refundId our {@code refund_id} as the processor reported it
 * @param kind a confirmation of the refund, or its reversal (the refund came back)
 * @param currency the currency code as reported, a known ISO 4217 code
 * @param amount what the line says was refunded, in major units, exact as written and signed: a
 *        line that moves money the other way is negative. Compare with {@code compareTo}, never
 *        {@code equals}: a PayPal amount always has two decimals ({@code 150.00} yen), and an
 *        amount with more decimals than its currency has can never match a refund of ours.
 */
public record ReportLine(String paymentMethod, String reportFile, int line, String refundId, Kind kind,
                         String currency, BigDecimal amount) {

    public enum Kind {
        /** The processor paid the refund out: {@code Refunded}, or PayPal's {@code T1107}. */
        CONFIRMED,
        /** The refund was paid out and came back: {@code RefundedReversed}. */
        REVERSED
    }

    public static final String CARD = "CARD";
    public static final String PAYPAL = "PAYPAL";

    public ReportLine {
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(reportFile, "reportFile");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(amount, "amount");
    }
}
