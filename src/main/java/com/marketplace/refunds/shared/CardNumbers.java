package com.marketplace.refunds.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises and masks card numbers: 13 to 19 digits with a card-scheme prefix and a valid Luhn
 * check digit. No output of the product may carry one unmasked.
 */
public final class CardNumbers {

    /**
     * 13 to 19 digits in a row, or written in the groups cards are printed in, with one kind of
     * separator (a space or a dash): 4-4-4-4 with up to three more, or 4-6-4/5 (Amex, Diners).
     * Other groupings (a date and a sequence, {@code 20261110-000001}) are not card numbers.
     */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])(?:[0-9]{13,19}"
            + "|[0-9]{4}([ -])[0-9]{4}\\1[0-9]{4}\\1[0-9]{4}(?:\\1?[0-9]{1,3})?"
            + "|[0-9]{4}([ -])[0-9]{6}\\2[0-9]{4,5})(?![0-9])");
    private static final String[] SCHEME_PREFIXES = {"2", "4", "5", "34", "37", "36", "38", "30", "35", "6"};

    private CardNumbers() {
    }

    public static boolean looksLikeCardNumber(String text) {
        if (text == null || !DIGIT_RUN.matcher(text).matches()) {
            return false;
        }
        String digits = digitsOf(text);
        return digits.length() >= 13 && digits.length() <= 19 && hasSchemePrefix(digits) && luhnValid(digits);
    }

    /** Replaces every card-like digit run in the text by stars and its last four digits. */
    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        Matcher run = DIGIT_RUN.matcher(text);
        StringBuilder masked = new StringBuilder(text.length());
        while (run.find()) {
            String found = run.group();
            String replacement = looksLikeCardNumber(found) ? maskAllButLastFour(found) : found;
            run.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        run.appendTail(masked);
        return masked.toString();
    }

    /** Every digit but the last four becomes '*'; separators stay where they were. */
    private static String maskAllButLastFour(String found) {
        StringBuilder masked = new StringBuilder(found);
        int digitsLeft = digitsOf(found).length();
        for (int i = 0; i < masked.length(); i++) {
            if (Character.isDigit(masked.charAt(i)) && digitsLeft-- > 4) {
                masked.setCharAt(i, '*');
            }
        }
        return masked.toString();
    }

    private static String digitsOf(String text) {
        StringBuilder digits = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                digits.append(text.charAt(i));
            }
        }
        return digits.toString();
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
