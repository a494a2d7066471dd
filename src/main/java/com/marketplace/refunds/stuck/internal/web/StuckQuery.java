package com.marketplace.refunds.stuck.internal.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.marketplace.refunds.shared.Identifiers;
import com.marketplace.refunds.shared.PaymentMethod;
import com.marketplace.refunds.stuck.StuckFilter;

/**
 * What support asked for, the same on the page, in the CSV download and in the API: as of which
 * business date, which method, store, buyer, order and minimum age, and which page. Every value is
 * checked here; an empty value means "any". The messages never repeat what was typed.
 */
record StuckQuery(LocalDate asOf, String paymentMethod, String store, String buyer, String order, Integer minAgeDays,
                  Integer page) {

    static final Set<String> NAMES = Set.of("asOf", "paymentMethod", "store", "buyer", "order", "minAgeDays", "page");
    static final Set<String> PAYMENT_METHODS = Arrays.stream(PaymentMethod.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    static final int LAST_PAGE_ASKED = 1_000_000;
    /** Business dates the site lists as of: anything outside is a typing mistake, never a date to ask the database. */
    static final LocalDate FIRST_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDate LAST_DATE = LocalDate.of(2999, 12, 31);

    /** Only a name like these is repeated in an answer; anything else could be markup. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * Parses the request's parameters; {@code page} may be {@code all} only where {@code allPages} is. A
     * parameter it does not know is a problem too, so a misspelt filter never widens a list.
     */
    static StuckQuery parse(Map<String, List<String>> parameters, boolean allPages) {
        List<String> problems = new ArrayList<>(unknown(parameters));
        Map<String, String> typed = new LinkedHashMap<>();
        for (String name : NAMES) {
            List<String> values = parameters.getOrDefault(name, List.of());
            if (values.size() > 1) {
                problems.add(name + " is given " + values.size() + " times; give it once");
            }
            if (!values.isEmpty() && values.get(0) != null && !values.get(0).isBlank()) {
                typed.put(name, values.get(0).strip());
            }
        }
        LocalDate asOf = null;
        if (typed.containsKey("asOf")) {
            asOf = date(typed.get("asOf"));
            if (asOf == null) {
                problems.add("As of must be a date written yyyy-MM-dd from " + FIRST_DATE + " to " + LAST_DATE
                        + ", for example 2026-11-25");
            }
        }
        String method = typed.get("paymentMethod");
        if (method != null && !PAYMENT_METHODS.contains(method)) {
            problems.add("Payment method must be CARD or PAYPAL");
            method = null;
        }
        String store = identifier(typed, "store", "Store", problems);
        String buyer = identifier(typed, "buyer", "Buyer", problems);
        String order = identifier(typed, "order", "Order", problems);
        Integer minAge = number(typed.get("minAgeDays"), 0, 36_500,
                "Minimum age must be a whole number of days from 0 to 36500", problems);
        Integer page = null;
        if (!(allPages && "all".equals(typed.get("page")))) {
            page = number(typed.getOrDefault("page", "1"), 1, LAST_PAGE_ASKED,
                    "Page must be a whole number from 1" + (allPages ? ", or all" : ""), problems);
        }
        if (!problems.isEmpty()) {
            throw new BadQuery(problems);
        }
        return new StuckQuery(asOf, method, store, buyer, order, minAge, page);
    }

    StuckFilter filter(LocalDate resolvedAsOf) {
        return new StuckFilter(resolvedAsOf, paymentMethod, store, buyer, order, minAgeDays);
    }

    boolean allPages() {
        return page == null;
    }

    private static List<String> unknown(Map<String, List<String>> parameters) {
        return parameters.keySet().stream().filter(name -> !NAMES.contains(name)).sorted()
                .map(name -> "unknown parameter" + (PLAIN_NAME.matcher(name).matches() ? " " + name : "")
                        + "; the parameters are " + String.join(", ", NAMES.stream().sorted().toList()))
                .toList();
    }

    /** A date written exactly yyyy-MM-dd within the dates the site lists; null otherwise. */
    private static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            return date.isBefore(FIRST_DATE) || date.isAfter(LAST_DATE) ? null : date;
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String identifier(Map<String, String> typed, String name, String label, List<String> problems) {
        String value = typed.get(name);
        if (value != null && !Identifiers.isValid(value)) {
            problems.add(label + " must be an id: 1 to 64 letters, digits, '.', '_' or '-'");
            return null;
        }
        return value;
    }

    private static Integer number(String text, int lowest, int highest, String problem, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= lowest && number <= highest) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // the problem below says what a good value looks like
        }
        problems.add(problem);
        return null;
    }

    /** Input that is not valid: every problem found, each saying what a good value looks like. */
    static final class BadQuery extends RuntimeException {

        private final List<String> problems;

        BadQuery(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
