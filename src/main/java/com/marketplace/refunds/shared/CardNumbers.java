package com.marketplace.refunds.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and masks card numbers: 13 to 19 digits with a card-scheme prefix and a valid Luhn
 * check digit. No output of the product may carry one unmasked.
 */
public final class CardNumbers {

    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]{13,19}(?![0-9])");
    private static final String[] SCHEME_PREFIXES = {"2", "4", "5", "34", "37", "36", "38", "30", "35", "6"};

    private CardNumbers() {
    }

    public static boolean looksLikeCardNumber(String text) {
        return text != null && DIGIT_RUN.matcher(text).matches() && hasSchemePrefix(text) && luhnValid(text);
    }

    /** Replaces every card-like digit run in the text by stars and its last four digits. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher run = DIGIT_RUN.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (run.find()) {
            String digits = run.group();
            String replacement = looksLikeCardNumber(digits)
                    ? "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 4)
                    : digits;
            run.appendReplacement(masked, replacement);
        }
        run.appendTail(masked);
        return masked.toString();
    }

    private static boolean hasSchemePrefix(String digits) {
        for (String prefix : SCHEME_PREFIXES) {
            if (digits.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static boolean luhnValid(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }
}
