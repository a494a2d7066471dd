package com.marketplace.refunds.shared;

/**
 * Identifiers (every {@code *_id} and {@code payment_reference}): 1 to 64 ASCII letters, digits, '.', '_', '-',
 * the first a letter or a digit, as the pattern {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}} says.
 * <p>
 * Checked character by character rather than with that pattern: the load checks every id of every row of a
 * drop, and on a million-order night the pattern's matcher was a third of the load's Java time
 * (JFR, "Measured" in the README). {@code IdentifiersProperties} holds this check to the pattern.
 */
public final class Identifiers {

    /** The longest identifier. */
    private static final int MAX_LENGTH = 64;

    private Identifiers() {
    }

    public static boolean isValid(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH || !isLetterOrDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}
