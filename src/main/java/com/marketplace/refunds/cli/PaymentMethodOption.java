package com.marketplace.refunds.cli;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.marketplace.refunds.shared.PaymentMethod;

/** The values {@code --payment-method} takes: the payment methods that get a settlement file. */
final class PaymentMethodOption {

    private PaymentMethodOption() {
    }

    static boolean accepts(String value) {
        return Arrays.stream(PaymentMethod.values()).anyMatch(method -> method.name().equals(value));
    }

    /** The values, as the user reads them: {@code CARD or PAYPAL} with " or ", {@code CARD|PAYPAL} with "|". */
    static String choices(String separator) {
        return Arrays.stream(PaymentMethod.values()).map(PaymentMethod::name).collect(Collectors.joining(separator));
    }
}
