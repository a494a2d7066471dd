package com.marketplace.refunds.simulate.processor;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import com.marketplace.refunds.shared.Currencies;

/**
 * One refund line a simulated processor writes into its report: a confirmation, or the reversal
 * of a refund it had confirmed. The layouts ({@link SimulatedCardReport},
 * {@link SimulatedStlReport}) turn it into their own columns.
 *
 * @param refundId our refund_id, or a reference that matches no refund of ours
 * @param orderId the marketplace order, the original payment's merchant reference
 * @param paymentReference the original payment (card: PSP reference; PayPal: capture id)
 * @param amountMinor in minor units of {@code currency}
 */
public record SimulatedLine(String refundId, String orderId, String paymentReference, String currency,
                            long amountMinor, Kind kind) {

    /** What the processor says of the refund: it paid it out, or the payment came back. */
    public enum Kind {
        CONFIRMED,
        REVERSED
    }

    public static final String DIGITS = "0123456789";
    public static final String HEX = "0123456789ABCDEF";
    public static final String LETTERS_AND_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /** One major unit in minor units: 100 for USD, 1 for JPY, 1000 for BHD. */
    public static long unit(String currency) {
        return BigDecimal.ONE.scaleByPowerOfTen(Currencies.exponent(currency)).longValueExact();
    }

    /** A processor's reference: {@code length} characters drawn from {@code alphabet}. */
    public static String randomCode(SplittableRandom random, int length, String alphabet) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return code.toString();
    }
}
