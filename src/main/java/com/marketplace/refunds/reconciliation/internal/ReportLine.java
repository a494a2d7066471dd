package com.marketplace.refunds.reconciliation.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.UUID;

import com.marketplace.refunds.shared.Sha256;

/**
 * One refund line of a processor report, as the processor wrote it; nothing is matched yet.
 *
 * @param paymentMethod {@code CARD} or {@code PAYPAL}
 * @param reportFile the report's file name, without its folder
 * @param line the physical line where the record starts, the header (or first row) being 1
 * @param refundId our {@code refund_id} as the processor reported it; empty when the line has no
 *        reference (a refund made in the processor's own interface, or by another system)
 * @param kind a confirmation of the refund, its reversal, or a refund line of a type not acted on
 * @param processorType the processor's own word for the line ({@code Refunded}, {@code T1107}, ...)
 * @param eventKey the line's identity across reports: a digest (128 bits, as a UUID) of the processor's own reference for
 *        the event (card: type and {@code Modification Reference}; PayPal: {@code Transaction ID}),
 *        or of the line's whole text when it has none. The same event delivered again, in any
 *        report under any name, has the same key.
 * @param currency the currency code as reported, a known ISO 4217 code; null only for an
 *        {@link Kind#UNHANDLED} line that has none
 * @param amount what the line says was refunded, in major units, exact as written and signed: a
 *        line that moves money the other way is negative. Compare with {@code compareTo}, never
 *        {@code equals}: a PayPal amount always has two decimals ({@code 150.00} yen), and an
 *        amount with more decimals than its currency has can never match a refund of ours. Null
 *        only for an {@link Kind#UNHANDLED} line that has none.
 */
public record ReportLine(String paymentMethod, String reportFile, int line, String refundId, Kind kind,
                         String processorType, String eventKey, String currency, BigDecimal amount) {

    public enum Kind {
        /** The processor paid the refund out: {@code Refunded}, or PayPal's {@code T1107}. */
        CONFIRMED,
        /** The refund was paid out and came back: {@code RefundedReversed}. */
        REVERSED,
        /** A card refund line of a type the product does not act on ({@code RefundedBulk}, ...): a break. */
        UNHANDLED
    }

    public ReportLine {
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(reportFile, "reportFile");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(processorType, "processorType");
        Objects.requireNonNull(eventKey, "eventKey");
        if (kind != Kind.UNHANDLED) {
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Whether the line names a refund at all. */
    public boolean hasReference() {
        return !refundId.isEmpty();
    }

    /** The amount as the reports show it, empty when the line has none. */
    String reportedAmount() {
        return amount == null ? null : amount.toPlainString();
    }

    /**
     * The identity of an event that the processor gave a reference of its own: the same reference
     * under the same type is the same event wherever it appears.
     */
    static String eventKey(String paymentMethod, String processorType, String processorReference) {
        return digest(paymentMethod, "event", processorType.toLowerCase(java.util.Locale.ROOT), processorReference);
    }

    /** The identity of a line without a reference of the processor's own: its whole text. */
    static String lineKey(String paymentMethod, String[] fields) {
        String[] parts = new String[fields.length + 2];
        parts[0] = paymentMethod;
        parts[1] = "line";
        System.arraycopy(fields, 0, parts, 2, fields.length);
        return digest(parts);
    }

    /**
     * A digest, never the text itself (a reference cell could hold anything, a card number included):
     * the first 128 bits of its SHA-256, as a UUID, which PostgreSQL keys in 16 bytes.
     */
    private static String digest(String... parts) {
        MessageDigest sha256 = Sha256.digest();
        for (String part : parts) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0x1f);
        }
        ByteBuffer bits = ByteBuffer.wrap(sha256.digest());
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }
}
