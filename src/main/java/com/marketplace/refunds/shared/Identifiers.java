package com.marketplace.refunds.shared;

import java.util.regex.Pattern;

/** Identifiers (every {@code *_id} and {@code payment_reference}): 1 to 64 ASCII letters, digits, '.', '_', '-'. */
public final class Identifiers {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Identifiers() {
    }

    public static boolean isValid(String text) {
        return text != null && IDENTIFIER.matcher(text).matches();
    }
}
